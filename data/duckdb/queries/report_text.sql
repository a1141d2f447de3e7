-- report_text: the document text that facts' evidence and offsets refer to.
-- $1: report_id, $2: document sha256.
SELECT text
FROM report_texts
WHERE report_id = $1 AND document_sha256 = $2
LIMIT 1;
