-- 006: the serving layer. report_metrics becomes a table, materialised from the pivot
-- view (002's definition, renamed report_metrics_pivot) by DB.Refresh, so that a page
-- does not pivot the whole facts table per request. The other serving_* tables that
-- Refresh builds (serving_reports, serving_annual, serving_growth, serving_problems,
-- serving_mentions) are created by Refresh itself, with CREATE OR REPLACE TABLE … AS, so
-- their columns follow their queries. serving_refresh records each refresh: a database
-- without a row there (ingested by an older binary) is refused by serve.
CREATE OR REPLACE VIEW report_metrics_pivot AS
WITH pivoted AS (
    SELECT
        document_sha256,
        report_id,
        max(value) FILTER (WHERE key = 'requests_new')                      AS requests_new,
        max(value) FILTER (WHERE key = 'requests_carried_over')             AS requests_carried_over,
        max(value) FILTER (WHERE key = 'granted')                           AS granted,
        max(value) FILTER (WHERE key = 'partial')                           AS partial,
        max(value) FILTER (WHERE key = 'denied_state_secret')               AS denied_state_secret,
        max(value) FILTER (WHERE key = 'denied_law_forbidden')              AS denied_law_forbidden,
        max(value) FILTER (WHERE key = 'denied_three_safety')               AS denied_three_safety,
        max(value) FILTER (WHERE key = 'denied_third_party')                AS denied_third_party,
        max(value) FILTER (WHERE key = 'denied_internal_affairs')           AS denied_internal_affairs,
        max(value) FILTER (WHERE key = 'denied_process_info')               AS denied_process_info,
        max(value) FILTER (WHERE key = 'denied_enforcement_file')           AS denied_enforcement_file,
        max(value) FILTER (WHERE key = 'denied_query_matter')               AS denied_query_matter,
        max(value) FILTER (WHERE key = 'denied_total')                      AS denied_total,
        max(value) FILTER (WHERE key = 'unable_not_held')                   AS unable_not_held,
        max(value) FILTER (WHERE key = 'unable_needs_creation')             AS unable_needs_creation,
        max(value) FILTER (WHERE key = 'unable_unclear')                    AS unable_unclear,
        max(value) FILTER (WHERE key = 'unable_total')                      AS unable_total,
        max(value) FILTER (WHERE key = 'np_petition')                       AS np_petition,
        max(value) FILTER (WHERE key = 'np_repeat')                         AS np_repeat,
        max(value) FILTER (WHERE key = 'np_publication')                    AS np_publication,
        max(value) FILTER (WHERE key = 'np_mass_repeat')                    AS np_mass_repeat,
        max(value) FILTER (WHERE key = 'np_confirm')                        AS np_confirm,
        max(value) FILTER (WHERE key = 'not_processed_total')               AS not_processed_total,
        max(value) FILTER (WHERE key = 'other_no_correction')               AS other_no_correction,
        max(value) FILTER (WHERE key = 'other_unpaid_fee')                  AS other_unpaid_fee,
        max(value) FILTER (WHERE key = 'other_other')                       AS other_other,
        max(value) FILTER (WHERE key = 'other_total')                       AS other_total,
        max(value) FILTER (WHERE key = 'concluded_total')                   AS concluded_total,
        max(value) FILTER (WHERE key = 'carried_forward')                   AS carried_forward,
        max(value) FILTER (WHERE key = 'regulations_issued')                AS regulations_issued,
        max(value) FILTER (WHERE key = 'regulations_repealed')              AS regulations_repealed,
        max(value) FILTER (WHERE key = 'regulations_in_force')              AS regulations_in_force,
        max(value) FILTER (WHERE key = 'normative_issued')                  AS normative_issued,
        max(value) FILTER (WHERE key = 'normative_repealed')                AS normative_repealed,
        max(value) FILTER (WHERE key = 'normative_in_force')                AS normative_in_force,
        max(value) FILTER (WHERE key = 'regulations_made')                  AS regulations_made,
        max(value) FILTER (WHERE key = 'regulations_published')             AS regulations_published,
        max(value) FILTER (WHERE key = 'regulations_public_total')          AS regulations_public_total,
        max(value) FILTER (WHERE key = 'normative_made')                    AS normative_made,
        max(value) FILTER (WHERE key = 'normative_published')               AS normative_published,
        max(value) FILTER (WHERE key = 'normative_public_total')            AS normative_public_total,
        max(value) FILTER (WHERE key = 'licensing_decisions')               AS licensing_decisions,
        max(value) FILTER (WHERE key = 'penalty_decisions')                 AS penalty_decisions,
        max(value) FILTER (WHERE key = 'coercion_decisions')                AS coercion_decisions,
        max(value) FILTER (WHERE key = 'fees_amount_wan')                   AS fees_amount_wan,
        max(value) FILTER (WHERE key = 'procurement_projects')              AS procurement_projects,
        max(value) FILTER (WHERE key = 'procurement_amount_yuan')           AS procurement_amount_yuan,
        max(value) FILTER (WHERE key = 'reconsideration_upheld')            AS reconsideration_upheld,
        max(value) FILTER (WHERE key = 'reconsideration_corrected')         AS reconsideration_corrected,
        max(value) FILTER (WHERE key = 'reconsideration_other')             AS reconsideration_other,
        max(value) FILTER (WHERE key = 'reconsideration_pending')           AS reconsideration_pending,
        max(value) FILTER (WHERE key = 'reconsideration_total')             AS reconsideration_total,
        max(value) FILTER (WHERE key = 'litigation_direct_upheld')          AS litigation_direct_upheld,
        max(value) FILTER (WHERE key = 'litigation_direct_corrected')       AS litigation_direct_corrected,
        max(value) FILTER (WHERE key = 'litigation_direct_other')           AS litigation_direct_other,
        max(value) FILTER (WHERE key = 'litigation_direct_pending')         AS litigation_direct_pending,
        max(value) FILTER (WHERE key = 'litigation_direct_total')           AS litigation_direct_total,
        max(value) FILTER (WHERE key = 'litigation_after_review_upheld')    AS litigation_after_review_upheld,
        max(value) FILTER (WHERE key = 'litigation_after_review_corrected') AS litigation_after_review_corrected,
        max(value) FILTER (WHERE key = 'litigation_after_review_other')     AS litigation_after_review_other,
        max(value) FILTER (WHERE key = 'litigation_after_review_pending')   AS litigation_after_review_pending,
        max(value) FILTER (WHERE key = 'litigation_after_review_total')     AS litigation_after_review_total,
        max(value) FILTER (WHERE key = 'proactive_total')                   AS proactive_total,
        max(value) FILTER (WHERE key = 'proactive_cumulative')              AS proactive_cumulative,
        max(value) FILTER (WHERE key = 'proactive_yoy_pct_stated')          AS proactive_yoy_pct_stated,
        max(value) FILTER (WHERE key = 'not_this_organ')                    AS not_this_organ,
        max(value) FILTER (WHERE key = 'unclear')                           AS unclear,
        max(value) FILTER (WHERE key = 'complaints')                        AS complaints,
        max(value) FILTER (WHERE key = 'fees_yuan')                         AS fees_yuan,
        max(value) FILTER (WHERE key = 'press_conferences')                 AS press_conferences,
        max(value) FILTER (WHERE key = 'litigation_total')                  AS litigation_total
    FROM facts
    WHERE scope = 'whole'
    GROUP BY document_sha256, report_id
)
SELECT
    r.report_id,
    r.document_sha256,
    r.source_path,
    r.organ,
    r.region_code,
    r.level,
    r.year,
    r.published,
    r.template,
    r.is_annual_report,
    r.extractor_version,
    r.key_area_coverage,
    p.* EXCLUDE (document_sha256, report_id)
FROM reports r
LEFT JOIN pivoted p USING (document_sha256, report_id);

DROP VIEW IF EXISTS report_metrics;
-- Filled now so that a database migrated by this binary keeps the report_metrics it had;
-- Refresh replaces it.
CREATE TABLE report_metrics AS SELECT * FROM report_metrics_pivot;

CREATE TABLE IF NOT EXISTS serving_refresh (
    refreshed_at TIMESTAMP NOT NULL,
    reports      BIGINT NOT NULL,   -- rows of reports when refreshed, to tell staleness
    facts        BIGINT NOT NULL,
    seconds      DOUBLE NOT NULL
);
