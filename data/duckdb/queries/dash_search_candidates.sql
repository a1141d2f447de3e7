-- dash_search_candidates: the reports a filtered search looks in, with the identity its
-- hits show, in storage order (doc_seq). $1: year (NULL = all); $2: level (NULL = all);
-- $3: region code prefix (NULL = all). Read from serving_fact_index, stored in year and
-- region order, so that zone maps skip every other year and province: the reports table,
-- in ingest order, took 0.2 s a search at 10⁶ reports. Its reports are serving_reports',
-- which the search without doc_seq (dash_search.sql) filters too.
SELECT doc_seq, report_id, document_sha256, organ, region_code, level, year
FROM serving_fact_index
WHERE ($1::INTEGER IS NULL OR year = $1) AND ($2::VARCHAR IS NULL OR level = $2)
  AND ($3::VARCHAR IS NULL OR (starts_with(region_code, $3) AND region_code >= $3 AND region_code < ($3 || chr(1114111))))
ORDER BY doc_seq NULLS FIRST, document_sha256, report_id;
