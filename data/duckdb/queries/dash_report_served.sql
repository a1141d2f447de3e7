-- dash_report_served: dash_report.sql's row as the last refresh stored it in
-- serving_report_ids, through its index on report_id, which DuckDB uses only when that is
-- the scan's only filter and nothing orders it (hence the MATERIALIZED CTE): 1-2 ms,
-- where zone maps on report_id led to a row group of which every column was decoded,
-- 6-15 ms at 10⁶ reports. A report id can appear in several documents (mirror copies);
-- the first document wins, as in dash_report.sql. The row may be stale: the report
-- re-extracted since, under another doc_seq. $1: report_id.
WITH found AS MATERIALIZED (
    SELECT *
    FROM serving_report_ids
    WHERE report_id = $1
)
SELECT *
FROM found
ORDER BY document_sha256
LIMIT 1;
