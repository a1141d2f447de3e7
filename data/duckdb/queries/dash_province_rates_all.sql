-- dash_province_rates_all: dash_province_rates without filters, as Refresh stored it
-- for each indicator (serving_province_rates); like dash_province_rates, an indicator
-- it does not name is correction_rate. $1: indicator.
SELECT province_code, num, den
FROM serving_province_rates
WHERE indicator = CASE WHEN $1::VARCHAR IN ('grant_rate', 'refusal_rate', 'nondisclosure_rate') THEN $1::VARCHAR
                       ELSE 'correction_rate' END;
