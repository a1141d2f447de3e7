-- refresh_report_metrics: report_metrics, the pivot of facts at the whole scope, from the
-- chunks refresh_report_metrics_chunk.sql staged, in the reports view's order so that zone
-- maps prune on year and region. A sort of 10⁶ rows spills to disk within memory_limit;
-- the pivot of 10⁸ facts behind it did not, hence the chunks.
CREATE OR REPLACE TABLE report_metrics AS
FROM refresh_stage.report_metrics
ORDER BY year NULLS LAST, region_code NULLS LAST, organ, report_id, document_sha256;
