-- warm_serving_reports: reads every column of serving_reports once (DB.Warm), so that its
-- blocks are in DuckDB's buffer before the first request that filters it.
SELECT max(COLUMNS(*)) FROM serving_reports;
