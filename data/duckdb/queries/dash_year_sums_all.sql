-- dash_year_sums_all: dash_year_sums without filters, as Refresh stored it
-- (serving_year_sums).
SELECT * FROM serving_year_sums ORDER BY year;
