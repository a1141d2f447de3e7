-- refresh_growth_metric: the rows of serving_growth for one metric, $1, numbered after the
-- $2 rows of the metrics before it, in the view's order (gseq), so that the table is
-- written in seq order, a metric after another. The metric's column of serving_annual is
-- formatted in as %[1]s (a name refresh_growth_metrics.sql listed): reading one column
-- is a scan of 10⁶ values at 10⁶ reports, where filtering the metrics of serving_annual
-- in long form on the metric scanned all 2.8·10⁷ (0.17 s of the 0.49 of requests_new).
-- Over the organ's years stating the metric (oid, year): the previous one is the year
-- before only if it is year - 1 (a gap is NULL, as a year not stating the metric is); the
-- first is the base year. The windows run on integers and the value; the identity columns
-- join the result afterwards, so that no window carries the strings.
INSERT INTO serving_growth BY NAME
SELECT a.organ, a.region_code, a.province_code, a.province, a.level, a.year, $1::VARCHAR AS metric,
       g.value, g.prev_value,
       g.value - g.prev_value AS change,
       CASE WHEN g.prev_value <> 0 THEN (g.value - g.prev_value) / g.prev_value END AS yoy,
       g.base_year, g.base_value,
       CASE WHEN g.base_value > 0 AND g.value >= 0 AND a.year > g.base_year
            THEN pow(g.value / g.base_value, 1.0 / (a.year - g.base_year)) - 1 END AS cagr,
       a.organ_key, g.seq
FROM (
    SELECT l.seq AS aseq, l.value,
           CASE WHEN lag(i.year) OVER o = i.year - 1 THEN lag(l.value) OVER o END AS prev_value,
           first_value(i.year) OVER o AS base_year,
           first_value(l.value) OVER o AS base_value,
           $2::BIGINT + row_number() OVER (ORDER BY i.gseq) AS seq
    FROM (SELECT seq, %[1]s::DOUBLE AS value FROM serving_annual WHERE %[1]s IS NOT NULL) l
    JOIN refresh_stage.growth_ids i USING (seq)
    WINDOW o AS (PARTITION BY i.oid ORDER BY i.year)
) g
JOIN serving_annual a ON a.seq = g.aseq
ORDER BY g.seq;
