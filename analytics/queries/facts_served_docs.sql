-- facts_served_docs: the doc_seq of the reports a page of facts_served.sql reads (its
-- $10), found in serving_fact_index alone. $1…$9: facts_served.sql's. A document with two
-- selected reports is listed twice, which list_contains does not mind: list(DISTINCT …)
-- cost 6-30 ms a request at 10⁶ reports, list(…) 3-5 ms.
WITH selected AS (
    SELECT *, sum(n_facts) OVER (ORDER BY first_rowid ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - n_facts AS before
    FROM serving_fact_index
    WHERE $7::VARCHAR IS NULL
      AND {{template "filter"}} {{match 4 "level" "organ" "report_id"}}
)
SELECT coalesce(list(doc_seq ORDER BY doc_seq) FILTER (WHERE doc_seq IS NOT NULL), [])::VARCHAR
FROM selected
WHERE before + n_facts > $9 AND ($8::BIGINT IS NULL OR before < $9 + $8);
