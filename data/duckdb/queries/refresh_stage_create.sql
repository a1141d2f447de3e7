-- refresh_stage_create: the schema of the intermediate tables the chunked steps of Refresh
-- build. Created and dropped (refresh_stage_drop.sql) inside Refresh's transaction, so no
-- reader ever sees it; its tables are written to the database file, not held in memory.
CREATE SCHEMA IF NOT EXISTS refresh_stage;
