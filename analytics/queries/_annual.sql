{{define "cte_annual"}}
-- annual: one annual report per organ and year, with organ_key, province_code, the region
-- names and the parts of the derived indicators: the table DB.Refresh materialises
-- (data/duckdb/queries/refresh_serving_annual.sql says which copy counts), so a request
-- never pivots facts.
annual AS (
    SELECT * FROM serving_annual
)
{{end}}
