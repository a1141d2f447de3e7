-- facts: the long-form source of truth with the identity of the report each value
-- belongs to, in storage (insertion) order: facts is the one table too big (10⁸ rows) to
-- sort per request, and in this order a page stops reading as soon as it is full.
-- Evidence stored as a slice (migrations 014, 015) is cut from the report's text.
-- $1, $2: year span; $3: region code prefix.
SELECT
    f.report_id, f.document_sha256, r.organ, r.region_code, r.province_code,
    r.province, r.city, r.county,
    r.level, r.year, f.key, f.scope, f.value, f.semantic, f.unit, f.method, f.evidence,
    f."offset", f.approx
FROM (SELECT f.rowid AS rid, d.report_id, d.document_sha256, k.key, k.scope, f.value,
             k.semantic, k.unit, k.method,
             fact_evidence(f.evidence, t.text, f.evidence_at, f.evidence_bytes, f."offset", f.evidence_len) AS evidence,
             f."offset", f.approx
      FROM fact_codes f
      JOIN reports d ON d.doc_seq = f.doc_seq AND d.report_no = f.report_no
      JOIN fact_kinds k ON k.code = f.kind
      LEFT JOIN report_texts t ON t.doc_seq = f.doc_seq AND t.report_id = d.report_id) f
JOIN serving_reports r USING (document_sha256, report_id)
WHERE {{template "filter"}} {{match 4 "r.level" "r.organ" "f.report_id" "f.key"}}
ORDER BY f.rid;
