-- dash_organs: the organs with annual reports under the page filters and how many each
-- has, by name, for the organ page's list: an aggregate over serving_annual rather than
-- every report read into Go. At most $6 names (a national list has 10⁵).
-- $1, $2: year span; $3: region prefix; $4: level; $5: organ (NULL = all); $6: limit.
SELECT organ, count(*) AS reports
FROM serving_annual
WHERE organ IS NOT NULL
  AND ($1::INTEGER IS NULL OR year >= $1) AND ($2::INTEGER IS NULL OR year <= $2)
  AND ($3::VARCHAR IS NULL OR (starts_with(region_code, $3) AND region_code >= $3 AND region_code < ($3 || chr(1114111))))
  AND ($4::VARCHAR IS NULL OR level = $4) AND ($5::VARCHAR IS NULL OR organ = $5)
GROUP BY organ
ORDER BY organ
LIMIT $6;
