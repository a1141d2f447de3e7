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

// asBefore012 turns db's facts back into the table they were before migration 012
// (document_sha256 second, doc_seq last, rows in storage order), makes the rows of the
// documents in legacy as they were stored before migration 007 (no storage order), and
// forgets 012, so that the next Open runs it again.
func asBefore012(t *testing.T, db *DB, legacy ...string) {
	t.Helper()
	qs := []string{
		`CREATE TABLE facts_old AS
		 SELECT f.report_id, r.document_sha256, f.key, f.scope, f.value, f.semantic, f.unit, f.method,
		        f.evidence, f."offset", f.approx, f.doc_seq
		 FROM fact_rows f JOIN reports r ON r.doc_seq = f.doc_seq AND r.report_id = f.report_id
		 ORDER BY f.rowid`,
		`DROP VIEW facts`, `DROP TABLE fact_rows`, `ALTER TABLE facts_old RENAME TO facts`,
		`DELETE FROM schema_migrations WHERE version = 12`,
	}
	for _, sha := range legacy {
		for _, tb := range []string{"reports", "facts", "checks", "key_area_mentions", "report_texts"} {
			qs = append(qs, fmt.Sprintf("UPDATE %s SET doc_seq = NULL WHERE document_sha256 = '%s'", tb, sha))
		}
		qs = append(qs, fmt.Sprintf("UPDATE documents SET seq = NULL WHERE sha256 = '%s'", sha))
	}
	for _, q := range qs {
		if _, err := db.sql.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// TestFactRowsMigration runs migration 012 on a database whose facts still carry
// document_sha256 and some of whose documents predate doc_seq. The view shows the same
// facts, in the same order, and every row of every table has a storage order: the legacy
// documents get the next ones, each of its rows its document's.
func TestFactRowsMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.duckdb")
	db, err := Open(ctx, Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	var items []data.Item
	for _, sha := range []string{"c3", "a1", "b2", "d4"} {
		items = append(items, data.Item{Source: sampleSource(sha),
			Reports: []data.Report{sampleReport("r"+sha, "v1"), sampleReport("s"+sha, "v1")}, Extractor: "v1"})
	}
	if err := db.SaveBatch(ctx, items); err != nil {
		t.Fatal(err)
	}
	asBefore012(t, db, "c3", "a1") // stored first and second, not in SHA-256 order
	// doc_seq aside: the legacy rows get theirs from the migration
	cols, want := queryRows(t, db, "SELECT * EXCLUDE (doc_seq) FROM facts ORDER BY rowid")
	if n := count(t, db, `SELECT count(*) FROM facts WHERE doc_seq IS NULL`); n != 2*2*9 {
		t.Fatalf("legacy facts before the migration: %d, want %d", n, 2*2*9)
	}
	db.Close()

	if db, err = Open(ctx, Config{Path: path}); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n := count(t, db, `SELECT count(*) FROM duckdb_views() WHERE view_name = 'facts'`); n != 1 {
		t.Fatalf("facts views: %d, want 1", n)
	}
	// The view in fact_rows' storage order: the join does not promise an order.
	gotCols, got := queryRows(t, db, `SELECT v.* EXCLUDE (doc_seq) FROM fact_rows f
	      JOIN facts v ON v.doc_seq = f.doc_seq AND v.report_id = f.report_id AND v.key = f.key AND v."offset" = f."offset"
	      ORDER BY f.rowid`)
	if !reflect.DeepEqual(gotCols, cols) {
		t.Errorf("facts columns = %v, want %v", gotCols, cols)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("facts =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, c := range []struct {
		what  string
		query string
		want  int64
	}{
		{"documents without a storage order", `SELECT count(*) FROM documents WHERE seq IS NULL`, 0},
		// b2 and d4 keep 3 and 4
		{"legacy documents numbered after the others, in storage order",
			`SELECT count(*) FROM documents WHERE (sha256 = 'c3' AND seq = 5) OR (sha256 = 'a1' AND seq = 6)`, 2},
		{"rows whose order is not their document's", `SELECT count(*) FROM (
			SELECT document_sha256, doc_seq FROM reports UNION ALL SELECT document_sha256, doc_seq FROM facts
			UNION ALL SELECT document_sha256, doc_seq FROM checks UNION ALL SELECT document_sha256, doc_seq FROM key_area_mentions
			UNION ALL SELECT document_sha256, doc_seq FROM report_texts) x
			WHERE doc_seq IS DISTINCT FROM (SELECT seq FROM documents WHERE sha256 = x.document_sha256)`, 0},
		{"NOT NULL columns of fact_rows", `SELECT count(*) FROM duckdb_constraints() WHERE constraint_type = 'NOT NULL' AND table_name = 'fact_rows'`, 6},
	} {
		if n := count(t, db, c.query); n != c.want {
			t.Errorf("%s: %d, want %d", c.what, n, c.want)
		}
	}

	// A legacy document saved again replaces its rows, found by their new order.
	again := data.Item{Source: sampleSource("a1"), Reports: []data.Report{sampleReport("ra1", "v2")}, Extractor: "v2"}
	if err := db.SaveBatch(ctx, []data.Item{again}); err != nil {
		t.Fatal(err)
	}
	for sha, want := range map[string]int64{"a1": 9, "b2": 18, "c3": 18, "d4": 18} {
		if n := count(t, db, `SELECT count(*) FROM facts WHERE document_sha256 = ?`, sha); n != want {
			t.Errorf("facts of %s: %d, want %d", sha, n, want)
		}
	}
	if n := count(t, db, `SELECT count(*) FROM fact_rows`); n != 9+3*18 {
		t.Errorf("fact_rows: %d, want %d", n, 9+3*18)
	}
}
