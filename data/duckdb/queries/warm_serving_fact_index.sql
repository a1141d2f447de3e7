-- warm_serving_fact_index: reads every column of serving_fact_index once (DB.Warm), so that its
-- blocks are in DuckDB's buffer before the first request that filters it.
SELECT max(COLUMNS(*)) FROM serving_fact_index;
