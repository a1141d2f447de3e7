-- coverage: key_area_coverage with its evidence: one row per annual report and per key
-- area listed for its year (only years whose list is scored, data.KeyAreaYear.Scored),
-- saying whether the report discusses the area and where. key_area_coverage is the share
-- of the year's listed areas the report mentions.
-- $1, $2: year span; $3: region prefix; $4, $5: the lists (year, area name), parallel.
WITH {{template "cte_annual"}},
listed AS (
    SELECT unnest($4::INTEGER[]) AS year, unnest($5::VARCHAR[]) AS area,
           unnest(range(len($5::VARCHAR[]))) AS area_order
),
per_area AS (
    SELECT a.report_id, a.document_sha256, a.organ, a.region_code, a.province_code, a.province, a.level, year,
           l.area, l.area_order,
           k.area IS NOT NULL AS mentioned,
           k.evidence, k."offset", k.count AS stated_count
    FROM annual a
    JOIN listed l USING (year)
    LEFT JOIN serving_mentions k ON k.document_sha256 = a.document_sha256 AND k.report_id = a.report_id AND k.area = l.area
    WHERE {{template "filter"}} {{match 6 "a.level" "a.organ" "a.report_id"}}
)
SELECT * EXCLUDE (area_order),
       count(*) FILTER (WHERE mentioned) OVER r / count(*) OVER r AS key_area_coverage,
       count(*) OVER r AS areas_listed
FROM per_area
WINDOW r AS (PARTITION BY document_sha256, report_id)
ORDER BY year, region_code NULLS LAST, organ, report_id, document_sha256, area_order;
