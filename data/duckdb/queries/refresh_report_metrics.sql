-- refresh_report_metrics: materialise the pivot of migration 006 (report_metrics_pivot;
-- TestRefreshMatchesPivot checks the two agree, so keep this key list in step with the
-- view's) in the reports view's order, so that zone maps prune on year and region.
-- PIVOT, not the view's 71 max(…) FILTER aggregates: the FILTER form updates every
-- aggregate state per row and took 7–10 s at 10⁵ reports, PIVOT ~2 s; the facts are
-- first cut to the pivoted keys (a quarter of the rows: the other keys are the applicant
-- columns and prose extras).
CREATE OR REPLACE TABLE report_metrics AS
WITH pivoted AS (
    PIVOT (
        SELECT document_sha256, report_id, key, value
        FROM facts
        WHERE scope = 'whole' AND key IN (
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
    GROUP BY document_sha256, report_id
)
SELECT
    r.report_id, r.document_sha256, r.source_path, r.organ, r.region_code, r.level, r.year, r.published,
    r.template, r.is_annual_report, r.extractor_version, r.key_area_coverage,
    p.* EXCLUDE (document_sha256, report_id)
FROM reports r
LEFT JOIN pivoted p USING (document_sha256, report_id)
ORDER BY r.year NULLS LAST, r.region_code NULLS LAST, r.organ, r.report_id, r.document_sha256;
