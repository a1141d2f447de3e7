{{define "fact_identity"}}
-- identity: the report of each fact of page (rid, doc_seq, the fact's columns), read
-- from reports (serving_reports' identity columns are reports', province_code derived
-- alike) matched by doc_seq first: reports are stored in doc_seq order, so zone maps
-- skip every other row group, where joining serving_reports read every report. Rows
-- stored before migration 007 (no doc_seq) are matched by their keys alone, a branch
-- that the zone maps skip whole when there are none.
identity AS (
    -- reports is named in each branch, not in a CTE: a CTE read twice is materialised
    -- whole, before any join could bound its scan
    SELECT f.*, r.organ, r.region_code, r.province, r.city, r.county, r.level, r.year
    FROM page f
    JOIN reports r ON r.doc_seq = f.doc_seq AND r.document_sha256 = f.document_sha256 AND r.report_id = f.report_id
    UNION ALL
    SELECT f.*, r.organ, r.region_code, r.province, r.city, r.county, r.level, r.year
    FROM page f
    JOIN reports r ON r.document_sha256 = f.document_sha256 AND r.report_id = f.report_id
    WHERE f.doc_seq IS NULL AND r.doc_seq IS NULL
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
