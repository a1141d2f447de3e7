package duckdb

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestLateMaterializationOff: both ways of opening a database turn DuckDB's late
// materialization off (see defaultSettings), and a caller's Settings can turn it back on.
func TestLateMaterializationOff(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.duckdb")
	setting := func(db *DB) string {
		t.Helper()
		var v string
		if err := db.sql.QueryRowContext(ctx, "SELECT current_setting('disabled_optimizers')").Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	db, err := Open(ctx, Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	if v := setting(db); !strings.Contains(v, "late_materialization") {
		t.Errorf("Open: disabled_optimizers = %q", v)
	}
	db.Close()
	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if v := setting(ro); !strings.Contains(v, "late_materialization") {
		t.Errorf("OpenReadOnly: disabled_optimizers = %q", v)
	}
	ro.Close()
	db, err = Open(ctx, Config{Path: path, Settings: map[string]string{"disabled_optimizers": ""}})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v := setting(db); strings.Contains(v, "late_materialization") {
		t.Errorf("Open with the setting chosen: disabled_optimizers = %q", v)
	}
}

// TestAllocatorSettings: a database opened for writing flushes DuckDB's allocator past
// 32 MB (30.5 MiB, as DuckDB shows it) with background threads (see defaultSettings),
// unless the caller chose otherwise.
func TestAllocatorSettings(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name       string
		settings   map[string]string
		threshold  string
		background bool
	}{
		{name: "defaults", threshold: "30.5 MiB", background: true},
		{name: "chosen by the caller", settings: map[string]string{"allocator_flush_threshold": "256MB", "allocator_background_threads": "false"},
			threshold: "244.1 MiB", background: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db, err := Open(ctx, Config{Path: filepath.Join(t.TempDir(), "a.duckdb"), Settings: tc.settings})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var threshold string
			var background bool
			if err := db.sql.QueryRowContext(ctx, "SELECT current_setting('allocator_flush_threshold'), current_setting('allocator_background_threads')").Scan(&threshold, &background); err != nil {
				t.Fatal(err)
			}
			if threshold != tc.threshold || background != tc.background {
				t.Errorf("allocator_flush_threshold %q, allocator_background_threads %v; want %q, %v", threshold, background, tc.threshold, tc.background)
			}
		})
	}
}

// TestTextsCompressed: a database created by Open is written in storage version 1.4, in
// which DuckDB compresses long strings (ZSTD); in the older format it wrote by default,
// report texts were stored uncompressed, half of a database's size (see defaultSettings).
// A database created in the older format keeps it, and is still written.
func TestTextsCompressed(t *testing.T) {
	ctx := context.Background()
	// Texts like a report's: long, varied in their figures, alike in their words.
	const fill = `INSERT INTO report_texts (report_id, document_sha256, text)
		SELECT 'r' || i, 's' || i,
		       string_agg('本机关共收到政府信息公开申请' || (i * 7 + j) % 997 || '件，其中予以公开' || (i + j * 13) % 89 || '件；', '')
		FROM range(3000) r(i), range(120) s(j) GROUP BY i`
	tests := []struct {
		name     string
		settings map[string]string
		version  string
		packed   bool
	}{
		{name: "new database", version: "v1.4.0+", packed: true},
		{name: "older format", settings: map[string]string{"storage_compatibility_version": "v0.10.2"}, version: "v1.0.0+"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "s.duckdb")
			db, err := Open(ctx, Config{Path: path, Settings: tt.settings})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.sql.ExecContext(ctx, fill+"; CHECKPOINT"); err != nil {
				t.Fatal(err)
			}
			db.Close()
			// Opened again with the defaults, as the next ingest would.
			db, err = Open(ctx, Config{Path: path})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.sql.ExecContext(ctx, fill+"; CHECKPOINT"); err != nil {
				t.Fatalf("written again: %v", err)
			}
			var version, methods string
			var n int
			if err := db.sql.QueryRowContext(ctx, "SELECT tags['storage_version'] FROM duckdb_databases() WHERE NOT internal AND database_name = current_database()").Scan(&version); err != nil {
				t.Fatal(err)
			}
			if err := db.sql.QueryRowContext(ctx, `SELECT string_agg(DISTINCT compression, ',' ORDER BY compression)
				FROM pragma_storage_info('report_texts') WHERE column_name = 'text' AND segment_type = 'VARCHAR'`).Scan(&methods); err != nil {
				t.Fatal(err)
			}
			if err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM report_texts").Scan(&n); err != nil {
				t.Fatal(err)
			}
			if version != tt.version || n != 6000 {
				t.Errorf("storage version %s, %d texts; want %s, 6000", version, n, tt.version)
			}
			if packed := !strings.Contains(methods, "Uncompressed"); packed != tt.packed {
				t.Errorf("texts stored with %s; want compressed %v", methods, tt.packed)
			}
		})
	}
}
