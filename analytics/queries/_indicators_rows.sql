{{define "indicators_columns"}}
-- indicators_columns: the indicators view's columns over ind (indicators.sql,
-- indicators_organ.sql, indicators_page.sql).
SELECT
    report_id, document_sha256, organ, region_code, province_code, province, city, county, level, year,
    published, template,
    grant_rate, grant_rate_num, rate_den AS grant_rate_den, grant_rate_lo, grant_rate_hi,
    refusal_rate, refusal_rate_num, rate_den AS refusal_rate_den, refusal_rate_lo, refusal_rate_hi,
    nondisclosure_rate, nondisclosure_rate_num, rate_den AS nondisclosure_rate_den,
    nondisclosure_rate_lo, nondisclosure_rate_hi,
    correction_rate, correction_rate_num, correction_rate_den, correction_rate_lo, correction_rate_hi,
    key_area_coverage, deadline, on_time, consistency_ok
FROM ind
{{end}}
{{define "indicators_rows"}}
-- indicators_rows: the indicators view's columns, filters and order over ind
-- (indicators.sql, indicators_organ.sql).
{{template "indicators_columns"}}
WHERE {{template "filter"}} {{match 4 "level" "organ" "report_id"}}
ORDER BY seq
{{end}}
