-- refresh_serving_fact_index: one row per report with its identity (serving_reports'
-- columns the facts view shows), its doc_seq, and where its facts lie: n_facts of them,
-- contiguous in storage from first_rowid. The facts view filtered by report (year,
-- region, level, organ, report_id) is cut from these rows: the page's reports are found
-- by summing n_facts in storage order, and only their facts are read, by doc_seq (zone
-- maps skip every other row group), where facts.sql joins 10⁸ facts with the reports.
-- Counted in fact_codes (the facts view has no rowid), by (doc_seq, report_no); report_no
-- is kept, so that a page's facts are found without reading reports.
-- Ordered by year and region, the filters the pages offer, for zone maps to skip too.
CREATE OR REPLACE TABLE serving_fact_index AS
WITH fc AS (
    SELECT doc_seq, report_no, count(*) AS n_facts, min(rowid) AS first_rowid
    FROM fact_codes
    GROUP BY doc_seq, report_no
)
SELECT r.doc_seq, s.report_id, s.document_sha256, s.organ, s.region_code, s.province_code,
       s.province, s.city, s.county, s.level, s.year,
       coalesce(fc.n_facts, 0) AS n_facts, fc.first_rowid, r.report_no
FROM serving_reports s
JOIN reports r USING (document_sha256, report_id)
LEFT JOIN fc ON fc.doc_seq = r.doc_seq AND fc.report_no = r.report_no
ORDER BY s.year NULLS LAST, s.region_code NULLS LAST, fc.first_rowid NULLS LAST, r.doc_seq;
