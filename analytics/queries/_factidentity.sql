{{define "fact_identity"}}
-- identity: the report of each fact of page (rid, doc_seq and the columns of fact_rows),
-- read from reports (serving_reports' identity columns are reports', province_code
-- derived alike) by (doc_seq, report_id): reports are stored in doc_seq order, so zone
-- maps skip every other row group, where joining serving_reports read every report.
identity AS (
    SELECT f.*, r.document_sha256, r.organ, r.region_code, r.province, r.city, r.county, r.level, r.year
    FROM page f
    JOIN reports r ON r.doc_seq = f.doc_seq AND r.report_id = f.report_id
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
