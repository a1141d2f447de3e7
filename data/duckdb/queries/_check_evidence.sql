{{define "check_evidence" -}}
evidence AS (
    -- the evidence of the facts each failed check is made of (check_keys), in the order of
    -- the source text, joined once rather than looked up per check. failed is the failed
    -- checks with their report's doc_seq and report_no, by which its facts and its text
    -- are found; evidence stored as a slice (migrations 014, 015) is cut from the text
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
{{- end}}
