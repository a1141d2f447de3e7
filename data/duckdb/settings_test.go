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
