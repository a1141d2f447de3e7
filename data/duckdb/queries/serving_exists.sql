-- serving_exists: whether migration 006 created serving_refresh (an older database has none).
SELECT count(*) > 0 FROM duckdb_tables() WHERE table_name = 'serving_refresh';
