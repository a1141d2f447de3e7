-- facts_page_first: facts_page.sql's first page (offset 0), with no OFFSET clause. For a
-- page of up to 50 rows (DuckDB's late_materialization_max_rows) DuckDB then reads the
-- rowids first and the other columns of those rows only: 1-6 ms at 10⁶ reports, where
-- LIMIT … OFFSET 0 ran a parallel scan whose second thread decoded a whole row group of
-- every column and dropped it, 25-30 ms. Larger pages cost the same either way (raising
-- that setting to cover the API's 100 made other paged queries slower: growth filtered
-- by year and region 23 -> 103 ms p95, facts by key 18 -> 49 ms). $1: limit (NULL = all).
WITH page AS (
    SELECT rowid AS rid, doc_seq, report_id, document_sha256, key, scope, value, semantic, unit, method,
           evidence, "offset", approx
    FROM facts
    LIMIT $1
),
{{template "fact_identity"}}
