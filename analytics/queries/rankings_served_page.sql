-- rankings_served_page: a page of rankings_served.sql when no region, level or organ
-- selects rows: the rows of one indicator, group and span are numbered 1..n by seq in the
-- view's order, and stored in that order, so rows offset+1 … offset+limit are a seq range
-- that DuckDB's zone maps read from one row group. With ORDER BY seq LIMIT, it computed
-- the Wilson interval of all 76,922 rows and kept the top 200: 23-31 ms against 12-16 at
-- 10⁶ reports. $1…$7: rankings_served.sql's; $8: offset; $9: offset + limit.
SELECT indicator, peer_group, organ, region_code, province_code, province, level,
       first_year, last_year, years, numerator, denominator, rate,
       {{wilson "numerator" "denominator" "lo"}} AS rate_lo, {{wilson "numerator" "denominator" "hi"}} AS rate_hi,
       denominator < {{smallN}} AS small_n,
       peer_rate, prior_strength, shrunk_rate, rank, peer_size, percentile
FROM serving_rankings
WHERE indicator = $4 AND grp = $5 AND $2::INTEGER IS NOT DISTINCT FROM $1::INTEGER
  AND (($1::INTEGER IS NULL AND span_year IS NULL) OR span_year = $1)
  AND $3::VARCHAR IS NULL AND $6::VARCHAR IS NULL AND $7::VARCHAR IS NULL
  AND seq > $8 AND seq <= $9
ORDER BY seq;
