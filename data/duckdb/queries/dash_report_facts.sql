-- dash_report_facts: every fact of one report in text order. $1: report_id; $2: its
-- doc_seq, which every report has since migration 012 and which, with the report id,
-- identifies the report: zone maps skip every other row group of fact_codes. (A NULL
-- branch for reports without doc_seq, looking the document's up, kept the filter from
-- reaching the scan: 25 against 1.5 ms at 10⁶ reports.)
SELECT key, scope, value, semantic, unit, method, evidence, "offset", approx
FROM facts
WHERE report_id = $1 AND doc_seq = $2
ORDER BY "offset" NULLS LAST, key, scope;
