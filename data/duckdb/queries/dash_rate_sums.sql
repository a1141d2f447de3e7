-- dash_rate_sums: per year, the numerators and denominators of the indicators view
-- (serving_annual) under the page filters, summed over the stating reports.
-- $1, $2: year span; $3: region prefix; $4: level; $5: organ (NULL = all).
SELECT year, count(*) AS rows,
       sum(grant_rate_num) AS sum_grant_rate_num, count(grant_rate_num) AS n_grant_rate_num,
       sum(rate_den) AS sum_grant_rate_den, count(rate_den) AS n_grant_rate_den,
       sum(refusal_rate_num) AS sum_refusal_rate_num, count(refusal_rate_num) AS n_refusal_rate_num,
       sum(rate_den) AS sum_refusal_rate_den, count(rate_den) AS n_refusal_rate_den,
       sum(nondisclosure_rate_num) AS sum_nondisclosure_rate_num, count(nondisclosure_rate_num) AS n_nondisclosure_rate_num,
       sum(rate_den) AS sum_nondisclosure_rate_den, count(rate_den) AS n_nondisclosure_rate_den
FROM serving_annual
WHERE year <> 0
  AND ($1::INTEGER IS NULL OR year >= $1) AND ($2::INTEGER IS NULL OR year <= $2)
  AND ($3::VARCHAR IS NULL OR (starts_with(region_code, $3) AND region_code >= $3 AND region_code < ($3 || chr(1114111))))
  AND ($4::VARCHAR IS NULL OR level = $4) AND ($5::VARCHAR IS NULL OR organ = $5)
GROUP BY year
ORDER BY year;
