-- dash_search_texts: the hits among the texts of some documents (a batch of the reports
-- a filtered search selects, dash_search_candidates), in storage order. list_contains is
-- a filter of the scan, checked before contains(text) and cheaper, so that only those
-- rows' texts are read: = ANY($2) became a semi join, and IN (…) literals a filter after
-- contains, both reading every text of the doc_seq range (0.2 s warm, 3.5 s cold at 10⁶
-- reports, against 0.03 s and 0.5 s).
-- $1: the literal text sought; $2: the documents' doc_seq.
SELECT doc_seq, report_id, document_sha256, pos, greatest(pos - 60, 1) AS snippet_start,
       substr(text, greatest(pos - 60, 1), 60 + length($1) + 80) AS snippet
FROM (
    SELECT t.rowid AS rid, t.doc_seq, t.report_id, t.document_sha256, t.text, instr(t.text, $1) AS pos
    FROM report_texts t
    WHERE list_contains($2::BIGINT[], t.doc_seq) AND contains(t.text, $1)
)
ORDER BY rid;
