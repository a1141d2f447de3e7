-- lake_facts: the facts view with the partition columns of the Parquet lake: year and
-- province_code (the GB/T 2260 province code, NULL when the region is unknown) of its
-- report. The province's name is in the lake's reports.
SELECT f.report_id, f.document_sha256, f.key, f.scope, f.value, f.semantic, f.unit, f.method,
       f.evidence, f."offset", f.approx, r.year,
       CASE WHEN length(r.region_code) = 6 THEN substr(r.region_code, 1, 2) || '0000' END AS province_code
FROM facts f
JOIN reports r ON r.doc_seq = f.doc_seq AND r.report_id = f.report_id
