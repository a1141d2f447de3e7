-- 012: facts are stored in fact_rows, without document_sha256; facts is a view that takes
-- it from the fact's report, by (doc_seq, report_id), which is unique. Every fact row
-- repeated its document's 64-character SHA-256: on disk it compressed to nothing, but the
-- ingest paid for it on every row, copied by the appender, then by DuckDB's local storage,
-- then analysed for compression (10% of a 10⁴-report ingest's wall time). Joining the
-- reports back costs a scan of 10⁸ facts about as much as reading the column did.
--
-- doc_seq is what links a fact to its document now, so the rows stored before 007, which
-- have none, get one first: each such document the next order, in its storage order, and
-- each of its rows that order.
UPDATE documents SET seq = n.seq
FROM (SELECT sha256, (SELECT coalesce(max(seq), 0) FROM documents) + row_number() OVER (ORDER BY rowid) AS seq
      FROM documents WHERE seq IS NULL) n
WHERE documents.seq IS NULL AND documents.sha256 = n.sha256;
UPDATE reports SET doc_seq = d.seq FROM documents d
WHERE reports.doc_seq IS NULL AND reports.document_sha256 = d.sha256;
UPDATE facts SET doc_seq = d.seq FROM documents d
WHERE facts.doc_seq IS NULL AND facts.document_sha256 = d.sha256;
UPDATE checks SET doc_seq = d.seq FROM documents d
WHERE checks.doc_seq IS NULL AND checks.document_sha256 = d.sha256;
UPDATE key_area_mentions SET doc_seq = d.seq FROM documents d
WHERE key_area_mentions.doc_seq IS NULL AND key_area_mentions.document_sha256 = d.sha256;
UPDATE report_texts SET doc_seq = d.seq FROM documents d
WHERE report_texts.doc_seq IS NULL AND report_texts.document_sha256 = d.sha256;

-- The columns in the order the Writer's appender writes them, the rows in their storage
-- order, which doc_seq's zone maps rely on.
CREATE TABLE fact_rows AS
SELECT report_id, key, scope, value, semantic, unit, method, evidence, "offset", approx, doc_seq
FROM facts;
DROP TABLE facts;
ALTER TABLE fact_rows ALTER COLUMN report_id SET NOT NULL;
ALTER TABLE fact_rows ALTER COLUMN key SET NOT NULL;
ALTER TABLE fact_rows ALTER COLUMN scope SET NOT NULL;
ALTER TABLE fact_rows ALTER COLUMN semantic SET NOT NULL;
ALTER TABLE fact_rows ALTER COLUMN approx SET NOT NULL;
ALTER TABLE fact_rows ALTER COLUMN doc_seq SET NOT NULL;

-- facts keeps its columns and their order, for the SQL console, the exports and every
-- query that reads facts by report.
CREATE VIEW facts AS
SELECT f.report_id, r.document_sha256, f.key, f.scope, f.value, f.semantic, f.unit, f.method,
       f.evidence, f."offset", f.approx, f.doc_seq
FROM fact_rows f
JOIN reports r ON r.doc_seq = f.doc_seq AND r.report_id = f.report_id;
