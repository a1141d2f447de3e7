package duckdb

import (
	"context"
	"database/sql"
	"fmt"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// QueryContext runs a read query for the analytics layer, which sees the database only
// through database/sql types (analytics.Querier) so that this package stays the only
// importer of the driver.
func (db *DB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("duckdb: query: %w", err)
	}
	return rows, nil
}

// OpenReadOnly opens an existing database file read-only, without migrating it. DuckDB
// lets many read-only processes share a file, so exports and analyses opened this way
// never block, nor are blocked by, one another (a writer still needs the file to itself).
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, fmt.Errorf("duckdb: open read-only: no path")
	}
	queries, err := loadQueries()
	if err != nil {
		return nil, err
	}
	// DuckDB's own memory_limit (80% of the machine's memory): a server's reads keep
	// what they read cached. Late materialization is off as in defaultSettings.
	connector, err := duckdb.NewConnector(dsn(path, map[string]string{
		"access_mode": "read_only", "disabled_optimizers": defaultSettings()["disabled_optimizers"]}), nil)
	if err != nil {
		return nil, fmt.Errorf("duckdb: open %s read-only: %w", path, err)
	}
	db := &DB{connector: connector, sql: sql.OpenDB(connector), queries: queries, stored: newStoredSet()}
	if err := db.sql.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("duckdb: open %s read-only: %w", path, err)
	}
	return db, nil
}
