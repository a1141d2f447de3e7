{{define "cte_crossyear"}}
-- cross_year: the check across years of METRICS.md's balance: what an organ carried
-- forward at the end of year y must be what it carried over at the start of y+1.
cross_year AS (
    SELECT a.organ, a.region_code, a.province_code, a.province, a.level, a.year,
           b.report_id, b.document_sha256, b.source_path,
           a.carried_forward, b.requests_carried_over,
           a.carried_forward = b.requests_carried_over AS ok,
           'carried_forward ' || a.year || ' = ' || a.carried_forward::VARCHAR
               || CASE WHEN a.carried_forward = b.requests_carried_over THEN ' = ' ELSE ' ≠ ' END
               || 'requests_carried_over ' || b.year || ' = ' || b.requests_carried_over::VARCHAR AS detail
    FROM annual a
    JOIN annual b ON b.organ_key = a.organ_key AND b.year = a.year + 1
    WHERE a.carried_forward IS NOT NULL AND b.requests_carried_over IS NOT NULL
)
{{end}}
