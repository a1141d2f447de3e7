-- facts_range: the rows of the facts view whose fact has a rowid in [$1, $2), in storage
-- order, as facts.sql sorts them: a whole export reads the view one range at a time, so
-- that it holds one range (the driver builds each result whole). DuckDB pushes the rowid
-- bounds into the scan of fact_codes, which then reads only the range's row groups. $3,
-- $4: the range's first and last doc_seq (facts_range_docs.sql), which bound the reports
-- and texts read: a range outnumbers the reports of 10⁵, so DuckDB built the join's hash
-- table from report_texts, whose scan, unbounded, read every text (3.2 s a range, against
-- 0.3), and a range of one key's facts was joined with all 10⁶ reports (1.7 s). $5: for
-- the view filtered by key, the codes of the key's kinds (fact_kind_codes.sql), a list
-- parameter, so a filter of the scan as in facts_key_page.sql; NULL for every fact.
WITH page AS (
    SELECT rowid AS rid, *
    FROM fact_codes
    WHERE rowid >= $1 AND rowid < $2 AND ($5::INTEGER[] IS NULL OR list_contains($5::INTEGER[], kind))
),
reps AS (
    SELECT * FROM reports WHERE doc_seq BETWEEN $3 AND $4
),
texts AS (
    SELECT doc_seq, report_id, text FROM report_texts WHERE doc_seq BETWEEN $3 AND $4
),
{{template "fact_identity"}}
