-- The failed consistency checks, with the report they belong to and the evidence of the
-- facts the check is made of (check_keys), in the order of the source text. Evidence
-- stored as a slice (migrations 014, 015) is cut from the report's text.
WITH failed AS (
    SELECT c.name, c.detail, r.organ, r.year, r.source_path, r.report_id, r.document_sha256,
           r.doc_seq, r.report_no
    FROM checks c
    JOIN reports r USING (document_sha256, report_id)
    WHERE NOT c.ok
),
evidence AS (
    -- as refresh_serving_problems.sql's: failed has each check's report, so its facts and
    -- its text are joined by it
    SELECT c.document_sha256, c.report_id, c.name,
           string_agg(k.key || ': ' || fact_evidence(f.evidence, t.text, f.evidence_at, f.evidence_bytes, f."offset", f.evidence_len),
                      ' | ' ORDER BY f."offset", k.key) AS evidence
    FROM failed c
    JOIN fact_codes f ON f.doc_seq = c.doc_seq AND f.report_no = c.report_no
    JOIN fact_kinds k ON k.code = f.kind
    JOIN check_keys ck ON ck.key = k.key AND ck.name = c.name
    LEFT JOIN report_texts t ON t.doc_seq = c.doc_seq AND t.report_id = c.report_id
    WHERE k.scope = 'whole' AND coalesce(fact_evidence(f.evidence, t.text, f.evidence_at, f.evidence_bytes, f."offset", f.evidence_len), '') <> ''
    GROUP BY c.document_sha256, c.report_id, c.name
)
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
