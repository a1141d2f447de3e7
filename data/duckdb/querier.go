package duckdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"os"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// QueryContext runs a read query for the analytics layer, which sees the database only
// through database/sql types (analytics.Querier) so that this package stays the only
// importer of the driver.
func (db *DB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	rows, err := reader{db}.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("duckdb: query: %w", err)
	}
	return rows, nil
}

// reader runs the read queries of the analytics layer and the dashboard: through the
// statement cache on a read-only database, directly otherwise.
type reader struct{ db *DB }

func (r reader) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if r.db.stmts == nil {
		return r.db.sql.QueryContext(ctx, query, args...)
	}
	st, err := r.db.stmts.stmt(ctx, r.db.sql, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// scanRow runs a query of one row through QueryContext and scans it into dest
// (sql.ErrNoRows when there is none).
func (r reader) scanRow(ctx context.Context, query string, args []any, dest ...any) error {
	rows, err := r.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	if err := rows.Scan(dest...); err != nil {
		return err
	}
	return rows.Close()
}

// OpenReadOnly opens an existing database file read-only, without migrating it. DuckDB
// lets many read-only processes share a file, so exports and analyses opened this way
// never block, nor are blocked by, one another (a writer still needs the file to itself).
// DuckDB's own memory_limit (80% of the machine's memory) and one thread per core suit
// an export's few large queries; a server opens with OpenServing.
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	return openReadOnly(ctx, path, nil)
}

// ExportConfig tunes OpenExport.
type ExportConfig struct {
	// MemoryLimit is DuckDB's memory_limit, as DuckDB writes it ("1GB"); "" leaves
	// DuckDB's default, 80% of the machine's memory.
	MemoryLimit string
	// TempDir is where DuckDB spills what does not fit; "" is the system's temporary
	// directory. DuckDB's own default is beside the database file, which an archive
	// opened read-only may not let it write.
	TempDir string
}

// ExportMemory is the memory_limit of an export by default. At DuckDB's own default (80%
// of the machine's memory), the Parquet file of every fact of 10⁵ reports, which DuckDB
// sorts into storage order, took 7.4 GB resident and 48 s; held to 1GB, DuckDB spilled
// the sort, and the same COPY took 1.2 GB and 35 s. The lake, its facts written a year
// at a time, took 1.5 GB and 41 s (1.8 GB and 27 s at DuckDB's default).
const ExportMemory = "1GB"

// OpenExport opens a database file read-only for an export (OpenReadOnly) with a bounded
// memory_limit, spilling to a directory of its own under TempDir (openSpilling).
func OpenExport(ctx context.Context, path string, cfg ExportConfig) (*DB, error) {
	// DuckDB's allocator keeps what each COPY freed for the next, outside memory_limit:
	// the lake of 10⁶ reports, 23 COPYs in one process, none over 1.2 GB alone, grew to
	// 7.1 GB resident. defaultSettings has why these two bound it.
	d := defaultSettings()
	settings := map[string]string{
		"allocator_flush_threshold":    d["allocator_flush_threshold"],
		"allocator_background_threads": d["allocator_background_threads"],
	}
	if cfg.MemoryLimit != "" {
		settings["memory_limit"] = cfg.MemoryLimit
	}
	return openSpilling(ctx, path, settings, cfg.TempDir)
}

// openSpilling opens path read-only (openReadOnly) with DuckDB's temporary files in a
// new directory under dir ("" for the system's), which Close removes. DuckDB's default,
// path.tmp beside the database, may not be writable for an archive opened read-only,
// and two processes reading one database would share it.
func openSpilling(ctx context.Context, path string, settings map[string]string, dir string) (*DB, error) {
	spill, err := os.MkdirTemp(dir, "nianbao-spill-")
	if err != nil {
		return nil, fmt.Errorf("duckdb: open %s: temporary directory: %w", path, err)
	}
	settings["temp_directory"] = spill
	db, err := openReadOnly(ctx, path, settings)
	if err != nil {
		os.RemoveAll(spill)
		return nil, err
	}
	db.spill = spill
	return db, nil
}

// ServingConfig tunes OpenServing.
type ServingConfig struct {
	// MemoryLimit is DuckDB's memory_limit for the server's reads, as DuckDB writes it
	// ("1GB", "2GB"), or ServingMemoryAuto; "" means ServingMemoryAuto.
	MemoryLimit string
	// TempDir is where DuckDB spills a sort or join past MemoryLimit, in a directory of
	// its own (openSpilling); "" is the system's temporary directory.
	TempDir string
}

// ServingMemoryAuto is the MemoryLimit that follows the database's size (servingMemory).
const ServingMemoryAuto = "auto"

