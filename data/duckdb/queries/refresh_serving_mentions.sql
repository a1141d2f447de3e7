-- refresh_serving_mentions: key-area mentions per report and area (the first evidence, the
-- largest stated count), what the coverage view joins its listed areas with.
CREATE OR REPLACE TABLE serving_mentions AS
SELECT document_sha256, report_id, area,
       arg_min(evidence, "offset") AS evidence, min("offset") AS "offset", max(count) AS count
FROM key_area_mentions
GROUP BY ALL;
