-- warm_serving_annual: reads every column of serving_annual once (DB.Warm), so that its
-- blocks are in DuckDB's buffer before the first request that filters it.
SELECT max(COLUMNS(*)) FROM serving_annual;
