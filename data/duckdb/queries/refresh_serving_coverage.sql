-- refresh_serving_coverage: the coverage view unfiltered (analytics/queries/coverage.sql,
-- same columns and order), with seq numbering its order: the view joins every annual
-- report with its year's listed key areas and windows over them, seconds per request at
-- 10⁵ reports, so an unfiltered page is read here as a seq range instead. The lists are
-- the binary's (data.KeyAreasFor, scored years), passed by Refresh; a filtered request
-- still runs coverage.sql with the lists of the binary serving it.
-- The view's order and a report's share are computed on integers, a report being its
-- serving_annual row (aseq; a report is the annual report of one organ and year), and
-- the strings join the rows at the end: partitioned and sorted on the strings, the
-- 8·10⁶ rows of 10⁶ reports spilled, 15-17 s.
-- $1, $2: the lists (year, area name), parallel.
CREATE OR REPLACE TABLE serving_coverage AS
WITH listed AS (
    SELECT unnest($1::INTEGER[]) AS year, unnest($2::VARCHAR[]) AS area,
           unnest(range(len($2::VARCHAR[]))) AS area_order
),
annual AS (
    SELECT seq AS aseq, year, document_sha256, report_id,
           row_number() OVER (ORDER BY year, region_code NULLS LAST, organ, report_id, document_sha256) AS arank
    FROM serving_annual
    WHERE year IN (SELECT year FROM listed)
),
mentioned AS (
    SELECT a.aseq, k.area, k.evidence, k."offset", k.count
    FROM annual a
    JOIN serving_mentions k ON k.document_sha256 = a.document_sha256 AND k.report_id = a.report_id
),
cells AS (
    SELECT a.aseq, a.arank, l.area, l.area_order,
           m.aseq IS NOT NULL AS mentioned,
           m.evidence, m."offset", m.count AS stated_count
    FROM annual a
    JOIN listed l USING (year)
    LEFT JOIN mentioned m ON m.aseq = a.aseq AND m.area = l.area
),
numbered AS (
    SELECT *,
           count(*) FILTER (WHERE mentioned) OVER r / count(*) OVER r AS key_area_coverage,
           count(*) OVER r AS areas_listed,
           row_number() OVER (ORDER BY arank, area_order) AS seq
    FROM cells
    WINDOW r AS (PARTITION BY aseq)
)
SELECT s.report_id, s.document_sha256, s.organ, s.region_code, s.province_code, s.province, s.level, s.year,
       n.area, n.mentioned, n.evidence, n."offset", n.stated_count,
       n.key_area_coverage, n.areas_listed, n.seq
FROM numbered n
JOIN serving_annual s ON s.seq = n.aseq
ORDER BY n.seq;
