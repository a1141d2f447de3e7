-- rankings_served_page: a page of rankings_served.sql when no region, level or organ
-- selects rows: the rows of one indicator, group and span are numbered 1..n by seq in the
-- view's order, and stored in that order, so rows offset+1 … offset+limit are a seq range
-- that DuckDB's zone maps read from one row group. With ORDER BY seq LIMIT, it computed
-- the Wilson interval of all 76,922 rows and kept the top 200: 23-31 ms against 12-16 at
-- 10⁶ reports. $1…$7: rankings_served.sql's; $8: offset; $9: offset + limit.
{{template "rankings_served_rows"}}
  AND $3::VARCHAR IS NULL AND $6::VARCHAR IS NULL AND $7::VARCHAR IS NULL
  AND seq > $8 AND seq <= $9
ORDER BY seq;
