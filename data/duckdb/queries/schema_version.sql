-- schema_version: the last migration applied to the database (0: none).
SELECT coalesce(max(version), 0) FROM schema_migrations;
