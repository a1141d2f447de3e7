{{define "rankings_served_rows"}}
-- the rows of serving_rankings of one indicator ($4), group ($5) and span ($1, $2: both
-- NULL, or one year), with the Wilson interval and small_n, which Refresh leaves out
SELECT indicator, peer_group, organ, region_code, province_code, province, level,
       first_year, last_year, years, numerator, denominator, rate,
       {{wilson "numerator" "denominator" "lo"}} AS rate_lo, {{wilson "numerator" "denominator" "hi"}} AS rate_hi,
       denominator < {{smallN}} AS small_n,
       peer_rate, prior_strength, shrunk_rate, rank, peer_size, percentile
FROM serving_rankings
WHERE indicator = $4 AND grp = $5 AND $2::INTEGER IS NOT DISTINCT FROM $1::INTEGER
  AND (($1::INTEGER IS NULL AND span_year IS NULL) OR span_year = $1)
{{end}}
