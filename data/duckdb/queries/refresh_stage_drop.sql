-- refresh_stage_drop: drop the schema of Refresh's intermediate tables before it commits.
-- Each step drops its own tables first (refresh_drop_*.sql): DuckDB fails the commit of a
-- transaction that appended to a table a DROP SCHEMA … CASCADE then dropped, and without
-- CASCADE this fails if a step left a table behind.
DROP SCHEMA IF EXISTS refresh_stage;
