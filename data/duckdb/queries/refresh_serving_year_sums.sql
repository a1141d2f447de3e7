-- refresh_serving_year_sums: dash_year_sums.sql without filters (keep the two in step),
-- what the overview and trends pages draw when nothing is selected: an aggregate of every
-- report (40 ms at 10⁶ reports) read as a dozen stored rows instead.
CREATE OR REPLACE TABLE serving_year_sums AS
SELECT year, count(*) AS rows,
       sum(requests_new) AS sum_requests_new, count(requests_new) AS n_requests_new,
       sum(concluded_total) AS sum_concluded_total, count(concluded_total) AS n_concluded_total,
       sum(granted) AS sum_granted, count(granted) AS n_granted,
       sum(partial) AS sum_partial, count(partial) AS n_partial,
       sum(denied_total) AS sum_denied_total, count(denied_total) AS n_denied_total,
       sum(unable_total) AS sum_unable_total, count(unable_total) AS n_unable_total
FROM serving_reports
WHERE is_annual_report AND year IS NOT NULL AND year <> 0
GROUP BY year
ORDER BY year;
