-- growth: yoy_<metric> and cagr_<metric> per organ, metric and year, from the facts at
-- scope whole of the annual reports, each organ's base year being its first year stating
-- the metric: serving_growth, materialised by DB.Refresh in this order (seq; see
-- data/duckdb/queries/refresh_serving_growth.sql). A chosen base year is growth_base.sql.
-- $1, $2: year span of the rows shown (the growth itself may reach outside it);
-- $3: region prefix; $4: metric key (NULL = all); $5: unused (base year, always NULL here).
SELECT organ, region_code, province_code, province, level, year, metric, value, prev_value, change, yoy,
       base_year, base_value, cagr
FROM serving_growth
WHERE {{template "filter"}}
  AND ($4::VARCHAR IS NULL OR metric = $4) AND $5::INTEGER IS NULL {{match 6 "level" "organ"}}
ORDER BY seq;
