-- dash_year_sums: per year, the annual report rows of the reports view (serving_reports)
-- under the page filters, with the sum and the count of stating rows of each metric the
-- overview, trends and organ charts draw: one small aggregate instead of every row.
-- $1, $2: year span; $3: region prefix; $4: level; $5: organ (NULL = all).
SELECT year, count(*) AS rows,
       sum(requests_new) AS sum_requests_new, count(requests_new) AS n_requests_new,
       sum(concluded_total) AS sum_concluded_total, count(concluded_total) AS n_concluded_total,
       sum(granted) AS sum_granted, count(granted) AS n_granted,
       sum(partial) AS sum_partial, count(partial) AS n_partial,
       sum(denied_total) AS sum_denied_total, count(denied_total) AS n_denied_total,
       sum(unable_total) AS sum_unable_total, count(unable_total) AS n_unable_total
FROM serving_reports
WHERE is_annual_report AND year IS NOT NULL AND year <> 0
  AND ($1::INTEGER IS NULL OR year >= $1) AND ($2::INTEGER IS NULL OR year <= $2)
  AND ($3::VARCHAR IS NULL OR (starts_with(region_code, $3) AND region_code >= $3 AND region_code < ($3 || chr(1114111))))
  AND ($4::VARCHAR IS NULL OR level = $4) AND ($5::VARCHAR IS NULL OR organ = $5)
GROUP BY year
ORDER BY year;
