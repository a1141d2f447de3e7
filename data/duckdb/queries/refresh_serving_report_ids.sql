-- refresh_serving_report_ids: every report's dash_report.sql row, in report_id order. A
-- report looked up by its id (/report/:id) is then found in one row group, by zone maps
-- on report_id, in a table serve keeps in memory (DB.Warm), where the reports and
-- documents tables, in ingest order, cost two reads of row groups no request may have
-- touched (25-85 ms at 10⁶ reports). Same columns, in the same order, as dash_report.sql.
CREATE OR REPLACE TABLE serving_report_ids AS
SELECT r.report_id, r.document_sha256, r.organ, r.region_code, r.province, r.city, r.county,
       r.level, r.year,
       r.published, r.template, r.is_annual_report, r.extractor_version,
       r.key_area_coverage, r.warnings, r.source_path, coalesce(r.source_url, d.url) AS source_url,
       d.format, d.charset, d.fetched_at, d.size, r.doc_seq
FROM reports r
LEFT JOIN documents d ON d.seq = r.doc_seq AND d.sha256 = r.document_sha256
WHERE r.doc_seq IS NOT NULL
ORDER BY r.report_id, r.document_sha256;
