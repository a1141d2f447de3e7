-- 015: evidence stored as a slice of its report's text (014) is located in bytes, not
-- characters. DuckDB's substring walks a text's characters up to the offset: cutting
-- the evidence of every fact of 10⁵ reports that way took most of an export's time
-- (4.1 s a chunk of 262,144 facts, against 0.3 s for a byte slice), and every page of
-- facts paid it too. New rows store the byte offset and length of the evidence in the
-- UTF-8 text (evidence_at, evidence_bytes) and no evidence_len; rows stored under 014
-- keep their length in characters, and rows before it their whole evidence.
ALTER TABLE fact_codes ADD COLUMN evidence_at INTEGER;
ALTER TABLE fact_codes ADD COLUMN evidence_bytes INTEGER;

-- fact_evidence is a fact's evidence whichever way it is stored (ev: fact_codes.evidence,
-- txt: its report's text, b and nb: evidence_at and evidence_bytes, c and nc: offset and
-- evidence_len). A slice with a NULL bound is NULL. A macro in the catalog serves
-- read-only connections too, so every query says it this one way.
CREATE MACRO fact_evidence(ev, txt, b, nb, c, nc) AS
    coalesce(ev, decode(encode(txt)[b + 1 : b + nb]), substring(txt, c + 1, nc));

DROP VIEW facts;
-- Every stored report has its text row, found by its document's order and its id.
CREATE VIEW facts AS
SELECT r.report_id, r.document_sha256, k.key, k.scope, f.value, k.semantic, k.unit, k.method,
       fact_evidence(f.evidence, t.text, f.evidence_at, f.evidence_bytes, f."offset", f.evidence_len) AS evidence,
       f."offset", f.approx, f.doc_seq
FROM fact_codes f
JOIN reports r ON r.doc_seq = f.doc_seq AND r.report_no = f.report_no
JOIN fact_kinds k ON k.code = f.kind
LEFT JOIN report_texts t ON t.doc_seq = f.doc_seq AND t.report_id = r.report_id;
