-- refresh_serving_growth: the growth view with each organ's own base year (the default),
-- unfiltered, seq numbering its order (metric, region, organ, organ_key, year). yoy
-- compares with the same organ's value of exactly the year before (a gap is NULL); cagr
-- runs from the organ's first year stating the metric. A chosen base year
-- (analytics growth_base.sql) is a join of this table with itself.
-- The metrics are report_metrics' columns (METRICS.md's keys at the 总计 column), read
-- from serving_annual, one row per organ and year, not from the facts (10⁸ at 10⁶
-- reports). This creates the table empty; Refresh fills it a metric at a time
-- (refresh_growth_metric.sql): all 3·10⁷ rows at once took 144 s with memory_limit 8GB
-- (9.5 GB resident) and 443 s within 768MB, a metric at a time 95 s within 768MB.
CREATE OR REPLACE TABLE serving_growth (
    organ         VARCHAR,
    region_code   VARCHAR,
    province_code VARCHAR,
    province      VARCHAR,
    level         VARCHAR,
    year          INTEGER,
    metric        VARCHAR,
    value         DOUBLE,
    prev_value    DOUBLE,
    change        DOUBLE,
    yoy           DOUBLE,
    base_year     INTEGER,
    base_value    DOUBLE,
    cagr          DOUBLE,
    organ_key     VARCHAR,
    seq           BIGINT
);
