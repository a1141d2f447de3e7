-- growth_base: growth (see growth.sql) from a chosen base year: serving_growth with cagr
-- recomputed from each organ's value of that year (NULL where the organ did not state
-- the metric that year, or for the base year itself and the years before it).
-- $1, $2: year span of the rows shown (the growth itself may reach outside it);
-- $3: region prefix; $4: metric key (NULL = all); $5: base year.
SELECT g.organ, g.region_code, g.province_code, g.province, g.level, g.year, g.metric, g.value,
       g.prev_value, g.change, g.yoy,
       $5::INTEGER AS base_year,
       b.value AS base_value,
       CASE WHEN b.value > 0 AND g.value >= 0 AND g.year > $5::INTEGER
            THEN pow(g.value / b.value, 1.0 / (g.year - $5::INTEGER)) - 1 END AS cagr
FROM serving_growth g
LEFT JOIN (
    SELECT organ_key, metric, value FROM serving_growth
    WHERE year = $5::INTEGER AND ($4::VARCHAR IS NULL OR metric = $4)
) b ON b.organ_key = g.organ_key AND b.metric = g.metric
WHERE ($1::INTEGER IS NULL OR g.year >= $1) AND ($2::INTEGER IS NULL OR g.year <= $2)
  AND ($3::VARCHAR IS NULL OR starts_with(g.region_code, $3))
  AND ($4::VARCHAR IS NULL OR g.metric = $4) {{match 6 "g.level" "g.organ"}}
ORDER BY g.seq
