-- facts_key_page: a page of the facts view filtered by key alone, cut from the
-- storage-order scan of facts as facts_page.sql does: the scan reads the key column
-- until the page is full, and only the page is joined with its reports, where facts.sql
-- joins every fact of the key before paging. $1: limit (NULL = all); $2: offset; $3: key.
WITH page AS (
    SELECT rowid AS rid, report_id, document_sha256, key, scope, value, semantic, unit, method, evidence,
           "offset", approx
    FROM facts
    WHERE key = $3
    LIMIT $1 OFFSET $2
)
SELECT
    f.report_id, f.document_sha256, r.organ, r.region_code, r.province_code,
    r.province, r.city, r.county,
    r.level, r.year, f.key, f.scope, f.value, f.semantic, f.unit, f.method, f.evidence,
    f."offset", f.approx
FROM page f
JOIN serving_reports r USING (document_sha256, report_id)
ORDER BY f.rid;
