-- refresh_growth_long: the metrics of serving_annual in long form, one row per organ, year
-- and stated metric (3·10⁷ at 10⁶ reports), read a metric at a time by
-- refresh_growth_metric.sql: filtering it on metric is a scan of one column, where
-- unpivoting serving_annual for each metric would unpivot every column each time. Every
-- column of serving_annual but the identity and the derived parts is a metric of
-- report_metrics; UNPIVOT drops NULL values (not stated, or "na"): they have no growth.
CREATE TABLE refresh_stage.growth_long AS
UNPIVOT (
    SELECT seq, COLUMNS(* EXCLUDE (
        report_id, document_sha256, source_path, organ, region_code, level, year, published, template,
        is_annual_report, extractor_version, key_area_coverage, organ_key, province_code, province,
        city, county, grant_rate_num, refusal_rate_num, nondisclosure_rate_num, rate_den,
        correction_rate_num, correction_rate_den, deadline, consistency_ok, seq))
    FROM serving_annual
)
ON COLUMNS(* EXCLUDE (seq)) INTO NAME metric VALUE value;
