-- facts_key_count_scan: facts_key_count for a database refreshed before serving_fact_keys
-- existed: facts' own rows of the key, counted. $1: key.
SELECT count(*) FROM facts WHERE key = $1;
