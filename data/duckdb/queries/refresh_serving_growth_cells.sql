-- refresh_serving_growth_cells: serving_growth's rows counted by metric, year, region and
-- level. The total of the growth view filtered by these (not by organ) is then a sum
-- over cells, where counting the filtered view scanned the 2.8·10⁷ rows of serving_growth
-- at 10⁶ reports (50-150 ms for a province and year, with row groups pruned by region).
CREATE OR REPLACE TABLE serving_growth_cells AS
SELECT metric, year, region_code, level, count(*) AS n
FROM serving_growth
GROUP BY ALL
ORDER BY year, region_code, metric, level;
