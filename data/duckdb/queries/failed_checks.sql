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
        SELECT string_agg(k.key || ': ' || f.evidence, ' | ' ORDER BY f."offset", k.key)
        FROM fact_codes f
        JOIN fact_kinds k ON k.code = f.kind
        JOIN check_keys ck ON ck.key = k.key AND ck.name = c.name
        WHERE f.doc_seq = r.doc_seq
          AND f.report_no = r.report_no
          AND k.scope = 'whole'
          AND f.evidence IS NOT NULL AND f.evidence <> ''
    ), '') AS evidence
FROM checks c
JOIN reports r USING (document_sha256, report_id)
WHERE NOT c.ok
ORDER BY organ, year, source_path, c.name;
