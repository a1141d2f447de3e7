-- dash_report_checks: the consistency checks of one report. $1: report_id, $2: document sha256;
-- $3: its doc_seq (NULL: stored before migration 007), by which zone maps skip every
-- other row group, where the report id alone scanned the whole column.
SELECT name, ok, detail
FROM checks
WHERE report_id = $1 AND document_sha256 = $2 AND ($3::BIGINT IS NULL OR doc_seq = $3)
ORDER BY ok, name;
