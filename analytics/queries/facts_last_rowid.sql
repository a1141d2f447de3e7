-- facts_last_rowid: the largest rowid of fact_codes (NULL when empty), where a whole
-- export of facts in rowid ranges (facts_range.sql) ends.
SELECT max(rowid) FROM fact_codes;
