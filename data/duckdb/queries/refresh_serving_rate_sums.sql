-- refresh_serving_rate_sums: dash_rate_sums.sql without filters (keep the two in step),
-- the rate trends of the unfiltered overview and trends pages.
CREATE OR REPLACE TABLE serving_rate_sums AS
SELECT year, count(*) AS rows,
       sum(grant_rate_num) AS sum_grant_rate_num, count(grant_rate_num) AS n_grant_rate_num,
       sum(rate_den) AS sum_grant_rate_den, count(rate_den) AS n_grant_rate_den,
       sum(refusal_rate_num) AS sum_refusal_rate_num, count(refusal_rate_num) AS n_refusal_rate_num,
       sum(rate_den) AS sum_refusal_rate_den, count(rate_den) AS n_refusal_rate_den,
       sum(nondisclosure_rate_num) AS sum_nondisclosure_rate_num, count(nondisclosure_rate_num) AS n_nondisclosure_rate_num,
       sum(rate_den) AS sum_nondisclosure_rate_den, count(rate_den) AS n_nondisclosure_rate_den
FROM serving_annual
WHERE year <> 0
GROUP BY year
ORDER BY year;
