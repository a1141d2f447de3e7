-- refresh_record: note a refresh, with the row counts and the highest document order it
-- was built from (refresh_counts.sql) and the digest of the refresh that built it
-- (migration 016). $1: seconds it took; $2: reports; $3: facts; $4: document order;
-- $5: digest.
INSERT INTO serving_refresh (refreshed_at, reports, facts, seconds, doc_seq, build)
SELECT now()::TIMESTAMP, $2, $3, $1, $4, $5;
