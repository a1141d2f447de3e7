-- refresh_serving_reports: the analytics reports view, unfiltered, with seq numbering its
-- order: a page is then a range of seq, not a sort of every report.
CREATE OR REPLACE TABLE serving_reports AS
SELECT * FROM (
    SELECT
        m.report_id, m.document_sha256, m.source_path, d.url AS source_url, m.organ, m.region_code,
        CASE WHEN length(m.region_code) = 6 THEN substr(m.region_code, 1, 2) || '0000' END AS province_code,
        r.province, r.city, r.county,
        m.level, m.year, m.published, m.template, m.is_annual_report, m.extractor_version,
        m.key_area_coverage,
        m.* EXCLUDE (report_id, document_sha256, source_path, organ, region_code, level, year,
                     published, template, is_annual_report, extractor_version, key_area_coverage),
        row_number() OVER (ORDER BY m.year NULLS LAST, m.region_code NULLS LAST, m.organ, m.report_id,
                           m.document_sha256) AS seq
    FROM report_metrics m
    JOIN (SELECT document_sha256, report_id, province, city, county FROM reports) r
        USING (document_sha256, report_id)
    LEFT JOIN documents d ON d.sha256 = m.document_sha256
)
ORDER BY seq;
