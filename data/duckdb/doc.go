// Package duckdb is nianbao's store and the only importer of the DuckDB driver. It owns
// the schema (numbered migrations embedded from migrations/*.sql and recorded in
// schema_migrations), the queries (one per embedded file in queries/*.sql; a _*.sql file
// holds fragments several share, rendered into them at load) and the bulk
// writes: a document and its extraction records (reports, facts, checks, key-area
// mentions) are written with the DuckDB Appender inside one transaction, so a crash never
// leaves half a document, and re-saving a document replaces its rows.
//
// Tables: documents (one row per file, by the SHA-256 of its bytes), reports, fact_codes
// (the facts, long form, the source of truth: each row's report by its number in its
// document, its key, scope, semantic, unit and method by one code of fact_kinds, its
// evidence by its byte offset and length in the report's text where it is the text at
// its offset), checks,
// key_area_mentions, report_texts (the text evidence offsets refer to, and most evidence
// is cut from), check_keys. Views: facts (fact_codes decoded, evidence cut from the
// texts, with METRICS.md's columns) and
// report_metrics, which pivots facts at scope 'whole' into one column per key.
//
// It also tunes what DuckDB brings with it where that decides the process's memory: its
// settings (defaultSettings) and, on linux-amd64, how soon its allocator gives freed
// memory back (fastDecay, during a refresh).
package duckdb
