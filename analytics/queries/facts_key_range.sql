-- facts_key_range: facts_range.sql for the facts view filtered by key alone. $1, $2: the
-- rowid range; $3, $4: its first and last doc_seq; $5: the codes of the key's kinds
-- (fact_kind_codes.sql), a list parameter, so a filter of the scan as in
-- facts_key_page.sql.
WITH page AS (
    SELECT rowid AS rid, *
    FROM fact_codes
    WHERE rowid >= $1 AND rowid < $2 AND list_contains($5::INTEGER[], kind)
),
reps AS (
    SELECT * FROM reports WHERE doc_seq BETWEEN $3 AND $4
),
texts AS (
    SELECT doc_seq, report_id, text FROM report_texts WHERE doc_seq BETWEEN $3 AND $4
),
{{template "fact_identity"}}
