-- refresh_serving_overview: dash_overview_counts.sql without filters (keep the two in
-- step): the unfiltered overview's tallies, a count(DISTINCT organ) and four GROUP BYs
-- over every report, 300 ms per request at 10⁶ reports.
CREATE OR REPLACE TABLE serving_overview AS
WITH r AS (SELECT * FROM serving_reports)
SELECT 'reports' AS dim, '' AS key, count(*)::DOUBLE AS value FROM r
UNION ALL SELECT 'annual', '', count(*) FROM r WHERE is_annual_report
UNION ALL SELECT 'organs', '', count(DISTINCT coalesce(organ, '')) FROM r WHERE is_annual_report
UNION ALL SELECT 'level', coalesce(level, ''), count(*) FROM r WHERE is_annual_report GROUP BY ALL
UNION ALL SELECT 'template', coalesce(template, ''), count(*) FROM r WHERE is_annual_report GROUP BY ALL
UNION ALL SELECT 'province', province_code, sum(requests_new) FROM r
    WHERE is_annual_report AND requests_new IS NOT NULL AND province_code IS NOT NULL GROUP BY ALL;
