-- facts_page: a page of the unfiltered facts view. Sorting 10⁸ facts by rowid, joined
-- with every report, per page is what made it O(table): instead the page is cut from a
-- plain scan of facts, which DuckDB returns in insertion (rowid) order
-- (preserve_insertion_order, the default) and stops reading once the page is full; only
-- the page's rows are joined and sorted back into that order. Every fact belongs to a
-- stored report (DB.Integrity checks it), so the page holds the same rows as facts.sql's.
-- $1: limit (NULL = all); $2: offset.
WITH page AS (
    SELECT rowid AS rid, report_id, document_sha256, key, scope, value, semantic, unit, method, evidence,
           "offset", approx
    FROM facts
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
