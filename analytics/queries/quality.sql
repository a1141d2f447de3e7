-- quality: the data-quality problems, one row each: kind 'missing' (a government
-- expected under the region has no annual report for a year), 'late' (published after
-- the legal deadline), 'failed_check' (a consistency identity of the report does not
-- hold; evidence is the source text of its figures), 'cross_year' (carried forward in y
-- ≠ carried over in y+1). Copy-paste similarity needs the report texts and is computed
-- in Go (CopyPaste).
-- $1, $2: year span; $3: region prefix; $4, $5, $6, $7: expected governments (code, name,
-- level, province name), parallel lists, checked for every year of the span that has
-- reports in the region. A missing government's province name is $7's, else the name
-- stored with the reports of its province.
WITH {{template "cte_annual"}},
expected AS (
    SELECT unnest($4::VARCHAR[]) AS region_code, unnest($5::VARCHAR[]) AS organ,
           unnest($6::VARCHAR[]) AS level, nullif(unnest($7::VARCHAR[]), '') AS province
),
province_names AS (
    SELECT province_code, min(province) AS province
    FROM annual
    WHERE province IS NOT NULL
    GROUP BY province_code
),
years AS (
    -- the years of the span that have any report in the region: a year the store has
    -- not collected at all is not a year every government missed.
    SELECT DISTINCT year FROM annual
    WHERE {{template "filter"}}
),
problems AS (
    SELECT 'missing' AS kind, e.organ, e.region_code,
           substr(e.region_code, 1, 2) || '0000' AS province_code,
           coalesce(e.province, pn.province) AS province, e.level, y.year,
           NULL::VARCHAR AS report_id, NULL::VARCHAR AS document_sha256, NULL::VARCHAR AS source_path,
           NULL::VARCHAR AS check_name, 'no annual report stored' AS detail, NULL::VARCHAR AS evidence
    FROM expected e CROSS JOIN years y
    LEFT JOIN province_names pn ON pn.province_code = substr(e.region_code, 1, 2) || '0000'
    WHERE NOT EXISTS (
        SELECT 1 FROM annual a
        WHERE a.region_code = e.region_code AND a.year = y.year
          AND coalesce(a.level, '') <> 'department'
    )
    UNION ALL
    -- late, failed_check and cross_year do not depend on the request: DB.Refresh keeps them.
    SELECT * FROM serving_problems
)
SELECT * FROM problems
WHERE {{template "filter"}} {{match 8 "level" "organ" "report_id"}}
ORDER BY kind, year, region_code NULLS LAST, organ, check_name, report_id, document_sha256, detail;
