-- The failed consistency checks, with the report they belong to and the evidence of the
-- facts the check is made of (check_keys), in the order of the source text.
SELECT
    coalesce(r.organ, '')       AS organ,
    coalesce(r.year, 0)         AS year,
    coalesce(r.source_path, '') AS source_path,
    r.report_id,
    r.document_sha256,
    c.name,
    coalesce(c.detail, '')      AS detail,
    coalesce((
        SELECT string_agg(f.key || ': ' || f.evidence, ' | ' ORDER BY f."offset", f.key)
        FROM fact_rows f
        JOIN check_keys k ON k.key = f.key AND k.name = c.name
        WHERE f.doc_seq = c.doc_seq
          AND f.report_id = c.report_id
          AND f.scope = 'whole'
          AND f.evidence IS NOT NULL AND f.evidence <> ''
    ), '') AS evidence
FROM checks c
JOIN reports r USING (document_sha256, report_id)
WHERE NOT c.ok
ORDER BY organ, year, source_path, c.name;
