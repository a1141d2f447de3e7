-- lake_facts_year: the facts of the reports of year $1 (NULL: those without a year),
-- with the lake's other partition column, province_code (the GB/T 2260 province code,
-- NULL when the region is unknown) of its report; the year is the directory they are
-- written to. A partitioned COPY buffers each partition until it is large, so the whole
-- facts view at once held nearly all of it (2.5 GB resident at 10⁵ reports, out of
-- memory at 1GB); a year at a time holds one year's. The facts are read from fact_codes
-- joined with the year's reports first, so that only the year's facts are joined with
-- their kinds and texts, where the facts view joins every fact before the year is known.
WITH r AS (
    SELECT doc_seq, report_no, report_id, document_sha256, region_code
    FROM reports
    WHERE year IS NOT DISTINCT FROM $1
)
SELECT r.report_id, r.document_sha256, k.key, k.scope, f.value, k.semantic, k.unit, k.method,
       fact_evidence(f.evidence, t.text, f.evidence_at, f.evidence_bytes, f."offset", f.evidence_len) AS evidence,
       f."offset", f.approx,
       CASE WHEN length(r.region_code) = 6 THEN substr(r.region_code, 1, 2) || '0000' END AS province_code
FROM fact_codes f
JOIN r ON r.doc_seq = f.doc_seq AND r.report_no = f.report_no
JOIN fact_kinds k ON k.code = f.kind
LEFT JOIN (SELECT t.doc_seq, t.report_id, t.text FROM report_texts t SEMI JOIN r ON r.doc_seq = t.doc_seq AND r.report_id = t.report_id) t
    ON t.doc_seq = f.doc_seq AND t.report_id = r.report_id
