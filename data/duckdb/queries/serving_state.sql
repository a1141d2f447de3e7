-- serving_state: whether the serving tables are there and fresh: the last refresh's row
-- counts next to today's (an ingest that stopped before refreshing leaves them apart).
SELECT count(*) > 0 AS refreshed,
       coalesce(arg_max(reports, refreshed_at), -1) AS reports_then,
       coalesce(arg_max(facts, refreshed_at), -1) AS facts_then,
       (SELECT count(*) FROM reports) AS reports_now,
       (SELECT count(*) FROM fact_codes) AS facts_now,
       max(refreshed_at) AS refreshed_at
FROM serving_refresh;
