-- dash_report_text: the stored text of one report, which its facts' evidence and offsets
-- refer to. $1: report_id; $2: document sha256; $3: its doc_seq. DuckDB reads the one row
-- through report_texts_doc_seq (refresh_index_report_texts.sql) only when doc_seq is the
-- scan's only filter (hence the MATERIALIZED CTE); else, or with no index (stored since
-- the last refresh), it decodes the vector of 2,048 texts around it, 70-120 ms at 10⁶
-- reports. dash_report_text_unordered.sql when doc_seq is NULL.
WITH at_seq AS MATERIALIZED (
    SELECT report_id, document_sha256, text
    FROM report_texts
    WHERE doc_seq = $3
)
SELECT text
FROM at_seq
WHERE report_id = $1 AND document_sha256 = $2
LIMIT 1;
