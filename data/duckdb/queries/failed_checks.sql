-- The failed consistency checks, with the report they belong to and the evidence of the
-- facts the check is made of (_check_evidence.sql).
WITH failed AS (
    SELECT c.name, c.detail, r.organ, r.year, r.source_path, r.report_id, r.document_sha256,
           r.doc_seq, r.report_no
    FROM checks c
    JOIN reports r USING (document_sha256, report_id)
    WHERE NOT c.ok
),
{{template "check_evidence"}}
SELECT
    coalesce(c.organ, '')       AS organ,
    coalesce(c.year, 0)         AS year,
    coalesce(c.source_path, '') AS source_path,
    c.report_id,
    c.document_sha256,
    c.name,
    coalesce(c.detail, '')      AS detail,
    coalesce(e.evidence, '')    AS evidence
FROM failed c
LEFT JOIN evidence e ON e.document_sha256 = c.document_sha256 AND e.report_id = c.report_id AND e.name = c.name
ORDER BY organ, year, source_path, c.name;
