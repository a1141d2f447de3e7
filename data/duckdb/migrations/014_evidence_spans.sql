-- 014: a fact whose evidence is its report's text from its offset on, as the extractor
-- cuts nearly all of it (data.Document.Span), stores only the evidence's length, in
-- characters, and a NULL evidence; the facts view cuts it from report_texts. A table
-- fact's evidence runs from its row's label to its cell, so a row of seven columns
-- repeated its label seven times, and a derived total repeats the rows it sums: evidence
-- was 807 MB of the strings a 10⁵-report ingest wrote, against 340 MB of texts, and each
-- was copied by the driver, by the appender and by DuckDB's local storage, and analysed
-- for compression. Evidence that is not such a slice (none the extractor makes now) is
-- stored as before, with a NULL length; so are the rows stored before this migration.
ALTER TABLE fact_codes ADD COLUMN evidence_len INTEGER;

DROP VIEW facts;
-- Every stored report has its text row, found by its document's order and its id.
CREATE VIEW facts AS
SELECT r.report_id, r.document_sha256, k.key, k.scope, f.value, k.semantic, k.unit, k.method,
       coalesce(f.evidence, substring(t.text, f."offset" + 1, f.evidence_len)) AS evidence,
       f."offset", f.approx, f.doc_seq
FROM fact_codes f
JOIN reports r ON r.doc_seq = f.doc_seq AND r.report_no = f.report_no
JOIN fact_kinds k ON k.code = f.kind
LEFT JOIN report_texts t ON t.doc_seq = f.doc_seq AND t.report_id = r.report_id;
