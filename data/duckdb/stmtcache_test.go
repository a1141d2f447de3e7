package duckdb

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readOnlyFixture is a database file with a table t of ids 1…5, closed.
func readOnlyFixture(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ro.duckdb")
	db, err := Open(ctx, Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.sql.ExecContext(ctx, "CREATE TABLE t AS SELECT range + 1 AS id FROM range(5)"); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestOpenServingSettings: a server's database runs one thread and caches what
// servingMemory gives for its size (1GB for a small file), or the ServingConfig's limit,
// where OpenReadOnly keeps DuckDB's default memory_limit (serveSettings).
func TestOpenServingSettings(t *testing.T) {
	ctx := context.Background()
	path := readOnlyFixture(t)
	tests := []struct {
		name              string
		open              func(context.Context, string) (*DB, error)
		threads, memLimit string // "": any
		notMemLimit       string // "": any
		wantErr           string
	}{
		{name: "serving", open: serving(ServingConfig{}), threads: "1", memLimit: "953.6 MiB"},
		{name: "serving, auto", open: serving(ServingConfig{MemoryLimit: ServingMemoryAuto}), threads: "1", memLimit: "953.6 MiB"},
		{name: "serving, 2GB", open: serving(ServingConfig{MemoryLimit: "2GB"}), threads: "1", memLimit: "1.8 GiB"},
		{name: "serving, not a size", open: serving(ServingConfig{MemoryLimit: "lots"}), wantErr: "memory"},
		{name: "read-only", open: OpenReadOnly, notMemLimit: "953.6 MiB"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db, err := tc.open(ctx, path)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("open: %v, want an error about %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var threads string
			if err := db.sql.QueryRowContext(ctx, "SELECT current_setting('threads')::VARCHAR").Scan(&threads); err != nil {
				t.Fatal(err)
			}
			mem, err := db.MemoryLimit(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if tc.threads != "" && threads != tc.threads {
				t.Errorf("threads = %s, want %s", threads, tc.threads)
			}
			if tc.notMemLimit != "" && mem == tc.notMemLimit {
				t.Errorf("memory_limit = %s, want DuckDB's default (80%% of the memory)", mem)
			}
			if tc.memLimit != "" && mem != tc.memLimit {
				t.Errorf("memory_limit = %s, want %s", mem, tc.memLimit)
			}
		})
	}
}

// TestOpenExport: an export's DuckDB has the memory_limit asked for (DuckDB's default for
// none), and an export's and a server's spill to a directory of their own under TempDir,
// which Close removes; where that directory cannot be made, the open fails clearly.
func TestOpenExport(t *testing.T) {
	ctx := context.Background()
	path := readOnlyFixture(t)
	export := func(cfg ExportConfig) func(string) (*DB, error) {
		return func(tmp string) (*DB, error) {
			if cfg.TempDir == "" {
				cfg.TempDir = tmp
			}
			return OpenExport(ctx, path, cfg)
		}
	}
	tests := []struct {
		name     string
		open     func(tmp string) (*DB, error)
		memLimit string // "": DuckDB's default
		wantErr  string
	}{
		{name: "1GB", open: export(ExportConfig{MemoryLimit: ExportMemory}), memLimit: "953.6 MiB"},
		{name: "500MB", open: export(ExportConfig{MemoryLimit: "500MB"}), memLimit: "476.8 MiB"},
		{name: "DuckDB's default", open: export(ExportConfig{})},
		{name: "no such temporary directory", open: export(ExportConfig{TempDir: "/nonexistent/tmp"}), wantErr: "temporary directory"},
		{name: "serving", open: func(tmp string) (*DB, error) {
			return OpenServing(ctx, path, ServingConfig{MemoryLimit: "1GB", TempDir: tmp})
		}, memLimit: "953.6 MiB"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tmp := t.TempDir()
			db, err := tc.open(tmp)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("open: %v, want an error about %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			mem, err := db.MemoryLimit(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if tc.memLimit != "" && mem != tc.memLimit {
				t.Errorf("memory_limit = %s, want %s", mem, tc.memLimit)
			}
			if tc.memLimit == "" && (mem == "953.6 MiB" || mem == "476.8 MiB") {
				t.Errorf("memory_limit = %s, want DuckDB's default", mem)
			}
			var dir string
			if err := db.sql.QueryRowContext(ctx, "SELECT current_setting('temp_directory')::VARCHAR").Scan(&dir); err != nil {
				t.Fatal(err)
			}
			if filepath.Dir(dir) != tmp || !strings.HasPrefix(filepath.Base(dir), "nianbao-spill-") {
				t.Errorf("temp_directory = %s, want a directory of its own in %s", dir, tmp)
			}
			if _, err := os.Stat(dir); err != nil {
				t.Errorf("the spill directory: %v", err)
			}
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Errorf("the spill directory outlived Close: %v", err)
			}
		})
	}
}

// TestServingMemory: a third of the database file, at least 1GB and at most 2GB.
func TestServingMemory(t *testing.T) {
	tests := []struct {
		name string
		size int64
		want string
	}{
		{"empty", 0, "1000MB"},
		{"10⁵ reports", 706_228_224, "1000MB"},
		{"3 GB", 3_000_000_000, "1000MB"},
		{"4.5 GB", 4_500_000_000, "1500MB"},
		{"10⁶ reports", 7_675_064_320, "2000MB"},
		{"100 GB", 100_000_000_000, "2000MB"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := servingMemory(tc.size); got != tc.want {
				t.Errorf("servingMemory(%d) = %s, want %s", tc.size, got, tc.want)
			}
		})
	}
}

