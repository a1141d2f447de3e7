-- lake_reports: the reports table with the lake's second partition column, province
-- (the GB/T 2260 province code, NULL when the region is unknown); year is its own.
SELECT r.*,
       CASE WHEN length(r.region_code) = 6 THEN substr(r.region_code, 1, 2) || '0000' END AS province
FROM reports r
