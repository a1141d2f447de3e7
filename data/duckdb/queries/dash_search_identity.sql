-- dash_search_identity: the identity of the reports of some documents, the unfiltered
-- search's hits, by doc_seq (zone maps skip the rest of reports). $1: doc_seq list
-- (list_contains is a filter of the scan; = ANY became a join).
SELECT doc_seq, report_id, document_sha256, organ, region_code, level, year
FROM reports
WHERE list_contains($1::BIGINT[], doc_seq);
