-- refresh_serving_movers: dash_movers.sql without filters (keep the two in step), for
-- every metric: its ten largest absolute changes in the latest year with any change,
-- rk their order. The unfiltered trends page reads ten rows instead of scanning the
-- metric's rows of serving_growth (40 ms at 10⁶ reports). The ranking reads the narrow
-- columns only; the ten rows kept are then looked up by seq.
CREATE OR REPLACE TABLE serving_movers AS
WITH latest AS (
    SELECT metric, max(year) AS year FROM serving_growth WHERE change IS NOT NULL GROUP BY metric
),
top AS (
    SELECT g.metric, g.seq, row_number() OVER (PARTITION BY g.metric ORDER BY abs(g.change) DESC, g.seq) AS rk
    FROM serving_growth g JOIN latest l USING (metric, year)
    WHERE g.change IS NOT NULL
    QUALIFY rk <= 10
)
SELECT g.metric, g.organ, g.year, g.value, g.prev_value, g.change, t.rk
FROM top t
JOIN serving_growth g ON g.seq = t.seq
ORDER BY g.metric, t.rk;
