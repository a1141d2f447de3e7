{{define "fact_identity"}}
-- identity: the report of each fact of page (rid and the columns of fact_codes), read
-- from reports (serving_reports' identity columns are reports', province_code derived
-- alike) by (doc_seq, report_no): reports are stored in doc_seq order, so zone maps skip
-- every other row group, where joining serving_reports read every report. The kinds of
-- the page's facts decoded. The evidence stored as a slice (migrations 014, 015) is cut from
-- the report's text. reps and texts are reports and report_texts as the including query
-- bounds them: the page's documents are consecutive, so the join's range of doc_seq lets
-- zone maps skip every other row group when the page is the join's smaller side, and a
-- range of facts states its documents' range (facts_range.sql).
identity AS (
    SELECT f.rid, f.value, fact_evidence(f.evidence, t.text, f.evidence_at, f.evidence_bytes, f."offset", f.evidence_len) AS evidence,
           f."offset", f.approx, k.key, k.scope, k.semantic, k.unit, k.method,
           r.report_id, r.document_sha256, r.organ, r.region_code, r.province, r.city, r.county, r.level, r.year
    FROM page f
    JOIN reps r ON r.doc_seq = f.doc_seq AND r.report_no = f.report_no
    JOIN fact_kinds k ON k.code = f.kind
    LEFT JOIN texts t ON t.doc_seq = f.doc_seq AND t.report_id = r.report_id
)
SELECT
    report_id, document_sha256, organ, region_code,
    CASE WHEN length(region_code) = 6 THEN substr(region_code, 1, 2) || '0000' END AS province_code,
    province, city, county,
    level, year, key, scope, value, semantic, unit, method, evidence,
    "offset", approx
FROM identity
ORDER BY rid
{{end}}
