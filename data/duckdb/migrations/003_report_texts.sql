-- 003: the text each report was extracted from (data.Document.Text), which facts' evidence
-- is cut from and their offsets count characters of, for showing a report with its values
-- highlighted. One row per stored report; replaced with the report.
CREATE TABLE IF NOT EXISTS report_texts (
    report_id       VARCHAR NOT NULL,
    document_sha256 VARCHAR NOT NULL,
    text            VARCHAR NOT NULL
);
