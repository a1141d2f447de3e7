-- refresh_serving_rankings: the rankings view (analytics/queries/rankings.sql; keep the
-- two in step) over all years (span_year NULL) and over each single year (span_year =
-- that year), for every indicator and both groups, before the Wilson interval (which
-- analytics adds when reading). Groups are computed whole and the region, level and
-- organ filters only select rows of them, so a ranking without a year span, or of one
-- year, is rows of this table, seq numbering the view's order per indicator, group and
-- span, instead of the windows over every annual report (0.2-0.5 s at 10⁶ reports) per
-- request. Spans of several years are still computed by rankings.sql.
CREATE OR REPLACE TABLE serving_rankings AS
WITH long AS (
    SELECT organ_key, organ, region_code, province_code, province, level, year, 'grant_rate' AS indicator,
           grant_rate_num AS x, rate_den AS n FROM serving_annual
    UNION ALL
    SELECT organ_key, organ, region_code, province_code, province, level, year, 'refusal_rate',
           refusal_rate_num, rate_den FROM serving_annual
    UNION ALL
    SELECT organ_key, organ, region_code, province_code, province, level, year, 'nondisclosure_rate',
           nondisclosure_rate_num, rate_den FROM serving_annual
    UNION ALL
    SELECT organ_key, organ, region_code, province_code, province, level, year, 'correction_rate',
           correction_rate_num, correction_rate_den FROM serving_annual
),
span AS (
    -- one-year spans leave out rows without a year, as rankings.sql's year filter does
    SELECT indicator, CASE WHEN grouping(year) = 0 THEN year END AS span_year, organ_key, arg_max(organ, year) AS organ, arg_max(region_code, year) AS region_code,
           arg_max(province_code, year) AS province_code, arg_max(province, year) AS province,
           arg_max(level, year) AS level,
           min(year) AS first_year, max(year) AS last_year, count(*) AS years,
           sum(x) AS x, sum(n) AS n
    FROM long
    WHERE x IS NOT NULL AND n > 0 AND x >= 0 AND x <= n
    GROUP BY GROUPING SETS ((indicator, organ_key), (indicator, organ_key, year))
    HAVING grouping(year) = 1 OR year IS NOT NULL
),
grouped AS (
    SELECT s.*, g.grp,
           CASE g.grp
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
    FROM span s CROSS JOIN (SELECT unnest(['peer', 'parent']) AS grp) g
),
m1 AS (
    SELECT *,
           sum(x) OVER g / sum(n) OVER g AS mu,
           sum(n) OVER g AS big_n,
           sum(n * n) OVER g AS sum_n2,
           count(*) OVER g AS k
    FROM grouped
    WINDOW g AS (PARTITION BY indicator, grp, span_year, peer_group)
),
m2 AS (
    SELECT *, sum(n * (rate - mu) * (rate - mu)) OVER (PARTITION BY indicator, grp, span_year, peer_group) AS s
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
           CASE WHEN rho IS NULL OR rho >= 1 THEN 0.0 WHEN rho > 0 THEN (1 - rho) / rho END AS prior_strength,
           CASE WHEN rho IS NULL OR rho >= 1 THEN rate
                WHEN rho > 0 THEN (x + (1 - rho) / rho * mu) / (n + (1 - rho) / rho)
                ELSE mu END AS shrunk_rate
    FROM prior
),
ranked AS (
    SELECT indicator, grp, span_year, peer_group, organ, region_code, province_code, province, level,
           first_year, last_year, years, x AS numerator, n AS denominator, rate,
           mu AS peer_rate, prior_strength, shrunk_rate,
           rank() OVER (PARTITION BY indicator, grp, span_year, peer_group ORDER BY shrunk_rate DESC) AS rank,
           k AS peer_size,
           cume_dist() OVER (PARTITION BY indicator, grp, span_year, peer_group ORDER BY shrunk_rate) AS percentile,
           organ_key
    FROM shrunk
)
SELECT *,
       row_number() OVER (PARTITION BY indicator, grp, span_year ORDER BY peer_group NULLS LAST, rank, organ, organ_key) AS seq
FROM ranked
ORDER BY indicator, grp, span_year NULLS FIRST, seq;
