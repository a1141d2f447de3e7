-- reports_organ: reports.sql filtered by organ ($5). The organ's rows are materialised
-- first: serving_reports has an index on organ (refresh), which DuckDB uses for a plain
-- equality scan but not under the view's ORDER BY, where it read every row of all 88
-- columns (0.1 s at 10⁶ reports, against 0.02 s). The other filters apply after.
WITH hit AS MATERIALIZED (
    SELECT * FROM serving_reports WHERE organ = $5
)
SELECT * EXCLUDE (seq)
FROM hit
WHERE {{template "filter"}} {{match 4 "level" "organ" "report_id"}}
ORDER BY seq;
