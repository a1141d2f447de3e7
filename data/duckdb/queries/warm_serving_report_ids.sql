-- warm_serving_report_ids: reads every column of serving_report_ids once (DB.Warm), so that its
-- blocks are in DuckDB's buffer before the first request that filters it.
SELECT max(COLUMNS(*)) FROM serving_report_ids;
