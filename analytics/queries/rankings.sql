-- rankings: organs ranked by one indicator within their group, over a span of years
-- (numerators and denominators summed over the span). Raw rates of small denominators
-- are noise, so organs are ranked by the empirical-Bayes rate: the beta prior of the
-- group is estimated by Kleinman's method of moments (analytics.ShrinkBetaBinomial
-- documents the formula) and each rate is pulled toward the group's pooled rate by
-- n / (n + α+β). Group 'peer' = same level and province (province_code); 'parent' = the
-- parent region (a county's city, a city's province; a department's own region). rank 1
-- is the highest shrunk rate; percentile is the share of the group at or below it. An
-- organ whose region or level is unresolved is a group of its own (peer_group
-- 'unresolved:…'), so it is neither shrunk toward nor ranked against strangers.
-- $1, $2: year span; $3: region prefix of the organs shown (groups are computed whole);
-- $4: indicator (grant_rate, refusal_rate, nondisclosure_rate, correction_rate);
-- $5: group ('peer' or 'parent').
WITH {{template "cte_annual"}}, {{template "cte_indicators"}},
long AS (
    SELECT organ_key, organ, region_code, province_code, province, level, year, 'grant_rate' AS indicator,
           grant_rate_num AS x, rate_den AS n FROM ind
    UNION ALL
    SELECT organ_key, organ, region_code, province_code, province, level, year, 'refusal_rate',
           refusal_rate_num, rate_den FROM ind
    UNION ALL
    SELECT organ_key, organ, region_code, province_code, province, level, year, 'nondisclosure_rate',
           nondisclosure_rate_num, rate_den FROM ind
    UNION ALL
    SELECT organ_key, organ, region_code, province_code, province, level, year, 'correction_rate',
           correction_rate_num, correction_rate_den FROM ind
),
span AS (
    -- the latest year's identity, the span's sums; rates outside [0, 1] (sources whose
    -- numbers do not add up) are left out rather than ranked.
    SELECT organ_key, arg_max(organ, year) AS organ, arg_max(region_code, year) AS region_code,
           arg_max(province_code, year) AS province_code, arg_max(province, year) AS province,
           arg_max(level, year) AS level,
           min(year) AS first_year, max(year) AS last_year, count(*) AS years,
           sum(x) AS x, sum(n) AS n
    FROM long
    WHERE indicator = $4
      AND ($1::INTEGER IS NULL OR year >= $1) AND ($2::INTEGER IS NULL OR year <= $2)
      AND x IS NOT NULL AND n > 0 AND x >= 0 AND x <= n
    GROUP BY organ_key
),
grouped AS (
    SELECT *,
           CASE $5::VARCHAR
               WHEN 'parent' THEN CASE
                   WHEN region_code IS NULL THEN 'unresolved:' || organ_key
                   WHEN level = 'county' THEN substr(region_code, 1, 4) || '00'
                   WHEN level = 'city' THEN substr(region_code, 1, 2) || '0000'
                   WHEN level = 'township' THEN region_code
                   WHEN level = 'department' THEN region_code
                   ELSE '000000' END
               ELSE CASE WHEN level IS NULL OR province_code IS NULL THEN 'unresolved:' || organ_key
                         ELSE level || ':' || province_code END
           END AS peer_group,
           x / n AS rate
    FROM span
),
m1 AS (
    SELECT *,
           sum(x) OVER g / sum(n) OVER g AS mu,
           sum(n) OVER g AS big_n,
           sum(n * n) OVER g AS sum_n2,
           count(*) OVER g AS k
    FROM grouped
    WINDOW g AS (PARTITION BY peer_group)
),
m2 AS (
    SELECT *, sum(n * (rate - mu) * (rate - mu)) OVER (PARTITION BY peer_group) AS s
    FROM m1
),
prior AS (
    SELECT *,
           CASE WHEN k >= 2 AND mu > 0 AND mu < 1 AND big_n - sum_n2 / big_n - (k - 1) > 0
                THEN (s / (mu * (1 - mu)) - (k - 1)) / (big_n - sum_n2 / big_n - (k - 1)) END AS rho
    FROM m2
),
shrunk AS (
    SELECT *,
           -- prior_strength = α+β; NULL stands for +∞ (pulled all the way to the pool)
           CASE WHEN rho IS NULL OR rho >= 1 THEN 0.0 WHEN rho > 0 THEN (1 - rho) / rho END AS prior_strength,
           CASE WHEN rho IS NULL OR rho >= 1 THEN rate
                WHEN rho > 0 THEN (x + (1 - rho) / rho * mu) / (n + (1 - rho) / rho)
                ELSE mu END AS shrunk_rate
    FROM prior
)
SELECT $4::VARCHAR AS indicator, peer_group, organ, region_code, province_code, province, level,
       first_year, last_year, years, x AS numerator, n AS denominator, rate,
       {{wilson "x" "n" "lo"}} AS rate_lo, {{wilson "x" "n" "hi"}} AS rate_hi,
       n < {{smallN}} AS small_n,
       mu AS peer_rate, prior_strength, shrunk_rate,
       rank() OVER (PARTITION BY peer_group ORDER BY shrunk_rate DESC) AS rank,
       k AS peer_size,
       cume_dist() OVER (PARTITION BY peer_group ORDER BY shrunk_rate) AS percentile
FROM shrunk
QUALIFY ($3::VARCHAR IS NULL OR starts_with(region_code, $3)) {{match 6 "level" "organ"}}
ORDER BY peer_group NULLS LAST, rank, organ, organ_key;
