-- serving_layout: whether the serving tables have the columns this binary's queries read,
-- told by the latest one added (serving_fact_index.report_no). Tables of an older refresh
-- still serve, some pages through slower queries, until the next refresh.
SELECT count(*) = 1
FROM duckdb_columns()
WHERE table_name = 'serving_fact_index' AND column_name = 'report_no';
