package duckdb

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"nianbao/data"
)

// rowsOf returns a table's rows as text, in storage order, and its column names.
func rowsOf(t *testing.T, db *DB, table string) (cols []string, rows []string) {
	t.Helper()
	return queryRows(t, db, "SELECT * FROM "+table+" ORDER BY rowid")
}

// queryRows returns the rows of q as text, and its column names.
func queryRows(t *testing.T, db *DB, q string) (cols []string, rows []string) {
	t.Helper()
	rs, err := db.sql.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	cols, _ = rs.Columns()
	for rs.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		rows = append(rows, fmt.Sprint(vals...))
	}
	if err := rs.Err(); err != nil {
		t.Fatal(err)
	}
	return cols, rows
}

// TestNoPrimaryKeysMigration runs migration 011 on a database whose documents and reports
// still have their primary keys, and checks it kept their columns, rows and row order,
// and that saving still replaces a document's rows.
func TestNoPrimaryKeysMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.duckdb")
	db, err := Open(ctx, Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	var items []data.Item
	for _, sha := range []string{"c3", "a1", "b2"} { // not in key order
		items = append(items, data.Item{Source: sampleSource(sha),
			Reports: []data.Report{sampleReport("r"+sha, "v1"), sampleReport("s"+sha, "v1")}, Extractor: "v1"})
	}
	if err := db.SaveBatch(ctx, items); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`ALTER TABLE documents ADD PRIMARY KEY (sha256)`,
		`ALTER TABLE reports ADD PRIMARY KEY (document_sha256, report_id)`,
		`DELETE FROM schema_migrations WHERE version = 11`,
	} {
		if _, err := db.sql.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if n := count(t, db, `SELECT count(*) FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' AND table_name IN ('documents', 'reports')`); n != 2 {
		t.Fatalf("before the migration: %d primary keys, want 2", n)
	}
	before := map[string][2][]string{}
	for _, table := range []string{"documents", "reports"} {
		cols, rows := rowsOf(t, db, table)
		before[table] = [2][]string{cols, rows}
	}
	db.Close()

	db, err = Open(ctx, Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n := count(t, db, `SELECT count(*) FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' AND table_name IN ('documents', 'reports')`); n != 0 {
		t.Errorf("after the migration: %d primary keys, want 0", n)
	}
	for table, want := range before {
		cols, rows := rowsOf(t, db, table)
		if !reflect.DeepEqual(cols, want[0]) {
			t.Errorf("%s columns = %v, want %v", table, cols, want[0])
		}
		if !reflect.DeepEqual(rows, want[1]) {
			t.Errorf("%s rows =\n%s\nwant\n%s", table, strings.Join(rows, "\n"), strings.Join(want[1], "\n"))
		}
	}
	if n := count(t, db, `SELECT count(*) FROM duckdb_constraints() WHERE constraint_type = 'NOT NULL' AND table_name = 'reports'`); n != 4 {
		t.Errorf("reports has %d NOT NULL columns, want 4", n)
	}

	// A document saved again replaces its rows; one saved twice in a batch is stored once.
	again := data.Item{Source: sampleSource("a1"), Reports: []data.Report{sampleReport("ra1", "v2")}, Extractor: "v2"}
	if err := db.SaveBatch(ctx, []data.Item{again, again}); err != nil {
		t.Fatal(err)
	}
	w, err := db.NewWriter(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(ctx, []data.Item{items[2], items[2]}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if got := count(t, db, `SELECT count(*) FROM documents`); got != 3 {
		t.Errorf("documents = %d, want 3", got)
	}
	if got := count(t, db, `SELECT count(*) FROM reports WHERE document_sha256 = 'a1'`); got != 1 {
		t.Errorf("reports of a1 = %d, want 1 (replaced)", got)
	}
	if got := count(t, db, `SELECT count(*) FROM reports WHERE document_sha256 = 'b2'`); got != 2 {
		t.Errorf("reports of b2 = %d, want 2", got)
	}
}
