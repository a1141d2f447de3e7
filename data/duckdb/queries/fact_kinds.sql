-- fact_kinds: the dictionary of fact_codes' kind (migration 013).
SELECT code, key, scope, semantic, coalesce(unit, ''), coalesce(method, '') FROM fact_kinds;
