-- refresh_index_report_ids: a report page starts from its row of serving_report_ids
-- (dash_report_served.sql), found through this index in one row fetch.
CREATE INDEX serving_report_ids_report ON serving_report_ids (report_id);
