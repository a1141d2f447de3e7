-- dash_quality_kinds: the number of quality problems of each kind under the page filters,
-- for the quality page's chart, counted in serving_quality (the quality view without
-- expected governments) so that the page reads only the rows it shows.
-- $1, $2: year span; $3: region prefix; $4: level; $5: organ (NULL = all).
SELECT kind, count(*) AS n
FROM serving_quality
WHERE ($1::INTEGER IS NULL OR year >= $1) AND ($2::INTEGER IS NULL OR year <= $2)
  AND ($3::VARCHAR IS NULL OR (starts_with(region_code, $3) AND region_code >= $3 AND region_code < ($3 || chr(1114111))))
  AND ($4::VARCHAR IS NULL OR level = $4) AND ($5::VARCHAR IS NULL OR organ = $5)
GROUP BY kind;
