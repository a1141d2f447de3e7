-- dash_search_candidates: the reports a filtered search looks in, with the identity its
-- hits show, in storage order (doc_seq). $1: year (NULL = all); $2: level (NULL = all);
-- $3: region code prefix (NULL = all).
SELECT doc_seq, report_id, document_sha256, organ, region_code, level, year
FROM reports
WHERE ($1::INTEGER IS NULL OR year = $1) AND ($2::VARCHAR IS NULL OR level = $2)
  AND ($3::VARCHAR IS NULL OR starts_with(region_code, $3))
ORDER BY doc_seq NULLS FIRST, document_sha256, report_id;
