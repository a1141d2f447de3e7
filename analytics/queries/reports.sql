-- reports: every stored report (mirror copies and non-reports included, flagged by
-- is_annual_report, so that provenance is
-- complete) with its identity and its metrics at scope whole, one column per key.
-- $1, $2: year span; $3: region code prefix.
SELECT
    m.report_id, m.document_sha256, m.source_path, d.url AS source_url, m.organ, m.region_code,
    CASE WHEN length(m.region_code) = 6 THEN substr(m.region_code, 1, 2) || '0000' END AS province_code,
    r.province, r.city, r.county,
    m.level, m.year, m.published, m.template, m.is_annual_report, m.extractor_version,
    m.key_area_coverage,
    m.* EXCLUDE (report_id, document_sha256, source_path, organ, region_code, level, year,
                 published, template, is_annual_report, extractor_version, key_area_coverage)
FROM report_metrics m
JOIN (SELECT document_sha256, report_id, province, city, county FROM reports) r
    USING (document_sha256, report_id)
LEFT JOIN documents d ON d.sha256 = m.document_sha256
WHERE {{template "filter"}} {{match 4 "m.level" "m.organ" "m.report_id"}}
ORDER BY m.year NULLS LAST, m.region_code NULLS LAST, m.organ, m.report_id, m.document_sha256;
