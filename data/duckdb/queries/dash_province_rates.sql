-- dash_province_rates: per province, the numerator and denominator of one ranked
-- indicator summed over the annual reports (serving_annual) under the page filters, for
-- the regions page's map. $1, $2: year span; $3: region prefix; $4: level; $5: organ
-- (NULL = all); $6: indicator (grant_rate, refusal_rate, nondisclosure_rate,
-- correction_rate).
SELECT province_code, sum(x) AS num, sum(n) AS den
FROM (
    SELECT province_code,
           CASE $6::VARCHAR WHEN 'grant_rate' THEN grant_rate_num WHEN 'refusal_rate' THEN refusal_rate_num
                WHEN 'nondisclosure_rate' THEN nondisclosure_rate_num ELSE correction_rate_num END AS x,
           CASE $6::VARCHAR WHEN 'correction_rate' THEN correction_rate_den ELSE rate_den END AS n
    FROM serving_annual
    WHERE province_code IS NOT NULL
      AND ($1::INTEGER IS NULL OR year >= $1) AND ($2::INTEGER IS NULL OR year <= $2)
      AND ($3::VARCHAR IS NULL OR (starts_with(region_code, $3) AND region_code >= $3 AND region_code < ($3 || chr(1114111))))
      AND ($4::VARCHAR IS NULL OR level = $4) AND ($5::VARCHAR IS NULL OR organ = $5)
)
WHERE x IS NOT NULL AND n IS NOT NULL
GROUP BY province_code;
