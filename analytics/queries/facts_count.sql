-- facts_count: the rows of the facts view when nothing filters it: every fact belongs to a
-- stored report (DB.Integrity checks it), so fact_rows' own count, which DuckDB answers
-- from its metadata instead of joining 10⁸ rows.
SELECT count(*) FROM fact_rows;
