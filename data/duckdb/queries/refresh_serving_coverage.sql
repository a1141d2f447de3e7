-- refresh_serving_coverage: the coverage view unfiltered (analytics/queries/coverage.sql,
-- same columns and order), with seq numbering its order: the view joins every annual
-- report with its year's listed key areas and windows over them, seconds per request at
-- 10⁵ reports, so an unfiltered page is read here as a seq range instead. The lists are
-- the binary's (data.KeyAreasFor, scored years), passed by Refresh; a filtered request
-- still runs coverage.sql with the lists of the binary serving it.
-- $1, $2: the lists (year, area name), parallel.
CREATE OR REPLACE TABLE serving_coverage AS
WITH listed AS (
    SELECT unnest($1::INTEGER[]) AS year, unnest($2::VARCHAR[]) AS area,
           unnest(range(len($2::VARCHAR[]))) AS area_order
),
per_area AS (
    SELECT a.report_id, a.document_sha256, a.organ, a.region_code, a.province_code, a.province, a.level, year,
           l.area, l.area_order,
           k.area IS NOT NULL AS mentioned,
           k.evidence, k."offset", k.count AS stated_count
    FROM serving_annual a
    JOIN listed l USING (year)
    LEFT JOIN serving_mentions k ON k.document_sha256 = a.document_sha256 AND k.report_id = a.report_id AND k.area = l.area
)
SELECT * FROM (
    SELECT * EXCLUDE (area_order),
           count(*) FILTER (WHERE mentioned) OVER r / count(*) OVER r AS key_area_coverage,
           count(*) OVER r AS areas_listed,
           row_number() OVER (ORDER BY year, region_code NULLS LAST, organ, report_id, document_sha256, area_order) AS seq
    FROM per_area
    WINDOW r AS (PARTITION BY document_sha256, report_id)
)
ORDER BY seq;
