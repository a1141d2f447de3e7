-- growth_page: a page of the unfiltered growth view (each organ's own base year, every
-- metric), as a range of serving_growth's dense seq (see reports_page.sql for why).
-- $1: offset; $2: offset + limit.
SELECT organ, region_code, province_code, province, level, year, metric, value, prev_value, change, yoy,
       base_year, base_value, cagr
FROM serving_growth
WHERE seq > $1 AND seq <= $2
ORDER BY seq;
