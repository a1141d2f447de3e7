-- dash_search_texts: the hits among the texts of some documents (a batch of the reports
-- a filtered search selects, dash_search_candidates), in storage order. A list parameter
-- compared with = ANY is pushed into the scan, which then reads only those rows' texts:
-- the same batch as IN (…) literals, or a join, read every text of the doc_seq range.
-- $1: the literal text sought; $2: the documents' doc_seq.
SELECT doc_seq, report_id, document_sha256, pos, greatest(pos - 60, 1) AS snippet_start,
       substr(text, greatest(pos - 60, 1), 60 + length($1) + 80) AS snippet
FROM (
    SELECT t.rowid AS rid, t.doc_seq, t.report_id, t.document_sha256, t.text, instr(t.text, $1) AS pos
    FROM report_texts t
    WHERE t.doc_seq = ANY($2::BIGINT[]) AND contains(t.text, $1)
)
ORDER BY rid;
