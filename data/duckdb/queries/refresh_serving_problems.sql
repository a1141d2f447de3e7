-- refresh_serving_problems: the quality problems that do not depend on the request (late,
-- failed_check, cross_year; see analytics/queries/quality.sql). 'missing' depends on the
-- expected governments passed in, so quality.sql computes it per request.
CREATE OR REPLACE TABLE serving_problems AS
WITH failed AS (
    SELECT c.document_sha256, c.report_id, c.doc_seq, r.report_no, c.name, c.detail
    FROM checks c
    JOIN reports r ON r.doc_seq = c.doc_seq AND r.report_id = c.report_id
    WHERE NOT c.ok
),
{{template "check_evidence"}},
cross_year AS (
    SELECT a.organ, a.region_code, a.province_code, a.province, a.level, a.year,
           b.report_id, b.document_sha256, b.source_path,
           a.carried_forward = b.requests_carried_over AS ok,
           'carried_forward ' || a.year || ' = ' || a.carried_forward::VARCHAR
               || CASE WHEN a.carried_forward = b.requests_carried_over THEN ' = ' ELSE ' ≠ ' END
               || 'requests_carried_over ' || b.year || ' = ' || b.requests_carried_over::VARCHAR AS detail
    FROM serving_annual a
    JOIN serving_annual b ON b.organ_key = a.organ_key AND b.year = a.year + 1
    WHERE a.carried_forward IS NOT NULL AND b.requests_carried_over IS NOT NULL
)
SELECT 'late' AS kind, organ, region_code, province_code, province, level, year, report_id, document_sha256,
       source_path, 'on_time' AS check_name,
       'published ' || published::VARCHAR || ' after deadline ' || deadline::VARCHAR AS detail,
       NULL::VARCHAR AS evidence
FROM serving_annual
WHERE published IS NOT NULL AND deadline IS NOT NULL AND published > deadline
UNION ALL
SELECT 'failed_check', a.organ, a.region_code, a.province_code, a.province, a.level, a.year, a.report_id,
       a.document_sha256, a.source_path, c.name, c.detail, e.evidence
FROM serving_annual a
JOIN failed c USING (document_sha256, report_id)
LEFT JOIN evidence e ON e.document_sha256 = c.document_sha256 AND e.report_id = c.report_id AND e.name = c.name
UNION ALL
SELECT 'cross_year', organ, region_code, province_code, province, level, year, report_id, document_sha256,
       source_path, 'cross_year', detail, NULL
FROM cross_year
WHERE NOT ok
ORDER BY kind, year, region_code NULLS LAST, organ, check_name, report_id, document_sha256, detail;
