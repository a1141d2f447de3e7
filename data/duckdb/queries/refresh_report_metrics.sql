-- refresh_report_metrics: materialise the pivot (migration 006) in the reports view's order,
-- so that zone maps prune on year and region.
CREATE OR REPLACE TABLE report_metrics AS
SELECT * FROM report_metrics_pivot
ORDER BY year NULLS LAST, region_code NULLS LAST, organ, report_id, document_sha256;
