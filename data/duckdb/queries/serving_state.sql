-- serving_state: whether the serving tables are there and fresh: the last refresh's row
-- counts and highest document order next to today's (an ingest that stopped before
-- refreshing leaves them apart), and the digest of the refresh that built them. A refresh
-- recorded before migration 016 has no order (-1) and no digest (''); no refresh at all
-- leaves every "then" column at its fallback.
SELECT last.refreshed_at IS NOT NULL AS refreshed,
       coalesce(last.reports, -1) AS reports_then,
       coalesce(last.facts, -1) AS facts_then,
       (SELECT count(*) FROM reports) AS reports_now,
       (SELECT count(*) FROM fact_codes) AS facts_now,
       last.refreshed_at,
       coalesce(last.doc_seq, -1) AS doc_seq_then,
       (SELECT coalesce(max(seq), 0) FROM documents) AS doc_seq_now,
       coalesce(last.build, '') AS build_then
FROM (SELECT 1) AS one
LEFT JOIN (SELECT * FROM serving_refresh ORDER BY refreshed_at DESC LIMIT 1) AS last ON true;
