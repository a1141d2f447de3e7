-- rankings_served: the rankings view (rankings.sql) without a year span or of one year,
-- from serving_rankings, which Refresh computes for every indicator and group over all
-- years (span_year NULL) and over each year:
-- the groups are whole there too, and the region, level and organ filters only select
-- rows, as rankings.sql's QUALIFY does. The Wilson interval and small_n are added here.
-- $1, $2: year span (both NULL, or one year); $3: region prefix; $4: indicator; $5: group.
SELECT indicator, peer_group, organ, region_code, province_code, province, level,
       first_year, last_year, years, numerator, denominator, rate,
       {{wilson "numerator" "denominator" "lo"}} AS rate_lo, {{wilson "numerator" "denominator" "hi"}} AS rate_hi,
       denominator < {{smallN}} AS small_n,
       peer_rate, prior_strength, shrunk_rate, rank, peer_size, percentile
FROM serving_rankings
WHERE indicator = $4 AND grp = $5 AND $2::INTEGER IS NOT DISTINCT FROM $1::INTEGER
  AND (($1::INTEGER IS NULL AND span_year IS NULL) OR span_year = $1)
  AND {{template "region"}} {{match 6 "level" "organ"}}
ORDER BY seq;
