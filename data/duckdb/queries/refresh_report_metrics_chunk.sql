-- refresh_report_metrics_chunk: the pivot of report_metrics (see refresh_report_metrics.sql)
-- for the reports of one chunk, into the staging table that step sorts. Pivoting every fact
-- at once (10⁸ at 10⁶ reports) needed memory_limit 8GB and 9.5 GB resident; a chunk of
-- 10⁵ reports pivots within the default 768MB. A document's rows share its doc_seq, so a
-- doc_seq range holds whole reports, and zone maps skip the facts outside it. The facts
-- are read from fact_codes, keyed like the reports by (doc_seq, report_no): the facts
-- view would join every fact with its report for the document_sha256 only the output
-- needs.
-- Keep the key lists in step with report_metrics_pivot's (refresh_report_metrics_stage.sql).
-- PIVOT, not 71 max(…) FILTER aggregates: 6 CPU s per 10⁵ reports against 11; a map per
-- report halves that but fails where a report states a key twice, which max() takes.
-- $1, $2: the doc_seq range (inclusive).
INSERT INTO refresh_stage.report_metrics BY NAME
WITH pivoted AS (
    PIVOT (
        SELECT f.doc_seq, f.report_no, k.key, f.value
        FROM fact_codes f
        JOIN fact_kinds k ON k.code = f.kind
        WHERE f.doc_seq BETWEEN $1 AND $2
          AND k.scope = 'whole' AND k.key IN (
            'requests_new', 'requests_carried_over', 'granted', 'partial',
            'denied_state_secret', 'denied_law_forbidden', 'denied_three_safety', 'denied_third_party',
            'denied_internal_affairs', 'denied_process_info', 'denied_enforcement_file', 'denied_query_matter',
            'denied_total', 'unable_not_held', 'unable_needs_creation', 'unable_unclear',
            'unable_total', 'np_petition', 'np_repeat', 'np_publication',
            'np_mass_repeat', 'np_confirm', 'not_processed_total', 'other_no_correction',
            'other_unpaid_fee', 'other_other', 'other_total', 'concluded_total',
            'carried_forward', 'regulations_issued', 'regulations_repealed', 'regulations_in_force',
            'normative_issued', 'normative_repealed', 'normative_in_force', 'regulations_made',
            'regulations_published', 'regulations_public_total', 'normative_made', 'normative_published',
            'normative_public_total', 'licensing_decisions', 'penalty_decisions', 'coercion_decisions',
            'fees_amount_wan', 'procurement_projects', 'procurement_amount_yuan', 'reconsideration_upheld',
            'reconsideration_corrected', 'reconsideration_other', 'reconsideration_pending', 'reconsideration_total',
            'litigation_direct_upheld', 'litigation_direct_corrected', 'litigation_direct_other', 'litigation_direct_pending',
            'litigation_direct_total', 'litigation_after_review_upheld', 'litigation_after_review_corrected', 'litigation_after_review_other',
            'litigation_after_review_pending', 'litigation_after_review_total', 'proactive_total', 'proactive_cumulative',
            'proactive_yoy_pct_stated', 'not_this_organ', 'unclear', 'complaints',
            'fees_yuan', 'press_conferences', 'litigation_total'
        )
    )
    ON key IN (
        'requests_new', 'requests_carried_over', 'granted', 'partial',
        'denied_state_secret', 'denied_law_forbidden', 'denied_three_safety', 'denied_third_party',
        'denied_internal_affairs', 'denied_process_info', 'denied_enforcement_file', 'denied_query_matter',
        'denied_total', 'unable_not_held', 'unable_needs_creation', 'unable_unclear',
        'unable_total', 'np_petition', 'np_repeat', 'np_publication',
        'np_mass_repeat', 'np_confirm', 'not_processed_total', 'other_no_correction',
        'other_unpaid_fee', 'other_other', 'other_total', 'concluded_total',
        'carried_forward', 'regulations_issued', 'regulations_repealed', 'regulations_in_force',
        'normative_issued', 'normative_repealed', 'normative_in_force', 'regulations_made',
        'regulations_published', 'regulations_public_total', 'normative_made', 'normative_published',
        'normative_public_total', 'licensing_decisions', 'penalty_decisions', 'coercion_decisions',
        'fees_amount_wan', 'procurement_projects', 'procurement_amount_yuan', 'reconsideration_upheld',
        'reconsideration_corrected', 'reconsideration_other', 'reconsideration_pending', 'reconsideration_total',
        'litigation_direct_upheld', 'litigation_direct_corrected', 'litigation_direct_other', 'litigation_direct_pending',
        'litigation_direct_total', 'litigation_after_review_upheld', 'litigation_after_review_corrected', 'litigation_after_review_other',
        'litigation_after_review_pending', 'litigation_after_review_total', 'proactive_total', 'proactive_cumulative',
        'proactive_yoy_pct_stated', 'not_this_organ', 'unclear', 'complaints',
        'fees_yuan', 'press_conferences', 'litigation_total'
    )
    USING max(value)
    GROUP BY doc_seq, report_no
)
SELECT
    r.report_id, r.document_sha256, r.source_path, r.organ, r.region_code, r.level, r.year, r.published,
    r.template, r.is_annual_report, r.extractor_version, r.key_area_coverage,
    p.* EXCLUDE (doc_seq, report_no)
FROM reports r
LEFT JOIN pivoted p USING (doc_seq, report_no)
WHERE r.doc_seq BETWEEN $1 AND $2;
