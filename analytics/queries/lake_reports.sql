-- lake_reports: the reports table with the lake's second partition column, province_code
-- (the GB/T 2260 province code, NULL when the region is unknown); year is its own. The
-- table's own province, city and county columns are the names resolved from region_code,
-- so the partition column is not called province.
SELECT r.* EXCLUDE (doc_seq, report_no),
       CASE WHEN length(r.region_code) = 6 THEN substr(r.region_code, 1, 2) || '0000' END AS province_code
FROM reports r
