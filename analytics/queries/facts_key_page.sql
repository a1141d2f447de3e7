-- facts_key_page: a page of the facts view filtered by key alone, cut from the
-- storage-order scan of fact_rows as facts_page.sql does: the scan reads the key column
-- until the page is full, and only the page is joined with its reports, where facts.sql
-- joins every fact of the key before paging. $1: limit (NULL = all); $2: offset; $3: key.
WITH page AS (
    SELECT rowid AS rid, doc_seq, report_id, key, scope, value, semantic, unit, method,
           evidence, "offset", approx
    FROM fact_rows
    WHERE key = $3
    LIMIT $1 OFFSET $2
),
{{template "fact_identity"}}
