-- refresh_record: note a refresh, with the row counts it saw. $1: seconds it took.
INSERT INTO serving_refresh
SELECT now()::TIMESTAMP, (SELECT count(*) FROM reports), (SELECT count(*) FROM fact_codes), $1;
