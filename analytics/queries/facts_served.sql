-- facts_served: the facts view filtered by report (year span, region, level, organ,
-- report_id; not by key), paged, from serving_fact_index: the selected reports in
-- storage order, with the position of their first fact in the view (before) summed from
-- n_facts, so that only the reports of the page are read, their facts by doc_seq (zone
-- maps skip the rest of fact_codes) and report_no, both in serving_fact_index, where
-- facts.sql joins every fact with its report. (A database refreshed before
-- serving_fact_index had report_no fails here, and is answered by facts.sql.)
-- $1, $2: year span; $3: region prefix; $4: level; $5: organ; $6: report_id; $7: key
-- (always NULL here); $8: limit (NULL = all); $9: offset; $10: the doc_seq of the page's
-- reports (facts_served_docs), or NULL. list_contains of a list parameter is a filter of
-- the scan of facts, which then reads only those documents' rows; = ANY of it became a
-- semi join, and joining the page's reports alone bounds the scan by their doc_seq range
-- only, which spans every document between. The list's bounds stated as a range let zone
-- maps skip the row groups outside it, which list_contains alone does not (5 against 13
-- ms a page at 10⁶ reports). Reports without facts are not filtered out
-- (they add no rows and, with first_rowid NULL, sort last): a filter on report_id alone
-- is then what DuckDB looks up in serving_fact_index's index on report_id.
WITH selected AS (
    SELECT *, sum(n_facts) OVER (ORDER BY first_rowid ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - n_facts AS before
    FROM serving_fact_index
    WHERE $7::VARCHAR IS NULL
      AND {{template "filter"}} {{match 4 "level" "organ" "report_id"}}
),
pg AS (
    SELECT * FROM selected
    WHERE before + n_facts > $9 AND ($8::BIGINT IS NULL OR before < $9 + $8)
),
page AS (
    SELECT f.rowid AS rid, f.doc_seq, f.report_no, pg.before, pg.report_id, pg.document_sha256, pg.organ, pg.region_code, pg.province_code,
           pg.province, pg.city, pg.county, pg.level, pg.year, k.key, k.scope, f.value,
           k.semantic, k.unit, k.method, f.evidence, f.evidence_len, f.evidence_at, f.evidence_bytes, f."offset", f.approx
    FROM fact_codes f
    JOIN pg ON f.doc_seq = pg.doc_seq AND f.report_no = pg.report_no
    JOIN fact_kinds k ON k.code = f.kind
    WHERE ($10::BIGINT[] IS NULL OR (list_contains($10::BIGINT[], f.doc_seq)
           AND f.doc_seq BETWEEN list_min($10::BIGINT[]) AND list_max($10::BIGINT[])))
),
firsts AS (
    -- each report's first fact as stored now: serving_fact_index's first_rowid is the one
    -- of the last refresh, and a checkpoint vacuuming deleted rows renumbers those after
    SELECT doc_seq, report_no, min(rid) AS first_rid
    FROM page
    GROUP BY doc_seq, report_no
),
numbered AS (
    -- the fact's position in the view: its report's, plus its rank within the report,
    -- which is its distance from the report's first fact (a report's facts are appended
    -- together, so they are contiguous): row_number over the page cost 10 ms a request
    SELECT p.*, p.before + (p.rid - f.first_rid) AS pos
    FROM page p
    JOIN firsts f ON f.doc_seq = p.doc_seq AND f.report_no = p.report_no
),
texts AS (
    -- the texts of the page's reports, which the evidence stored as a slice (migrations
    -- 014, 015) is cut from. For a page of up to 2,048 documents run makes this CTE
    -- MATERIALIZED and its filter a literal list, so that DuckDB reads each text through
    -- report_texts_doc_seq, as dash_search_texts_indexed.sql does: joined as it is here,
    -- the scan decodes the vector of 2,048 texts around each document
    SELECT doc_seq, report_id, text
    FROM report_texts
    WHERE ($10::BIGINT[] IS NULL OR (list_contains($10::BIGINT[], doc_seq) AND doc_seq BETWEEN list_min($10::BIGINT[]) AND list_max($10::BIGINT[])))
)
SELECT
    n.report_id, n.document_sha256, n.organ, n.region_code, n.province_code,
    n.province, n.city, n.county,
    n.level, n.year, n.key, n.scope, n.value, n.semantic, n.unit, n.method,
    fact_evidence(n.evidence, t.text, n.evidence_at, n.evidence_bytes, n."offset", n.evidence_len) AS evidence,
    n."offset", n.approx
FROM numbered n
LEFT JOIN texts t ON t.doc_seq = n.doc_seq AND t.report_id = n.report_id
WHERE n.pos >= $9 AND ($8::BIGINT IS NULL OR n.pos < $9 + $8)
ORDER BY n.rid;
