-- refresh_serving_counts: the row count of each serving table and of facts, so that the
-- total of an unfiltered page is one lookup instead of a count(*) per request (a scan of
-- 10⁶ serving rows, or a join of 10⁸ facts, at 10⁶ reports). Built last: it counts the
-- tables the steps before it wrote.
CREATE OR REPLACE TABLE serving_counts AS
SELECT 'serving_reports' AS name, count(*) AS n FROM serving_reports
UNION ALL SELECT 'serving_annual', count(*) FROM serving_annual
UNION ALL SELECT 'serving_growth', count(*) FROM serving_growth
UNION ALL SELECT 'serving_problems', count(*) FROM serving_problems
UNION ALL SELECT 'serving_quality', count(*) FROM serving_quality
UNION ALL SELECT 'serving_mentions', count(*) FROM serving_mentions
UNION ALL SELECT 'serving_coverage', count(*) FROM serving_coverage
UNION ALL SELECT 'facts', count(*) FROM fact_codes;
