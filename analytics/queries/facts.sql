-- facts: the long-form source of truth with the identity of the report each value
-- belongs to. $1, $2: year span; $3: region code prefix.
SELECT
    f.report_id, f.document_sha256, r.organ, r.region_code,
    CASE WHEN length(r.region_code) = 6 THEN substr(r.region_code, 1, 2) || '0000' END AS province_code,
    r.province, r.city, r.county,
    r.level, r.year, f.key, f.scope, f.value, f.semantic, f.unit, f.method, f.evidence,
    f."offset", f.approx
FROM facts f
JOIN reports r USING (document_sha256, report_id)
WHERE {{template "filter"}} {{match 4 "r.level" "r.organ" "f.report_id" "f.key"}}
ORDER BY r.year NULLS LAST, r.region_code NULLS LAST, r.organ, f.report_id, f.document_sha256, f."offset", f.key, f.scope;
