// Package sqlfile owns how nianbao's SQL is kept: one query per embedded .sql file, and
// fragments several queries share (CTEs, filters) written once, in files named _*.sql as
// text/template {{define}}s that the queries {{template}}. The packages that run SQL
// (analytics, data/duckdb) load their directory of queries with it.
package sqlfile
