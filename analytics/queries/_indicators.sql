{{define "cte_indicators"}}
-- ind: METRICS.md's derived indicators per annual report, from the numerators and
-- denominators serving_annual holds (NULL where the report does not state a component:
-- silence is not 0), with Wilson 95% intervals.
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
    FROM annual
)
{{end}}
