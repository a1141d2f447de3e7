-- dash_search_identity: the identity of the reports of some documents, the unfiltered
-- search's hits, by doc_seq (zone maps skip the rest of reports). $1: doc_seq list
-- (list_contains is a filter of the scan, = ANY became a join; the BETWEEN of the list's
-- bounds lets zone maps skip the row groups outside them, which list_contains does not).
SELECT doc_seq, report_id, document_sha256, organ, region_code, level, year
FROM reports
WHERE doc_seq BETWEEN list_min($1::BIGINT[]) AND list_max($1::BIGINT[]) AND list_contains($1::BIGINT[], doc_seq);
