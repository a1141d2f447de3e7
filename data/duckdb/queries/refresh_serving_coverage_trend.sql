-- refresh_serving_coverage_trend: dash_coverage_trend.sql without filters (keep the two
-- in step), the key-areas page's trend when no region, level or organ is selected.
CREATE OR REPLACE TABLE serving_coverage_trend AS
SELECT year, avg(key_area_coverage) AS coverage, count(*) AS reports
FROM serving_annual
WHERE key_area_coverage IS NOT NULL
GROUP BY year
ORDER BY year;
