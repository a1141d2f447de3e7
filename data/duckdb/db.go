package duckdb

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"nianbao/sqlfile"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

//go:embed queries/*.sql
var queryFS embed.FS

// Config says which database file to open.
type Config struct {
	// Path is the database file, created if missing. Empty means an in-memory database.
	Path string
	// Settings are DuckDB configuration options set when the database opens (threads,
	// memory_limit, …); they override defaultSettings.
	Settings map[string]string
	// RefreshChunk is how many reports Refresh pivots at a time (0: 100 000, which keeps
	// the pivot within the default memory_limit); tests set it small to run several chunks.
	RefreshChunk int
	// RefreshProgress, if set, is told of each table a Refresh has built, as step done of
	// total (the swap last): a refresh of 10⁶ reports takes a minute and a half, in
	// silence otherwise.
	RefreshProgress func(done, total int, step RefreshStep)
}

// defaultSettings are the options a database is opened with unless Config.Settings says
// otherwise. Why each:
//   - memory_limit: DuckDB's own default is 80% of the machine's memory, which it fills
//     with cached blocks during a long ingest (1.7 GB resident at 10⁵ reports). Past the
//     limit it evicts, and spills what it must, so an ingest of any size stays within it.
//   - checkpoint_threshold: at DuckDB's 16 MB nearly every ingest batch commits into a
//     checkpoint, and a checkpoint after a batch's deletes (a re-extraction replacing
//     rows) rewrites the row groups they touch: 12.9 of 32.8 CPU seconds per 10⁴ reports
//     re-extracted at 10⁵. At 1 GB the same work took 21.9 s in all, the final
//     checkpoint on Close included; a first ingest costs the same either way.
//   - allocator_flush_threshold, allocator_background_threads: DuckDB's allocator keeps
//     the memory a task freed, up to 128 MB by default, for the next; with a refresh
//     after a 10⁶ ingest in one process (nianbao ingest, the bench) it held 1,544-1,562
//     MiB resident, over the 1.5 GiB the process must stay under. Flushed past 32 MB, and
//     purged by its own threads, the same run peaked at 1,215 MiB (refresh 222 s against
//     275-302, ingest 412 against 462-464; single runs). A 10⁵ ingest costs about 5% more
//     CPU for it (paired runs).
//   - storage_compatibility_version: a new file is written in DuckDB 1.4's format. In the
//     0.10 format DuckDB writes by default, strings past a few KB (a report's text) are
//     stored uncompressed, which was 60% of a 10⁶-report database; in 1.4's they are
//     compressed (DICT_FSST). At 10⁶ reports the ingested database took 2.9 GB against
//     5.6, 13.0-13.5 GB written against 15.7-16.0. Compressing costs the ingest: the
//     same speed at 10⁵ (three alternated pairs), 3-4% slower at 10⁶ (4,936 and 4,949
//     reports/s against 5,141 and 5,101); the report, facts and search requests were as
//     fast or faster, and a cold cache has half as much to read. A database
//     created in the older format keeps it. Binaries built on DuckDB before 1.4 cannot
//     open a new file, and need not: the driver is pinned in go.mod.
//   - disabled_optimizers: late materialization turns a LIMIT of up to
//     late_materialization_max_rows over a table scan into a scan of the rowids and a
//     semi join back: for the first 100 facts of 10⁸ it read every rowid, 35 ms, where
//     the plain scan stops after 2,048 rows, 14 ms (1,000 rows: 56 against 20 ms).
func defaultSettings() map[string]string {
	return map[string]string{
		"memory_limit":                  "768MB",
		"checkpoint_threshold":          "1GB",
		"disabled_optimizers":           "late_materialization",
		"allocator_flush_threshold":     "32MB",
		"allocator_background_threads":  "true",
		"storage_compatibility_version": "v1.4.0",
	}
}

// DB is an open nianbao database. It is safe for concurrent use; DuckDB lets one process
// write a file at a time.
type DB struct {
	connector *duckdb.Connector
	sql       *sql.DB
	queries   map[string]string // file name without .sql → text; read-only after Open
	// refreshChunk is Config.RefreshChunk, or its default.
	refreshChunk int
	// refreshProgress is Config.RefreshProgress (nil: none).
	refreshProgress func(done, total int, step RefreshStep)
	// memoryLimit is the memory_limit the database was opened with; limitWriters says
	// whether Writers set their own while open (writerLimit), not when Config.Settings
	// chose memory_limit.
	memoryLimit  string
	limitWriters bool
	writers      writerCount
	// refreshing serialises Refresh
	refreshing sync.Mutex
	// stored is the set of the documents stored, which the Writers and SaveBatch read
	// at their first batch and keep up to date.
	stored *storedSet
	// stmts, on a read-only database, keeps the statements QueryContext prepared (nil: none)
	stmts *stmtCache
	// kinds codes the kinds of the facts written (fact_kinds), read at the first write.
	kinds factKinds
	// orders gives out the documents' storage orders, read at the first write.
	orders orders
	// spill is the temporary directory of an export's or a server's DuckDB
	// (openSpilling), removed at Close; "" for none.
	spill string
}

