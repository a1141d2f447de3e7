-- reports_page: a page of the unfiltered reports view. serving_reports is written in seq
-- order with seq = 1..n (row_number), so rows offset+1 … offset+limit are a seq range:
-- DuckDB's zone maps read the one row group holding it instead of sorting or skipping
-- every row before it (LIMIT/OFFSET). $1: offset; $2: offset + limit.
SELECT * EXCLUDE (seq)
FROM serving_reports
WHERE seq > $1 AND seq <= $2
ORDER BY seq;
