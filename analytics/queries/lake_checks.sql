-- lake_checks: the checks table with the partition columns of the Parquet lake: year and
-- province_code (the GB/T 2260 province code, NULL when the region is unknown) of its
-- report. The province's name is in the lake's reports.
SELECT t.* EXCLUDE (doc_seq), r.year,
       CASE WHEN length(r.region_code) = 6 THEN substr(r.region_code, 1, 2) || '0000' END AS province_code
FROM checks t
JOIN reports r USING (document_sha256, report_id)
