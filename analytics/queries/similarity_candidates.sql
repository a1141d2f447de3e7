-- similarity_candidates: the annual reports whose texts copy-paste detection compares:
-- those of the span and of the year before it (each report is compared with the same
-- organ's previous year). $1, $2: year span, already widened by the caller; $3: region.
WITH {{template "cte_annual"}}
SELECT organ_key, coalesce(organ, '') AS organ, coalesce(region_code, '') AS region_code,
       year, report_id, document_sha256, coalesce(source_path, '') AS source_path
FROM annual
WHERE {{template "filter"}}
ORDER BY year, organ_key;
