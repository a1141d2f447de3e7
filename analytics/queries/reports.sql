-- reports: every stored report (mirror copies and non-reports included, flagged by
-- is_annual_report, so that provenance is complete) with its identity and its metrics at
-- scope whole, one column per key: serving_reports, materialised by DB.Refresh in this
-- order (seq). $1, $2: year span; $3: region code prefix.
SELECT * EXCLUDE (seq)
FROM serving_reports
WHERE {{template "filter"}} {{match 4 "level" "organ" "report_id"}}
ORDER BY seq;
