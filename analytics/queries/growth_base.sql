-- growth_base: growth (see growth.sql) from a chosen base year, computed per request
-- from serving_annual and facts. yoy_<metric> and cagr_<metric> per organ, metric and year, from the facts at
-- scope whole of the annual reports (see _annual).
-- yoy compares with the same organ's value of exactly the year before (a gap is NULL,
-- not a two-year change); NULL when either value is missing or the earlier one is 0.
-- cagr runs from the base year ($5, or else the organ's first year stating the metric)
-- to the row's year; NULL when the base value is missing or ≤ 0, the value is negative
-- or the span is empty.
-- $1, $2: year span of the rows shown (the growth itself may reach outside it);
-- $3: region prefix; $4: metric key (NULL = all); $5: base year (NULL = first year).
WITH {{template "cte_annual"}},
vals AS (
    SELECT a.organ_key, any_value(a.organ) AS organ, any_value(a.region_code) AS region_code,
           any_value(a.province_code) AS province_code, any_value(a.province) AS province,
           any_value(a.level) AS level, a.year,
           f.key AS metric, max(f.value) AS value
    FROM annual a
    JOIN facts f USING (document_sha256, report_id)
    WHERE f.scope = 'whole' AND ($4::VARCHAR IS NULL OR f.key = $4)
    GROUP BY a.organ_key, a.year, f.key
),
based AS (
    SELECT *,
           coalesce($5::INTEGER,
                    min(CASE WHEN value IS NOT NULL THEN year END) OVER (PARTITION BY organ_key, metric)) AS base_year
    FROM vals
)
SELECT cur.organ, cur.region_code, cur.province_code, cur.province, cur.level, cur.year, cur.metric, cur.value,
       prev.value AS prev_value,
       cur.value - prev.value AS change,
       CASE WHEN prev.value <> 0 THEN (cur.value - prev.value) / prev.value END AS yoy,
       cur.base_year,
       base.value AS base_value,
       CASE WHEN base.value > 0 AND cur.value >= 0 AND cur.year > cur.base_year
            THEN pow(cur.value / base.value, 1.0 / (cur.year - cur.base_year)) - 1 END AS cagr
FROM based cur
LEFT JOIN vals prev ON prev.organ_key = cur.organ_key AND prev.metric = cur.metric AND prev.year = cur.year - 1
LEFT JOIN vals base ON base.organ_key = cur.organ_key AND base.metric = cur.metric AND base.year = cur.base_year
WHERE ($1::INTEGER IS NULL OR cur.year >= $1) AND ($2::INTEGER IS NULL OR cur.year <= $2)
  AND ($3::VARCHAR IS NULL OR starts_with(cur.region_code, $3)) {{match 6 "cur.level" "cur.organ"}}
ORDER BY cur.metric, cur.region_code NULLS LAST, cur.organ, cur.organ_key, cur.year;
