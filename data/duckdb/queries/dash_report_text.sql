-- dash_report_text: the stored text of one report, which its facts' evidence and offsets
-- refer to. $1: report_id; $2: document sha256; $3: its doc_seq (NULL: stored before
-- migration 007), by which zone maps skip every other row group of the texts.
SELECT text
FROM report_texts
WHERE report_id = $1 AND document_sha256 = $2 AND ($3::BIGINT IS NULL OR doc_seq = $3)
LIMIT 1;
