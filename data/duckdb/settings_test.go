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
