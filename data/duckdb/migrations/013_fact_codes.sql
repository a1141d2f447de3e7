-- 013: facts are stored coded, in fact_codes. A fact's report is its report_no, the
-- report's number within its document (reports gain the column), and its key, scope,
-- semantic, unit and method are one code, kind, of fact_kinds, the dictionary of every
-- such combination stored (about 1,600 of them at 10⁵ reports). Each of those strings was
-- copied by the Go driver (a cgo call per value), by the appender's buffer and by
-- DuckDB's local storage, for 10⁸ rows at 10⁶ reports; an integer is written in place.
-- One code, not five: decoding is one join, where five cost a query on a report's facts
-- more in planning and in pipelines than its scan. facts stays a view with its columns
-- and their order, decoded.
--
-- A document's reports are numbered in their storage order. reports is rebuilt, as 011
-- did, in its column order (report_no last, where the appender writes it) and its row
-- order: a NOT NULL constraint cannot be added after an UPDATE in one transaction.
DROP VIEW facts;
CREATE TABLE reports_013 AS
SELECT *, (row_number() OVER (PARTITION BY doc_seq ORDER BY rowid))::INTEGER AS report_no
FROM reports
ORDER BY rowid;
DROP TABLE reports;
ALTER TABLE reports_013 RENAME TO reports;
ALTER TABLE reports ALTER COLUMN report_id SET NOT NULL;
ALTER TABLE reports ALTER COLUMN document_sha256 SET NOT NULL;
ALTER TABLE reports ALTER COLUMN is_annual_report SET NOT NULL;
ALTER TABLE reports ALTER COLUMN extractor_version SET NOT NULL;
ALTER TABLE reports ALTER COLUMN report_no SET NOT NULL;

-- Codes in the order of the combinations; the Writer adds new ones after the largest.
CREATE TABLE fact_kinds (
    code     INTEGER NOT NULL,
    key      VARCHAR NOT NULL,
    scope    VARCHAR NOT NULL,
    semantic VARCHAR NOT NULL,
    unit     VARCHAR,
    method   VARCHAR
);
INSERT INTO fact_kinds
SELECT (row_number() OVER (ORDER BY key, scope, semantic, unit, method))::INTEGER, key, scope, semantic, unit, method
FROM (SELECT DISTINCT key, scope, semantic, unit, method FROM fact_rows);

-- The columns in the order the Writer's appender writes them, the rows in fact_rows' order
-- (its rowids), which doc_seq's zone maps and serving_fact_index's first_rowid rely on:
-- the parallel joins do not keep it.
CREATE TABLE fact_codes AS
SELECT r.report_no, k.code AS kind, f.value, f.evidence, f."offset", f.approx, f.doc_seq
FROM fact_rows f
JOIN reports r ON r.doc_seq = f.doc_seq AND r.report_id = f.report_id
JOIN fact_kinds k ON k.key = f.key AND k.scope = f.scope AND k.semantic = f.semantic
     AND k.unit IS NOT DISTINCT FROM f.unit AND k.method IS NOT DISTINCT FROM f.method
ORDER BY f.rowid;
DROP TABLE fact_rows;
ALTER TABLE fact_codes ALTER COLUMN report_no SET NOT NULL;
ALTER TABLE fact_codes ALTER COLUMN kind SET NOT NULL;
ALTER TABLE fact_codes ALTER COLUMN approx SET NOT NULL;
ALTER TABLE fact_codes ALTER COLUMN doc_seq SET NOT NULL;

CREATE VIEW facts AS
SELECT r.report_id, r.document_sha256, k.key, k.scope, f.value, k.semantic, k.unit, k.method,
       f.evidence, f."offset", f.approx, f.doc_seq
FROM fact_codes f
JOIN reports r ON r.doc_seq = f.doc_seq AND r.report_no = f.report_no
JOIN fact_kinds k ON k.code = f.kind;
