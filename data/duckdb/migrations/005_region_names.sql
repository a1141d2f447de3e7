-- 005: the names resolved from region_code (METRICS.md, "Report identity"): province,
-- city, county, e.g. 江苏省, 淮安市, 洪泽区. ADD COLUMN appends at the end of reports, so
-- the writers (store.go's writeItem, queries/insert_report.sql) put them after warnings.
-- Reports stored before this migration have NULL names until they are re-ingested.
ALTER TABLE reports ADD COLUMN IF NOT EXISTS province VARCHAR;
ALTER TABLE reports ADD COLUMN IF NOT EXISTS city VARCHAR;
ALTER TABLE reports ADD COLUMN IF NOT EXISTS county VARCHAR;