// servingMemory is the memory_limit of a server's reads on a database file of size bytes:
// a third of the file, at least 1GB and at most 2GB. At 10⁶ reports, under the bench's
// 200 requests/s of which a third are first visits (200 samples), 1GB peaked at
// 1.29-1.30 GB resident, queued requests to a p95 of 1.5-2.6 s and shed 0 and 84 of
// 12,000 (503) in two runs, as DuckDB read again from the file the blocks it had evicted
// (pread was 14% of the server's CPU); 2GB shed none in four runs of five (p95 137-562
// ms; 174 in the fifth) and peaked at 1.70-1.74 GB. A quarter of the 7.7 GB file
// evidence spans left (migration 014), 1,918MB, shed 0 and 333: the blocks requests read
// did not shrink with it. A database of up to 3 GB (3·10⁵ reports) gets 1GB, which at
// 10⁵ reports (0.7 GB) holds every block the requests read.
func servingMemory(size int64) string {
	mb := min(max(size/3/1_000_000, 1000), 2000) // DuckDB's MB and GB are decimal
	return fmt.Sprintf("%dMB", mb)
}

// serveSettings are the options OpenServing adds to a read-only database's. Why each:
//   - threads: a request's queries are small (a few ms to 40 ms at 10⁶ reports), and
//     DuckDB split each over both cores, which cost more CPU than it saved time: on the
//     bench's 39 endpoints at 10⁶ reports, one thread took 23% less CPU per request and
//     was as fast or faster, one request at a time. A server runs several requests at
//     once (dashboard.Config.MaxInFlight), which keep the cores busy between them.
//   - memory_limit: a server's reads keep the blocks they read cached, up to DuckDB's
//     default of 80% of the machine's memory: 1.7 GB resident after a minute of load at
//     10⁶ reports. At 1 GB (1.26 GB resident) the same requests, one at a time, cost the
//     same CPU: the serving tables requests filter (Warm) are 350 MB of it. Under load
//     a large database sheds fewer with more (servingMemory).
func serveSettings(cfg ServingConfig, size int64) map[string]string {
	mem := cfg.MemoryLimit
	if mem == "" || mem == ServingMemoryAuto {
		mem = servingMemory(size)
	}
	return map[string]string{"threads": "1", "memory_limit": mem}
}

// OpenServing opens a database file read-only for a server: as OpenReadOnly, with the
// serveSettings.
func OpenServing(ctx context.Context, path string, cfg ServingConfig) (*DB, error) {
	var size int64
	if fi, err := os.Stat(path); err == nil {
		size = fi.Size() // a missing file fails to open below, with DuckDB's error
	}
	return openSpilling(ctx, path, serveSettings(cfg, size), cfg.TempDir)
}

// ErrOldSchema says a database's schema is older than this binary's. A read-only open
// does not migrate, and the queries would fail on what the database lacks (a facts page
// on 014's evidence_len, for one), request after request.
var ErrOldSchema = errors.New("duckdb: the database's schema is older than this nianbao; run nianbao refresh (or ingest), which migrates it")

// CheckSchema returns ErrOldSchema, with the two versions, when this binary has migrations
// the database lacks.
func (db *DB) CheckSchema(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	var have int
	if err := db.sql.QueryRowContext(ctx, db.query("schema_version")).Scan(&have); err != nil {
		return fmt.Errorf("duckdb: schema version: %w", err)
	}
	if want := ms[len(ms)-1].version; have < want {
		return fmt.Errorf("%w (it has migration %d, this nianbao %d)", ErrOldSchema, have, want)
	}
	return nil
}

// MemoryLimit returns DuckDB's memory_limit as it states it ("1.8 GiB"), for the server to
// say what auto chose.
func (db *DB) MemoryLimit(ctx context.Context) (string, error) {
	var s string
	if err := db.sql.QueryRowContext(ctx, "SELECT current_setting('memory_limit')").Scan(&s); err != nil {
		return "", fmt.Errorf("duckdb: memory_limit: %w", err)
	}
	return s, nil
}

func openReadOnly(ctx context.Context, path string, settings map[string]string) (*DB, error) {
	if path == "" {
		return nil, fmt.Errorf("duckdb: open read-only: no path")
	}
	queries, err := loadQueries()
	if err != nil {
		return nil, err
	}
	// late materialization is off as in defaultSettings
	all := map[string]string{"access_mode": "read_only", "disabled_optimizers": defaultSettings()["disabled_optimizers"]}
	maps.Copy(all, settings)
	connector, err := duckdb.NewConnector(dsn(path, all), nil)
	if err != nil {
		return nil, fmt.Errorf("duckdb: open %s read-only: %w", path, err)
	}
	db := &DB{connector: connector, sql: sql.OpenDB(connector), queries: queries, stored: newStoredSet(),
		stmts: newStmtCache(maxStmts)}
	// database/sql keeps 2 idle connections by default, and closes the others a request
	// used, with the statements prepared on them; a server runs more at once
	db.sql.SetMaxIdleConns(maxIdleConns)
	if err := db.sql.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("duckdb: open %s read-only: %w", path, err)
	}
	return db, nil
}
