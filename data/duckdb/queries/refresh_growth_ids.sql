-- refresh_growth_ids: per serving_annual row, what the growth of one metric needs besides
-- the value: gseq, the growth view's order within a metric (region, organ, organ_key,
-- year), and oid, the organ as a dense integer, so that refresh_growth_metric.sql sorts
-- and partitions on integers, not on the organ_key string.
CREATE TABLE refresh_stage.growth_ids AS
SELECT seq, year,
       row_number() OVER (ORDER BY region_code NULLS LAST, organ, organ_key, year) AS gseq,
       dense_rank() OVER (ORDER BY organ_key) AS oid
FROM serving_annual;
