-- refresh_index_annual_organ: as refresh_index_reports_organ, for serving_annual
-- (analytics indicators_organ.sql).
CREATE INDEX serving_annual_organ ON serving_annual (organ);
