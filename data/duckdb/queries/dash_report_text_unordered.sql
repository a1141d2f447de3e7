-- dash_report_text_unordered: dash_report_text.sql for a report stored before migration
-- 007, which has no doc_seq: found by its ids alone, a scan of every text. $1: report_id;
-- $2: document sha256.
SELECT text
FROM report_texts
WHERE report_id = $1 AND document_sha256 = $2
LIMIT 1;
