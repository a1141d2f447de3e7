-- refresh_stage_drop: drop the schema of Refresh's intermediate tables once every table is
-- built. Each step drops its own tables first (refresh_drop_*.sql), so this fails if a step
-- left one behind.
DROP SCHEMA IF EXISTS refresh_stage;
