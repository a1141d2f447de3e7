-- refresh_serving_province_rates: dash_province_rates.sql without filters (keep the two
-- in step), for each ranked indicator: the regions page's map when nothing is selected.
CREATE OR REPLACE TABLE serving_province_rates AS
WITH ind AS (
    SELECT unnest(['grant_rate', 'refusal_rate', 'nondisclosure_rate', 'correction_rate']) AS indicator
)
SELECT indicator, province_code, sum(x) AS num, sum(n) AS den
FROM (
    SELECT i.indicator, a.province_code,
           CASE i.indicator WHEN 'grant_rate' THEN grant_rate_num WHEN 'refusal_rate' THEN refusal_rate_num
                WHEN 'nondisclosure_rate' THEN nondisclosure_rate_num ELSE correction_rate_num END AS x,
           CASE i.indicator WHEN 'correction_rate' THEN correction_rate_den ELSE rate_den END AS n
    FROM serving_annual a CROSS JOIN ind i
    WHERE a.province_code IS NOT NULL
)
WHERE x IS NOT NULL AND n IS NOT NULL
GROUP BY indicator, province_code
ORDER BY indicator, province_code;
