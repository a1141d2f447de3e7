-- refresh_growth_metrics: the metrics in serving_growth's order, each with the seq its rows
-- start after (the row count of the metrics before it).
SELECT metric,
       coalesce(sum(count(*)) OVER (ORDER BY metric ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)::BIGINT AS seq_after
FROM refresh_stage.growth_long
GROUP BY metric
ORDER BY metric;
