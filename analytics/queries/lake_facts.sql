-- lake_facts: the facts table with the partition columns of the Parquet lake: year and
-- province_code (the GB/T 2260 province code, NULL when the region is unknown) of its
-- report. The province's name is in the lake's reports.
-- The facts view's columns, from fact_rows and the report it is joined with anyway.
SELECT t.report_id, r.document_sha256, t.key, t.scope, t.value, t.semantic, t.unit, t.method,
       t.evidence, t."offset", t.approx, r.year,
       CASE WHEN length(r.region_code) = 6 THEN substr(r.region_code, 1, 2) || '0000' END AS province_code
FROM fact_rows t
JOIN reports r ON r.doc_seq = t.doc_seq AND r.report_id = t.report_id
