-- dash_report_served: dash_report.sql's row, found through serving_report_ids: the
-- report's document and doc_seq from there (one row group), then its reports and
-- documents rows by doc_seq, which zone maps find without reading the rest. No row when
-- the report was stored after the last refresh, or re-extracted since (its doc_seq
-- changed): DB.Report then runs dash_report.sql. $1: report_id.
WITH id AS (
    SELECT document_sha256, doc_seq
    FROM serving_report_ids
    WHERE report_id = $1
    ORDER BY document_sha256
    LIMIT 1
)
SELECT r.report_id, r.document_sha256, r.organ, r.region_code, r.province, r.city, r.county,
       r.level, r.year,
       r.published, r.template, r.is_annual_report, r.extractor_version,
       r.key_area_coverage, r.warnings, r.source_path, coalesce(r.source_url, d.url) AS source_url,
       d.format, d.charset, d.fetched_at, d.size, r.doc_seq
FROM id
JOIN reports r ON r.doc_seq = id.doc_seq AND r.document_sha256 = id.document_sha256 AND r.report_id = $1
LEFT JOIN documents d ON d.seq = r.doc_seq AND d.sha256 = r.document_sha256;
