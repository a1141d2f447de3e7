-- dash_search_texts_indexed: dash_search_texts.sql for a batch small enough for DuckDB to
-- read through report_texts_doc_seq (refresh_index_report_texts.sql): at most 2,048
-- rows, its index_scan_max_count. The batch's doc_seqs are formatted into the query as a
-- list of numbers, which is the only filter of the scan (hence the MATERIALIZED CTE): a
-- parameter list, or another filter, or no index (texts stored since the last refresh),
-- and DuckDB scans instead, decoding the vector of 2,048 texts around each document,
-- 70-120 ms each when no request read it before.
-- $1: the literal text sought.
WITH batch AS MATERIALIZED (
    SELECT rowid AS rid, doc_seq, report_id, document_sha256, text
    FROM report_texts
    WHERE doc_seq IN (%s)
)
SELECT doc_seq, report_id, document_sha256, pos, greatest(pos - 60, 1) AS snippet_start,
       substr(text, greatest(pos - 60, 1), 60 + length($1) + 80) AS snippet
FROM (
    SELECT rid, doc_seq, report_id, document_sha256, text, instr(text, $1) AS pos
    FROM batch
    WHERE contains(text, $1)
)
ORDER BY rid;
