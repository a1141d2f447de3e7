-- dash_search_hit_identity: the reports selected by a filtered search (the filters of
-- dash_search_candidates.sql, $1…$3) among the documents of some hits ($4: doc_seq list),
-- with the identity the hits show. A hit of a document's other, unselected report finds
-- no row here and is dropped.
SELECT doc_seq, report_id, document_sha256, organ, region_code, level, year
FROM serving_fact_index
WHERE ($1::INTEGER IS NULL OR year = $1) AND ($2::VARCHAR IS NULL OR level = $2)
  AND ($3::VARCHAR IS NULL OR (starts_with(region_code, $3) AND region_code >= $3 AND region_code < ($3 || chr(1114111))))
  AND list_contains($4::BIGINT[], doc_seq);
