-- serving_growth as one statement over every metric: refresh_serving_growth.sql as it was
-- before Refresh built the table a metric at a time (it needed memory_limit 8GB at 10⁶
-- reports). TestRefreshChunked checks the table Refresh builds holds exactly these rows,
-- with the same seq.
WITH ids AS (
    -- gseq: the view's order within a metric; oid: the organ; prev_seq: the organ's
    -- row of the year before, if stored
    SELECT a.seq, a.year,
           row_number() OVER (ORDER BY a.region_code NULLS LAST, a.organ, a.organ_key, a.year) AS gseq,
           dense_rank() OVER (ORDER BY a.organ_key) AS oid,
           p.seq AS prev_seq
    FROM serving_annual a
    LEFT JOIN serving_annual p ON p.organ_key = a.organ_key AND p.year = a.year - 1
),
long AS (
    -- every column of serving_annual but the identity and the derived parts is a metric
    -- of report_metrics; UNPIVOT drops NULL values
    UNPIVOT (
        SELECT seq, COLUMNS(* EXCLUDE (
            report_id, document_sha256, source_path, organ, region_code, level, year, published, template,
            is_annual_report, extractor_version, key_area_coverage, organ_key, province_code, province,
            city, county, grant_rate_num, refusal_rate_num, nondisclosure_rate_num, rate_den,
            correction_rate_num, correction_rate_den, deadline, consistency_ok, seq))
        FROM serving_annual
    )
    ON COLUMNS(* EXCLUDE (seq)) INTO NAME metric VALUE value
),
l AS (
    SELECT long.seq, long.metric, long.value, ids.gseq, ids.year, ids.oid, ids.prev_seq
    FROM long JOIN ids USING (seq)
),
base AS (
    -- the base year is the organ's first year stating the metric
    SELECT oid, metric, min(year) AS base_year, arg_min(value, year) AS base_value
    FROM l
    GROUP BY oid, metric
),
g AS (
    SELECT l.seq AS aseq, l.gseq, l.metric, l.value, p.value AS prev_value, b.base_year, b.base_value
    FROM l
    LEFT JOIN long p ON p.seq = l.prev_seq AND p.metric = l.metric
    JOIN base b ON b.oid = l.oid AND b.metric = l.metric
)
SELECT a.organ, a.region_code, a.province_code, a.province, a.level, a.year, g.metric, g.value, g.prev_value,
       g.value - g.prev_value AS change,
       CASE WHEN g.prev_value <> 0 THEN (g.value - g.prev_value) / g.prev_value END AS yoy,
       g.base_year, g.base_value,
       CASE WHEN g.base_value > 0 AND g.value >= 0 AND a.year > g.base_year
            THEN pow(g.value / g.base_value, 1.0 / (a.year - g.base_year)) - 1 END AS cagr,
       a.organ_key,
       row_number() OVER (ORDER BY g.metric, g.gseq) AS seq
FROM g
JOIN serving_annual a ON a.seq = g.aseq
ORDER BY seq
