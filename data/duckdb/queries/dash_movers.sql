-- dash_movers: the ten organs whose metric changed most in absolute value in the latest
-- year with any change, from serving_growth under the page filters.
-- $1, $2: year span; $3: region prefix; $4: level; $5: organ; $6: metric.
WITH g AS (
    SELECT * FROM serving_growth
    WHERE metric = $6 AND change IS NOT NULL
      AND ($1::INTEGER IS NULL OR year >= $1) AND ($2::INTEGER IS NULL OR year <= $2)
      AND ($3::VARCHAR IS NULL OR (starts_with(region_code, $3) AND region_code >= $3 AND region_code < ($3 || chr(1114111))))
      AND ($4::VARCHAR IS NULL OR level = $4) AND ($5::VARCHAR IS NULL OR organ = $5)
)
SELECT organ, year, value, prev_value, change
FROM g
WHERE year = (SELECT max(year) FROM g)
ORDER BY abs(change) DESC, seq
LIMIT 10;
