-- 006: the serving layer. report_metrics becomes a table, materialised from the pivot
-- view (002's definition, renamed report_metrics_pivot) by DB.Refresh, so that a page
-- does not pivot the whole facts table per request. The other serving_* tables that
-- Refresh builds (serving_reports, serving_annual, serving_growth, serving_problems,
-- serving_mentions) are created by Refresh itself, with CREATE OR REPLACE TABLE … AS, so
-- their columns follow their queries. serving_refresh records each refresh: a database
-- without a row there (ingested by an older binary) is refused by serve.
-- 002's view keeps its definition under its new name: one copy of the pivot.
ALTER VIEW report_metrics RENAME TO report_metrics_pivot;
-- Filled now so that a database migrated by this binary keeps the report_metrics it had;
-- Refresh replaces it.
CREATE TABLE report_metrics AS SELECT * FROM report_metrics_pivot;

CREATE TABLE IF NOT EXISTS serving_refresh (
    refreshed_at TIMESTAMP NOT NULL,
    reports      BIGINT NOT NULL,   -- rows of reports when refreshed, to tell staleness
    facts        BIGINT NOT NULL,
    seconds      DOUBLE NOT NULL
);
