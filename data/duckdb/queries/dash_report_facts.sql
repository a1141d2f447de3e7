-- dash_report_facts: every fact of one report in text order. $1: report_id; $2: its
-- doc_seq, which every report has since migration 012 and which, with the report id,
-- identifies the report: zone maps skip every other row group of fact_codes. (A NULL
-- branch for reports without doc_seq, looking the document's up, kept the filter from
-- reaching the scan: 25 against 1.5 ms at 10⁶ reports.) The evidence stored as a slice
-- (migrations 014, 015) is cut from the report's text, read through report_texts_doc_seq as
-- dash_report_text.sql does (hence the MATERIALIZED CTE): joined to report_texts, the
-- scan decoded the vector of 2,048 texts around it.
WITH texts AS MATERIALIZED (
    SELECT report_id, text
    FROM report_texts
    WHERE doc_seq = $2
)
SELECT k.key, k.scope, f.value, k.semantic, k.unit, k.method,
       fact_evidence(f.evidence, t.text, f.evidence_at, f.evidence_bytes, f."offset", f.evidence_len) AS evidence,
       f."offset", f.approx
FROM fact_codes f
JOIN reports r ON r.doc_seq = f.doc_seq AND r.report_no = f.report_no
JOIN fact_kinds k ON k.code = f.kind
LEFT JOIN texts t ON t.report_id = r.report_id
WHERE r.report_id = $1 AND f.doc_seq = $2
ORDER BY f."offset" NULLS LAST, k.key, k.scope;