// Open opens (creating if needed) the database at cfg.Path and applies the migrations it
// has not seen yet.
func Open(ctx context.Context, cfg Config) (*DB, error) {
	queries, err := loadQueries()
	if err != nil {
		return nil, err
	}
	settings := defaultSettings()
	for k, v := range cfg.Settings {
		settings[k] = v
	}
	connector, err := duckdb.NewConnector(dsn(cfg.Path, settings), nil)
	if err != nil {
		return nil, fmt.Errorf("duckdb: open %s: %w", cfg.Path, err)
	}
	db := &DB{connector: connector, sql: sql.OpenDB(connector), queries: queries, refreshChunk: cfg.RefreshChunk,
		refreshProgress: cfg.RefreshProgress,
		stored:          newStoredSet(),
		memoryLimit:     settings["memory_limit"]}
	if _, chosen := cfg.Settings["memory_limit"]; !chosen {
		db.limitWriters = true
	}
	if db.refreshChunk <= 0 {
		db.refreshChunk = defaultRefreshChunk
	}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Close closes the database.
func (db *DB) Close() error {
	var err error
	if db.stmts != nil {
		err = db.stmts.close()
	}
	err = errors.Join(err, db.sql.Close())
	if cerr := db.connector.Close(); err == nil {
		err = cerr
	}
	if db.spill != "" {
		err = errors.Join(err, os.RemoveAll(db.spill))
	}
	if err != nil {
		return fmt.Errorf("duckdb: close: %w", err)
	}
	return nil
}

// loadQueries renders the embedded queries (sqlfile: _*.sql files hold the fragments
// several share).
func loadQueries() (map[string]string, error) {
	q, err := sqlfile.Load(queryFS, "queries", nil)
	if err != nil {
		return nil, fmt.Errorf("duckdb: %w", err)
	}
	return q, nil
}

// query returns the text of queries/name.sql; a missing name is a programming error.
func (db *DB) query(name string) string {
	q, ok := db.queries[name]
	if !ok {
		panic("duckdb: no query " + name)
	}
	return q
}

// retiredMigrations are numbers once given to a migration since removed. Databases may
// have them recorded as applied, so they are never given again: 10 made ingest maintain the
// report_texts index, which refresh builds now.
var retiredMigrations = map[int]bool{10: true}

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, fmt.Errorf("duckdb: read migrations: %w", err)
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("duckdb: migration %s: name must start with a positive number and _", e.Name())
		}
		b, err := migrationFS.ReadFile(path.Join("migrations", e.Name()))
		if err != nil {
			return nil, fmt.Errorf("duckdb: read migration %s: %w", e.Name(), err)
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i := 1; i < len(ms); i++ {
		if ms[i].version == ms[i-1].version {
			return nil, fmt.Errorf("duckdb: migrations %s and %s share a number", ms[i-1].name, ms[i].name)
		}
	}
	return ms, nil
}

// migrate applies, in order, each migration not yet recorded in schema_migrations, each
// in its own transaction together with its record, so it is applied exactly once.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	if _, err := db.sql.ExecContext(ctx, db.query("create_schema_migrations")); err != nil {
		return fmt.Errorf("duckdb: create schema_migrations: %w", err)
	}
	applied := map[int]bool{}
	rows, err := db.sql.QueryContext(ctx, db.query("applied_migrations"))
	if err != nil {
		return fmt.Errorf("duckdb: read schema_migrations: %w", err)
	}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return fmt.Errorf("duckdb: read schema_migrations: %w", err)
		}
		applied[v] = true
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return fmt.Errorf("duckdb: read schema_migrations: %w", err)
	}
	for _, m := range ms {
		if applied[m.version] {
			continue
		}
		if err := db.apply(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) apply(ctx context.Context, m migration) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("duckdb: migration %s: %w", m.name, err)
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it is a no-op
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("duckdb: migration %s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx, db.query("record_migration"), m.version, m.name); err != nil {
		return fmt.Errorf("duckdb: migration %s: record: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("duckdb: migration %s: commit: %w", m.name, err)
	}
	return nil
}

// dsn appends settings to path as the driver's query parameters.
func dsn(path string, settings map[string]string) string {
	if len(settings) == 0 {
		return path
	}
	v := url.Values{}
	for k, s := range settings {
		v.Set(k, s)
	}
	return path + "?" + v.Encode()
}
