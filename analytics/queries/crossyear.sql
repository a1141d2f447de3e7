-- crossyear: every pair of consecutive years of one organ where both sides of the
-- carried-forward identity are stated, with ok saying whether it holds. year is the
-- earlier year; report_id and source_path are the later report's (where the number read
-- differently). $1, $2: year span (of the earlier year); $3: region prefix.
WITH {{template "cte_annual"}}, {{template "cte_crossyear"}}
SELECT organ, region_code, province_code, province, level, year, report_id, document_sha256, source_path,
       carried_forward, requests_carried_over, ok, detail
FROM cross_year
WHERE {{template "filter"}}
ORDER BY ok, region_code NULLS LAST, organ, year, report_id, document_sha256;
