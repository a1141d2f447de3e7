-- refresh_serving_annual: one annual report per organ and year with the parts of METRICS.md's
-- derived indicators, the base every analytics view reads (analytics/queries/_annual.sql
-- and _indicators.sql compute the rates and intervals from it per request).
-- The reports are those refresh_annual_pick.sql chose, with their organ_key and seq (the
-- indicators view's order), joined to their report_metrics rows; the choice and the
-- numbering read only narrow columns: windowed whole, report_metrics' 83 columns made a
-- window over 10⁶ reports pin more than memory_limit.
-- province_code is the GB/T 2260 code of the province (what peer groups group on). A
-- component the report does not state makes a part NULL: silence is not 0; correction
-- sums three tables, so a missing table counts 0 as long as one of them is stated.
CREATE OR REPLACE TABLE serving_annual AS
WITH annual AS (
    SELECT m.*, n.organ_key,
           CASE WHEN length(m.region_code) = 6 THEN substr(m.region_code, 1, 2) || '0000' END AS province_code,
           n.province, n.city, n.county, n.seq
    FROM refresh_stage.annual_pick n
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
