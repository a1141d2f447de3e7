-- refresh_serving_quality: serving_problems with seq numbering the quality view's order
-- (analytics/queries/quality.sql's ORDER BY). Without expected governments (the
-- dashboard and API pass none) the quality view is exactly these rows: a page is then a
-- seq range and a filter a scan of this table, instead of sorting every problem (and
-- building the 'missing' candidates) per request.
CREATE OR REPLACE TABLE serving_quality AS
SELECT *,
       row_number() OVER (ORDER BY kind, year, region_code NULLS LAST, organ, check_name, report_id,
                                   document_sha256, detail) AS seq
FROM serving_problems
ORDER BY seq;
