-- serving_state: whether the serving tables are there and fresh: the last refresh's row
-- counts and highest document order next to today's (an ingest that stopped before
-- refreshing leaves them apart), and the digest of the refresh that built them. A refresh
-- recorded before migration 016 has no order (-1) and no digest ('').
SELECT count(*) > 0 AS refreshed,
       coalesce(arg_max(reports, refreshed_at), -1) AS reports_then,
       coalesce(arg_max(facts, refreshed_at), -1) AS facts_then,
       (SELECT count(*) FROM reports) AS reports_now,
       (SELECT count(*) FROM fact_codes) AS facts_now,
       max(refreshed_at) AS refreshed_at,
       coalesce((SELECT doc_seq FROM serving_refresh ORDER BY refreshed_at DESC LIMIT 1), -1) AS doc_seq_then,
       (SELECT coalesce(max(seq), 0) FROM documents) AS doc_seq_now,
       coalesce((SELECT build FROM serving_refresh ORDER BY refreshed_at DESC LIMIT 1), '') AS build_then
FROM serving_refresh;
