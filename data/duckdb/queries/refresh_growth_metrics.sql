-- refresh_growth_metrics: the metrics in serving_growth's order, each with the seq its rows
-- start after (the row count of the metrics before it). Every column of serving_annual
-- but the identity and the derived parts is a metric of report_metrics; its rows in
-- serving_growth are those stating it (count skips NULL: not stated, or "na").
WITH counts AS (
    UNPIVOT (
        SELECT count(COLUMNS(* EXCLUDE (
            report_id, document_sha256, source_path, organ, region_code, level, year, published, template,
            is_annual_report, extractor_version, key_area_coverage, organ_key, province_code, province,
            city, county, grant_rate_num, refusal_rate_num, nondisclosure_rate_num, rate_den,
            correction_rate_num, correction_rate_den, deadline, consistency_ok, seq)))
        FROM serving_annual
    )
    ON COLUMNS(*) INTO NAME metric VALUE n
)
SELECT metric,
       coalesce(sum(n) OVER (ORDER BY metric ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)::BIGINT AS seq_after
FROM counts
WHERE n > 0
ORDER BY metric;
