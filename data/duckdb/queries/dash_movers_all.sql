-- dash_movers_all: dash_movers without filters, as Refresh stored it for every metric
-- (serving_movers). $1: metric.
SELECT organ, year, value, prev_value, change FROM serving_movers WHERE metric = $1 ORDER BY rk;
