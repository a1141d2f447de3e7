-- refresh_serving_annual: one annual report per organ and year with the parts of METRICS.md's
-- derived indicators, the base every analytics view reads (analytics/queries/_annual.sql
-- and _indicators.sql compute the rates and intervals from it per request).
-- Which report counts for an organ and year: a report copied to mirror sites has the same
-- report_id in several documents, and an organ may be stored twice for a year (a page and
-- its attachment): keep the copy with the most facts, then the earliest published (the
-- original, not the mirror), then the smallest sha for determinism. organ_key identifies
-- an organ across years: a government by its region and level (the name varies:
-- 洪泽区人民政府 / 淮安市洪泽区人民政府), any other organ by its name within its region; a
-- report without an organ is its own key. province_code is the GB/T 2260 code of the
-- province (what peer groups group on). A component the report does not state makes a
-- part NULL: silence is not 0; correction sums three tables, so a missing table counts 0
-- as long as one of them is stated. seq numbers the indicators view's order.
-- The choice and the numbering read only the narrow columns they need, and the winners
-- are joined back to their report_metrics rows after: windowed whole, report_metrics' 83
-- columns made a window over 10⁶ reports pin more than memory_limit ("failed to pin
-- block", 732.5 of 732.4 MiB) in a refresh after a 10⁶ ingest.
CREATE OR REPLACE TABLE serving_annual AS
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
),
numbered AS (
    SELECT document_sha256, report_id, organ_key, province, city, county,
           row_number() OVER (ORDER BY year, region_code NULLS LAST, organ, report_id, document_sha256) AS seq
    FROM chosen
),
annual AS (
    SELECT m.*, n.organ_key,
           CASE WHEN length(m.region_code) = 6 THEN substr(m.region_code, 1, 2) || '0000' END AS province_code,
           n.province, n.city, n.county, n.seq
    FROM numbered n
    JOIN report_metrics m ON m.document_sha256 = n.document_sha256 AND m.report_id = n.report_id
),
checks_wanted AS (
    SELECT document_sha256, report_id,
           bool_and(ok) AS all_ok,
           count(DISTINCT name) AS n
    FROM checks
    WHERE name IN ('requests_balance', 'concluded_sum')
    GROUP BY document_sha256, report_id
)
SELECT * FROM (
    SELECT a.* EXCLUDE (seq),
           a.granted + a.partial                                     AS grant_rate_num,
           a.denied_total                                            AS refusal_rate_num,
           a.denied_total + a.unable_total + a.not_processed_total   AS nondisclosure_rate_num,
           a.concluded_total                                         AS rate_den,
           CASE WHEN coalesce(a.reconsideration_total, a.litigation_direct_total, a.litigation_after_review_total) IS NOT NULL
                THEN coalesce(a.reconsideration_corrected, 0) + coalesce(a.litigation_direct_corrected, 0)
                   + coalesce(a.litigation_after_review_corrected, 0) END AS correction_rate_num,
           CASE WHEN coalesce(a.reconsideration_total, a.litigation_direct_total, a.litigation_after_review_total) IS NOT NULL
                THEN coalesce(a.reconsideration_total, 0) + coalesce(a.litigation_direct_total, 0)
                   + coalesce(a.litigation_after_review_total, 0)
                   - coalesce(a.reconsideration_pending, 0) - coalesce(a.litigation_direct_pending, 0)
                   - coalesce(a.litigation_after_review_pending, 0) END AS correction_rate_den,
           CASE WHEN a.year <= 2018 THEN make_date(a.year + 1, 3, 31)
                WHEN a.level = 'department' THEN make_date(a.year + 1, 1, 31)
                WHEN a.level IN ('national', 'province', 'city', 'county') THEN make_date(a.year + 1, 3, 31)
           END AS deadline,
           CASE WHEN c.n = 2 THEN c.all_ok WHEN NOT c.all_ok THEN false END AS consistency_ok,
           a.seq
    FROM annual a
    LEFT JOIN checks_wanted c USING (document_sha256, report_id)
)
ORDER BY seq;
