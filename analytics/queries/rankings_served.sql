-- rankings_served: the rankings view (rankings.sql) without a year span or of one year,
-- from serving_rankings, which Refresh computes for every indicator and group over all
-- years (span_year NULL) and over each year:
-- the groups are whole there too, and the region, level and organ filters only select
-- rows, as rankings.sql's QUALIFY does. The Wilson interval and small_n are added here.
-- $1, $2: year span (both NULL, or one year); $3: region prefix; $4: indicator; $5: group.
{{template "rankings_served_rows"}}
  AND {{template "region"}} {{match 6 "level" "organ"}}
ORDER BY seq;
