{{define "cte_annual"}}
-- annual: one annual report per organ and year. A report copied to mirror sites has the
-- same report_id in several documents, and an organ may be stored twice for a year (a
-- page and its attachment): keep the copy with the most facts, then the earliest
-- published (the original, not the mirror), then the smallest sha for determinism.
-- organ_key identifies an organ across years: a government by its region and level (the
-- name varies: 洪泽区人民政府 / 淮安市洪泽区人民政府), any other organ by its name within its
-- region; a report without an organ is its own key.
-- province_code is the GB/T 2260 code of the province (what peer groups group on);
-- province, city and county are the names resolved from region_code, as stored in reports.
fact_counts AS (
    SELECT document_sha256, report_id, count(*) AS n_facts
    FROM facts
    GROUP BY document_sha256, report_id
),
keyed AS (
    SELECT m.*,
           CASE WHEN m.region_code IS NOT NULL AND m.level IN ('national', 'province', 'city', 'county')
                    THEN 'gov:' || m.region_code || ':' || m.level
                WHEN coalesce(m.organ, '') <> ''
                    THEN 'organ:' || coalesce(m.region_code, '') || ':' || m.organ
                ELSE 'report:' || m.report_id
           END AS organ_key,
           CASE WHEN length(m.region_code) = 6 THEN substr(m.region_code, 1, 2) || '0000' END AS province_code,
           r.province, r.city, r.county,
           coalesce(fc.n_facts, 0) AS n_facts
    FROM report_metrics m
    JOIN reports r ON r.document_sha256 = m.document_sha256 AND r.report_id = m.report_id
    LEFT JOIN fact_counts fc ON fc.document_sha256 = m.document_sha256 AND fc.report_id = m.report_id
    WHERE m.is_annual_report AND m.year IS NOT NULL
),
annual AS (
    SELECT * EXCLUDE (rn, n_facts)
    FROM (
        SELECT *,
               row_number() OVER (
                   PARTITION BY organ_key, year
                   ORDER BY n_facts DESC, published ASC NULLS LAST, document_sha256
               ) AS rn
        FROM keyed
    )
    WHERE rn = 1
)
{{end}}
