{{define "cte_indicators"}}
-- ind: METRICS.md's derived indicators per annual report, with numerators and
-- denominators. A component the report does not state makes the indicator NULL: silence
-- is not 0. correction_rate is the exception the formula itself implies: it sums three
-- tables, so a missing table counts 0 as long as one of them is stated.
checks_wanted AS (
    SELECT document_sha256, report_id,
           bool_and(ok) AS all_ok,
           count(DISTINCT name) AS n
    FROM checks
    WHERE name IN ('requests_balance', 'concluded_sum')
    GROUP BY document_sha256, report_id
),
ind_base AS (
    SELECT a.*,
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
           CASE WHEN c.n = 2 THEN c.all_ok WHEN NOT c.all_ok THEN false END AS consistency_ok
    FROM annual a
    LEFT JOIN checks_wanted c USING (document_sha256, report_id)
),
ind AS (
    SELECT *,
           CASE WHEN rate_den > 0 THEN grant_rate_num / rate_den END                    AS grant_rate,
           {{wilson "grant_rate_num" "rate_den" "lo"}}                                 AS grant_rate_lo,
           {{wilson "grant_rate_num" "rate_den" "hi"}}                                 AS grant_rate_hi,
           CASE WHEN rate_den > 0 THEN refusal_rate_num / rate_den END                  AS refusal_rate,
           {{wilson "refusal_rate_num" "rate_den" "lo"}}                               AS refusal_rate_lo,
           {{wilson "refusal_rate_num" "rate_den" "hi"}}                               AS refusal_rate_hi,
           CASE WHEN rate_den > 0 THEN nondisclosure_rate_num / rate_den END            AS nondisclosure_rate,
           {{wilson "nondisclosure_rate_num" "rate_den" "lo"}}                         AS nondisclosure_rate_lo,
           {{wilson "nondisclosure_rate_num" "rate_den" "hi"}}                         AS nondisclosure_rate_hi,
           CASE WHEN correction_rate_den > 0 THEN correction_rate_num / correction_rate_den END AS correction_rate,
           {{wilson "correction_rate_num" "correction_rate_den" "lo"}}                 AS correction_rate_lo,
           {{wilson "correction_rate_num" "correction_rate_den" "hi"}}                 AS correction_rate_hi,
           CASE WHEN published IS NOT NULL AND deadline IS NOT NULL THEN published <= deadline END AS on_time
    FROM ind_base
)
{{end}}
