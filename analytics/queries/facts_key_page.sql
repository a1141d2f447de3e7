-- facts_key_page: a page of the facts view filtered by key alone, cut from the
-- storage-order scan of fact_codes as facts_page.sql does: the scan reads the kind column
-- until the page is full, and only the page is joined with its reports, where facts.sql
-- joins every fact of the key before paging. $1: limit (NULL = all); $2: offset; $3: the
-- codes of the key's kinds (fact_kind_codes.sql). A list parameter is a filter of the
-- scan, which then reads the other columns of the matching rows only; the kinds looked
-- up by a subquery were a semi join after the scan, which read every column of every
-- row it passed: 16 against 11 ms a page at 10⁵ reports.
WITH page AS (
    SELECT rowid AS rid, *
    FROM fact_codes
    WHERE list_contains($3::INTEGER[], kind)
    LIMIT $1 OFFSET $2
),
reps AS (SELECT * FROM reports),
texts AS (SELECT doc_seq, report_id, text FROM report_texts),
{{template "fact_identity"}}
