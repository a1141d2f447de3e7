-- facts_page: a page of the unfiltered facts view. Sorting 10⁸ facts by rowid, joined
-- with every report, per page is what made it O(table): instead the page is cut from a
-- plain scan of fact_codes, which DuckDB returns in insertion (rowid) order
-- (preserve_insertion_order, the default) and stops reading once the page is full; only
-- the page's rows are joined (with serving_fact_index, by doc_seq) and sorted back into
-- that order. Every fact belongs to a stored report (DB.Integrity checks it), so the page
-- holds the same rows as facts.sql's. $1: limit (NULL = all); $2: offset.
WITH page AS (
    SELECT rowid AS rid, *
    FROM fact_codes
    LIMIT $1 OFFSET $2
),
reps AS (SELECT * FROM reports),
texts AS (SELECT doc_seq, report_id, text FROM report_texts),
{{template "fact_identity"}}
