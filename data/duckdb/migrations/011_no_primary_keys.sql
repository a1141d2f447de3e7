-- 011: documents and reports lose their primary keys. The Writer and SaveBatch already keep
-- them unique: they dedupe a batch by SHA-256 and delete a document's stored rows before
-- appending its new ones. The keys' ART indexes only cost: every append loads and grows
-- them, and what DuckDB must keep pinned while appending grew with them, about 330 bytes a
-- document (an ingest at a 256MB memory_limit failed at 750,000 reports). No query used
-- them: existing_documents.sql joins, which scans.
-- (010 was the report_texts index, since moved to refresh; databases may have it recorded.)
-- The tables are rebuilt in their column order, which the appenders write by position,
-- and in their row order, which doc_seq's zone maps rely on.
CREATE TABLE documents_011 AS SELECT * FROM documents;
DROP TABLE documents;
ALTER TABLE documents_011 RENAME TO documents;
ALTER TABLE documents ALTER COLUMN sha256 SET NOT NULL;
ALTER TABLE documents ALTER COLUMN size SET NOT NULL;
ALTER TABLE documents ALTER COLUMN extractor_version SET NOT NULL;
ALTER TABLE documents ALTER COLUMN ingested_at SET NOT NULL;

CREATE TABLE reports_011 AS SELECT * FROM reports;
DROP TABLE reports;
ALTER TABLE reports_011 RENAME TO reports;
ALTER TABLE reports ALTER COLUMN report_id SET NOT NULL;
ALTER TABLE reports ALTER COLUMN document_sha256 SET NOT NULL;
ALTER TABLE reports ALTER COLUMN is_annual_report SET NOT NULL;
ALTER TABLE reports ALTER COLUMN extractor_version SET NOT NULL;
