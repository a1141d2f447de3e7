-- dash_report: one report's identity and provenance. $1: report_id.
-- A report id can appear in several documents (mirror copies); the first document wins.
-- doc_seq is for the queries of the report's rows (dash_report_facts…), not shown.
SELECT r.report_id, r.document_sha256, r.organ, r.region_code, r.province, r.city, r.county,
       r.level, r.year,
       r.published, r.template, r.is_annual_report, r.extractor_version,
       r.key_area_coverage, r.warnings, r.source_path, coalesce(r.source_url, d.url) AS source_url,
       d.format, d.charset, d.fetched_at, d.size, r.doc_seq
FROM reports r
LEFT JOIN documents d ON d.sha256 = r.document_sha256
WHERE r.report_id = $1
ORDER BY r.document_sha256
LIMIT 1;
