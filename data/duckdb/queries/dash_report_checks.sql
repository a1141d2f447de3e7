-- dash_report_checks: the consistency checks of one report. $1: report_id, $2: document sha256.
SELECT name, ok, detail
FROM checks
WHERE report_id = $1 AND document_sha256 = $2
ORDER BY ok, name;
