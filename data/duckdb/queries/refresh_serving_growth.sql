-- refresh_serving_growth: the growth view with each organ's own base year (the default),
-- unfiltered, seq numbering its order. yoy compares with the same organ's value of
-- exactly the year before (a gap is NULL); cagr runs from the organ's first year stating
-- the metric. A chosen base year (analytics growth_base.sql) is computed per request.
CREATE OR REPLACE TABLE serving_growth AS
WITH vals AS (
    SELECT a.organ_key, any_value(a.organ) AS organ, any_value(a.region_code) AS region_code,
           any_value(a.province_code) AS province_code, any_value(a.province) AS province,
           any_value(a.level) AS level, a.year,
           f.key AS metric, max(f.value) AS value
    FROM serving_annual a
    JOIN facts f USING (document_sha256, report_id)
    WHERE f.scope = 'whole'
    GROUP BY a.organ_key, a.year, f.key
),
w AS (
    -- the year before and the base year by window, not by joining vals to itself: the
    -- base value is the first value stated, since the base year is the first year stating it
    SELECT *,
           lag(year) OVER o AS prev_year,
           lag(value) OVER o AS lag_value,
           min(CASE WHEN value IS NOT NULL THEN year END) OVER a AS base_year,
           first_value(value IGNORE NULLS) OVER a AS base_value
    FROM vals
    WINDOW o AS (PARTITION BY organ_key, metric ORDER BY year),
           a AS (PARTITION BY organ_key, metric ORDER BY year ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
),
cur AS (
    SELECT *, CASE WHEN prev_year = year - 1 THEN lag_value END AS prev_value FROM w
)
SELECT * FROM (
    SELECT organ, region_code, province_code, province, level, year, metric, value,
           prev_value,
           value - prev_value AS change,
           CASE WHEN prev_value <> 0 THEN (value - prev_value) / prev_value END AS yoy,
           base_year,
           base_value,
           CASE WHEN base_value > 0 AND value >= 0 AND year > base_year
                THEN pow(value / base_value, 1.0 / (year - base_year)) - 1 END AS cagr,
           organ_key,
           row_number() OVER (ORDER BY metric, region_code NULLS LAST, organ, organ_key, year) AS seq
    FROM cur
)
ORDER BY seq;
