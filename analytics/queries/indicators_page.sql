-- indicators_page: a page of the unfiltered indicators view, as a range of serving_annual's
-- dense seq (see reports_page.sql for why); the filter is pushed through ind into the scan
-- of serving_annual. $1: offset; $2: offset + limit.
WITH {{template "cte_annual"}}, {{template "cte_indicators"}}
{{template "indicators_columns"}}
WHERE seq > $1 AND seq <= $2
ORDER BY seq;