func serving(cfg ServingConfig) func(context.Context, string) (*DB, error) {
	return func(ctx context.Context, path string) (*DB, error) { return OpenServing(ctx, path, cfg) }
}

// TestStmtCache: a read-only database prepares a query text once and runs it with any
// arguments; a text that fails to prepare is not kept; past maxStmts a statement is
// dropped, and rows being read from it still read to the end.
func TestStmtCache(t *testing.T) {
	ctx := context.Background()
	db, err := OpenServing(ctx, readOnlyFixture(t), ServingConfig{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.stmts.max = 2
	sum := func(q string, args ...any) int64 {
		t.Helper()
		rows, err := db.QueryContext(ctx, q, args...)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var n, s int64
		for rows.Next() {
			if err := rows.Scan(&n); err != nil {
				t.Fatal(err)
			}
			s += n
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return s
	}
	const above = "SELECT id FROM t WHERE id > $1"
	if got := sum(above, 3); got != 9 {
		t.Errorf("ids > 3 sum to %d, want 9", got)
	}
	first := db.stmts.stmts[above]
	if first == nil {
		t.Fatal("the query's statement is not kept")
	}
	if got := sum(above, 0); got != 15 {
		t.Errorf("ids > 0 sum to %d, want 15 (the statement ran with the first arguments?)", got)
	}
	if db.stmts.stmts[above] != first {
		t.Error("the same text was prepared again")
	}

	if _, err := db.QueryContext(ctx, "SELECT id FROM no_such_table"); err == nil || !strings.Contains(err.Error(), "no_such_table") {
		t.Errorf("query of a missing table: err = %v", err)
	}
	if len(db.stmts.stmts) != 1 {
		t.Errorf("%d statements kept after a failed prepare, want 1", len(db.stmts.stmts))
	}

	// rows open on a statement that another text then pushes out
	rows, err := db.QueryContext(ctx, "SELECT id FROM t ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"SELECT id + 1 FROM t", "SELECT id + 2 FROM t", "SELECT id + 3 FROM t"} {
		sum(q)
	}
	if len(db.stmts.stmts) != 2 {
		t.Errorf("%d statements kept, want at most 2", len(db.stmts.stmts))
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil || len(ids) != 5 {
		t.Errorf("rows of a dropped statement: %v, err %v; want 5 ids", ids, err)
	}
}
