-- refresh_index_fact_index_report: the facts of one report (?report_id=) start from its
-- row of serving_fact_index, which is stored in year and region order; without an index
-- each of the three queries of the page scanned 10⁶ rows for it (analytics
-- facts_served.sql).
CREATE INDEX serving_fact_index_report ON serving_fact_index (report_id);
