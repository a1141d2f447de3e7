-- refresh_serving_reports: the analytics reports view, unfiltered, with seq numbering its
-- order: a page is then a range of seq, not a sort of every report. The numbering reads
-- only the columns it orders by, and the rows are joined to it after, as in
-- refresh_serving_annual.sql: a window over report_metrics' 83 columns can pin more than
-- memory_limit at 10⁶ reports.
CREATE OR REPLACE TABLE serving_reports AS
WITH numbered AS (
    SELECT document_sha256, report_id,
           row_number() OVER (ORDER BY year NULLS LAST, region_code NULLS LAST, organ, report_id,
                              document_sha256) AS seq
    FROM report_metrics
)
SELECT
    m.report_id, m.document_sha256, m.source_path, d.url AS source_url, m.organ, m.region_code,
    CASE WHEN length(m.region_code) = 6 THEN substr(m.region_code, 1, 2) || '0000' END AS province_code,
    r.province, r.city, r.county,
    m.level, m.year, m.published, m.template, m.is_annual_report, m.extractor_version,
    m.key_area_coverage,
    m.* EXCLUDE (report_id, document_sha256, source_path, organ, region_code, level, year,
                 published, template, is_annual_report, extractor_version, key_area_coverage),
    n.seq
FROM numbered n
JOIN report_metrics m ON m.document_sha256 = n.document_sha256 AND m.report_id = n.report_id
JOIN reports r ON r.document_sha256 = m.document_sha256 AND r.report_id = m.report_id
LEFT JOIN documents d ON d.sha256 = m.document_sha256
ORDER BY n.seq;
