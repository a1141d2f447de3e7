// Package duckdb is nianbao's store and the only importer of the DuckDB driver. It owns
// the schema (numbered migrations embedded from migrations/*.sql and recorded in
// schema_migrations), the queries (one per embedded file in queries/*.sql) and the bulk
// writes: a document and its extraction records (reports, facts, checks, key-area
// mentions) are written with the DuckDB Appender inside one transaction, so a crash never
// leaves half a document, and re-saving a document replaces its rows.
//
// Tables: documents (one row per file, by the SHA-256 of its bytes), reports, facts (long
// form, the source of truth), checks, key_area_mentions, report_texts (the text evidence
// offsets refer to), check_keys; the report_metrics
// view pivots facts at scope 'whole' into one column per METRICS.md key.
package duckdb
