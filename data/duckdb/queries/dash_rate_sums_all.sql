-- dash_rate_sums_all: dash_rate_sums without filters, as Refresh stored it
-- (serving_rate_sums).
SELECT * FROM serving_rate_sums ORDER BY year;
