-- dash_search_identity: the identity of the reports of some documents, the unfiltered
-- search's hits, by doc_seq (zone maps skip the rest of reports). $1: doc_seq list.
SELECT doc_seq, report_id, document_sha256, organ, region_code, level, year
FROM reports
WHERE doc_seq = ANY($1::BIGINT[]);
