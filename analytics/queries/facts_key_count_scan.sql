-- facts_key_count_scan: facts_key_count for a database refreshed before serving_fact_keys
-- existed: facts' own rows of the key, counted from fact_codes and the kinds, as the facts
-- view has them (every fact has its report and its kind: DB.Integrity checks both), without
-- the view's join with the report texts for the evidence. $1: key.
SELECT count(*)
FROM fact_codes f
JOIN fact_kinds k ON k.code = f.kind
WHERE k.key = $1;
