-- dash_search_scan: the unfiltered search's hits (see dash_search.sql), in storage order,
-- stopping once $2 + $3 texts matched; the reports' identity is looked up afterwards by
-- doc_seq (dash_search_identity), where joining serving_reports read every report.
-- $1: the literal text sought; $2: limit; $3: offset.
SELECT doc_seq, report_id, document_sha256, pos, greatest(pos - 60, 1) AS snippet_start,
       substr(text, greatest(pos - 60, 1), 60 + length($1) + 80) AS snippet
FROM (
    SELECT t.doc_seq, t.report_id, t.document_sha256, t.text, instr(t.text, $1) AS pos
    FROM report_texts t
    WHERE contains(t.text, $1)
    LIMIT $2 OFFSET $3
);
