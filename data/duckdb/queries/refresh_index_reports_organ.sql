-- refresh_index_reports_organ: the organ page and ?organ= read one organ's few rows of
-- serving_reports; without an index that is a scan of 10⁶ rows (analytics
-- reports_organ.sql says how the index is used).
CREATE INDEX serving_reports_organ ON serving_reports (organ);
