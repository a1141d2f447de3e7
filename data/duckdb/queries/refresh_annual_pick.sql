-- refresh_annual_pick: which report counts for each organ and year, and the order of the
-- indicators view (seq), over the narrow columns they need, for refresh_serving_annual.sql
-- to join the winners' report_metrics rows to. Its own statement: in one statement with
-- that join and its sort, the refresh failed at 10⁶ reports ("failed to pin block", 732.3
-- of 732.4 MiB) inside the refresh's transaction, after report_metrics and serving_reports
-- were rebuilt in it; in two, the same steps pass (7.4 s and 19.3 s) and give the same
-- table (EXCEPT ALL both ways empty, seq = rowid + 1).
-- Which report counts for an organ and year: a report copied to mirror sites has the same
-- report_id in several documents, and an organ may be stored twice for a year (a page and
-- its attachment): keep the copy with the most facts, then the earliest published (the
-- original, not the mirror), then the smallest sha for determinism. organ_key identifies
-- an organ across years: a government by its region and level (the name varies:
-- 洪泽区人民政府 / 淮安市洪泽区人民政府), any other organ by its name within its region; a
-- report without an organ is its own key.
CREATE TABLE refresh_stage.annual_pick AS
WITH fact_counts AS (
    SELECT doc_seq, report_no, count(*) AS n_facts
    FROM fact_codes
    GROUP BY doc_seq, report_no
),
chosen AS (
    SELECT m.document_sha256, m.report_id, m.year, m.region_code, m.organ, r.province, r.city, r.county,
           CASE WHEN m.region_code IS NOT NULL AND m.level IN ('national', 'province', 'city', 'county')
                    THEN 'gov:' || m.region_code || ':' || m.level
                WHEN coalesce(m.organ, '') <> ''
                    THEN 'organ:' || coalesce(m.region_code, '') || ':' || m.organ
                ELSE 'report:' || m.report_id
           END AS organ_key
    FROM report_metrics m
    JOIN reports r ON r.document_sha256 = m.document_sha256 AND r.report_id = m.report_id
    LEFT JOIN fact_counts fc ON fc.doc_seq = r.doc_seq AND fc.report_no = r.report_no
    WHERE m.is_annual_report AND m.year IS NOT NULL
    QUALIFY row_number() OVER (
                PARTITION BY organ_key, m.year
                ORDER BY coalesce(fc.n_facts, 0) DESC, m.published ASC NULLS LAST, m.document_sha256
            ) = 1
)
SELECT document_sha256, report_id, organ_key, province, city, county,
       row_number() OVER (ORDER BY year, region_code NULLS LAST, organ, report_id, document_sha256) AS seq
FROM chosen;
