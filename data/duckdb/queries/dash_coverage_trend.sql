-- dash_coverage_trend: per year, the mean key_area_coverage of the annual reports
-- (serving_annual) under the page filters, for the key-areas page's trend; years whose
-- key-area list is not scored have no coverage and no row.
-- $1, $2: year span; $3: region prefix; $4: level; $5: organ (NULL = all).
SELECT year, avg(key_area_coverage) AS coverage, count(*) AS reports
FROM serving_annual
WHERE key_area_coverage IS NOT NULL
  AND ($1::INTEGER IS NULL OR year >= $1) AND ($2::INTEGER IS NULL OR year <= $2)
  AND ($3::VARCHAR IS NULL OR (starts_with(region_code, $3) AND region_code >= $3 AND region_code < ($3 || chr(1114111))))
  AND ($4::VARCHAR IS NULL OR level = $4) AND ($5::VARCHAR IS NULL OR organ = $5)
GROUP BY year
ORDER BY year;
