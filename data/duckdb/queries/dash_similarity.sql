-- dash_similarity: the copy-paste suspects (migration 008) under the page filters, most
-- similar first, at most $6. $1, $2: year span; $3: region prefix; $4: level (unused:
-- the table has no level; kept so the page filters line up); $5: organ (NULL = all).
SELECT kind, organ, region_code, year, report_id, document_sha256, source_path,
       other_organ, other_year, other_report_id, jaccard, evidence, computed_at
FROM serving_similarity
WHERE ($1::INTEGER IS NULL OR year >= $1) AND ($2::INTEGER IS NULL OR year <= $2)
  AND ($3::VARCHAR IS NULL OR (starts_with(region_code, $3) AND region_code >= $3 AND region_code < ($3 || chr(1114111))))
  AND ($4::VARCHAR IS NULL OR true) AND ($5::VARCHAR IS NULL OR organ = $5)
ORDER BY jaccard DESC, year, organ, report_id
LIMIT $6;
