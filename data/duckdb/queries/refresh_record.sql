-- refresh_record: note a refresh, with the row counts it was built from (refresh_counts.sql).
-- $1: seconds it took; $2: reports; $3: facts.
INSERT INTO serving_refresh
SELECT now()::TIMESTAMP, $2, $3, $1;
