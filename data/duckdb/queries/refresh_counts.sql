-- refresh_counts: the reports and facts a refresh is about to build its tables from, and
-- the highest document order among them, which refresh_record.sql records.
SELECT (SELECT count(*) FROM reports), (SELECT count(*) FROM fact_codes),
       (SELECT coalesce(max(seq), 0) FROM documents);
