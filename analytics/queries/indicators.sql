-- indicators: one row per annual report (see _annual), the derived indicators of
-- METRICS.md with numerator, denominator and Wilson 95% interval of every rate.
-- $1, $2: year span (NULL = open); $3: region code prefix (NULL = all).
WITH {{template "cte_annual"}}, {{template "cte_indicators"}}
{{template "indicators_rows"}}
