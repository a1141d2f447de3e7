-- dash_coverage_trend_all: dash_coverage_trend without filters, as Refresh stored it
-- (serving_coverage_trend).
SELECT year, coverage, reports FROM serving_coverage_trend ORDER BY year;
