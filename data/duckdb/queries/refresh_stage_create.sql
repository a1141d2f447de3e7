-- refresh_stage_create: the schema of the intermediate tables the chunked steps of Refresh
-- build, committed like the staged tables (refresh_stage.go) and dropped before the swap
-- (refresh_stage_drop.sql); what an interrupted refresh leaves, the next clears. Its
-- tables are written to the database file, not held in memory.
CREATE SCHEMA IF NOT EXISTS refresh_stage;
