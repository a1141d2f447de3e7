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

// savedPairs opens a database in a file of its own and stores a document for each of shas,
// in that order, each with two reports, r<sha> and s<sha>; it returns the database, its
// path (to open it again) and the items stored.
func savedPairs(t *testing.T, shas ...string) (*DB, string, []data.Item) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old.duckdb")
	db, err := Open(context.Background(), Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	var items []data.Item
	for _, sha := range shas {
		items = append(items, data.Item{Source: sampleSource(sha),
			Reports: []data.Report{sampleReport("r"+sha, "v1"), sampleReport("s"+sha, "v1")}, Extractor: "v1"})
	}
	if err := db.SaveBatch(context.Background(), items); err != nil {
		t.Fatal(err)
	}
	return db, path, items
}

// TestNoPrimaryKeysMigration runs migration 011 on a database whose documents and reports
// still have their primary keys, and checks it kept their columns, rows and row order,
// and that saving still replaces a document's rows.
func TestNoPrimaryKeysMigration(t *testing.T) {
	ctx := context.Background()
	db, path, items := savedPairs(t, "c3", "a1", "b2") // not in key order
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

	db, err := Open(ctx, Config{Path: path})
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

// asBefore013 turns db's facts back into fact_rows as migration 012 made it (the strings
// and report_id in every row, in storage order), with 012's view, drops reports'
// report_no and forgets 013, so that the next Open runs it again.
func asBefore013(t *testing.T, db *DB) {
	t.Helper()
	asBefore014(t, db)
	for _, q := range []string{
		`CREATE TABLE fact_rows AS
		 SELECT r.report_id, k.key, k.scope, f.value, k.semantic, k.unit, k.method, f.evidence, f."offset",
		        f.approx, f.doc_seq
		 FROM fact_codes f
		 JOIN reports r ON r.doc_seq = f.doc_seq AND r.report_no = f.report_no
		 JOIN fact_kinds k ON k.code = f.kind
		 ORDER BY f.rowid`,
		`DROP VIEW facts`, `DROP TABLE fact_codes`, `DROP TABLE fact_kinds`,
		`ALTER TABLE reports DROP COLUMN report_no`,
		`CREATE VIEW facts AS
		 SELECT f.report_id, r.document_sha256, f.key, f.scope, f.value, f.semantic, f.unit, f.method,
		        f.evidence, f."offset", f.approx, f.doc_seq
		 FROM fact_rows f JOIN reports r ON r.doc_seq = f.doc_seq AND r.report_id = f.report_id`,
		`DELETE FROM schema_migrations WHERE version = 13`,
	} {
		if _, err := db.sql.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// asBefore015 turns db's fact_codes back into what they were before migration 015:
// evidence stored as a slice is located by its length in characters (evidence_len),
// without evidence_at and evidence_bytes, and 014's facts view; and forgets 015.
func asBefore015(t *testing.T, db *DB) {
	t.Helper()
	for _, q := range []string{
		`DROP VIEW facts`,
		`UPDATE fact_codes SET evidence_len = length(decode(encode(t.text)[fact_codes.evidence_at + 1 : fact_codes.evidence_at + fact_codes.evidence_bytes]))
		 FROM reports r, report_texts t
		 WHERE fact_codes.evidence_at IS NOT NULL AND r.doc_seq = fact_codes.doc_seq
		   AND r.report_no = fact_codes.report_no AND t.doc_seq = fact_codes.doc_seq AND t.report_id = r.report_id`,
		`ALTER TABLE fact_codes DROP COLUMN evidence_at`,
		`ALTER TABLE fact_codes DROP COLUMN evidence_bytes`,
		`DROP MACRO fact_evidence`,
		`CREATE VIEW facts AS
		 SELECT r.report_id, r.document_sha256, k.key, k.scope, f.value, k.semantic, k.unit, k.method,
		        coalesce(f.evidence, substring(t.text, f."offset" + 1, f.evidence_len)) AS evidence,
		        f."offset", f.approx, f.doc_seq
		 FROM fact_codes f
		 JOIN reports r ON r.doc_seq = f.doc_seq AND r.report_no = f.report_no
		 JOIN fact_kinds k ON k.code = f.kind
		 LEFT JOIN report_texts t ON t.doc_seq = f.doc_seq AND t.report_id = r.report_id`,
		`DELETE FROM schema_migrations WHERE version = 15`,
	} {
		if _, err := db.sql.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// asBefore014 turns db's fact_codes back into what they were before migration 014: every
// evidence stored whole, no evidence_len, and 013's facts view; and forgets 014 and 015.
func asBefore014(t *testing.T, db *DB) {
	t.Helper()
	asBefore015(t, db)
	for _, q := range []string{
		`DROP VIEW facts`,
		`UPDATE fact_codes SET evidence = substring(t.text, fact_codes."offset" + 1, fact_codes.evidence_len)
		 FROM reports r, report_texts t
		 WHERE fact_codes.evidence_len IS NOT NULL AND r.doc_seq = fact_codes.doc_seq
		   AND r.report_no = fact_codes.report_no AND t.doc_seq = fact_codes.doc_seq AND t.report_id = r.report_id`,
		`ALTER TABLE fact_codes DROP COLUMN evidence_len`,
		`CREATE VIEW facts AS
		 SELECT r.report_id, r.document_sha256, k.key, k.scope, f.value, k.semantic, k.unit, k.method,
		        f.evidence, f."offset", f.approx, f.doc_seq
		 FROM fact_codes f
		 JOIN reports r ON r.doc_seq = f.doc_seq AND r.report_no = f.report_no
		 JOIN fact_kinds k ON k.code = f.kind`,
		`DELETE FROM schema_migrations WHERE version = 14`,
	} {
		if _, err := db.sql.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// asBefore012 turns db's facts back into the table they were before migration 012
// (document_sha256 second, doc_seq last, rows in storage order), makes the rows of the
// documents in legacy as they were stored before migration 007 (no storage order), and
// forgets 012 and 013, so that the next Open runs them again.
func asBefore012(t *testing.T, db *DB, legacy ...string) {
	t.Helper()
	asBefore013(t, db)
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

// TestFactRowsMigration runs migration 012 (then 013) on a database whose facts still
// carry document_sha256 and some of whose documents predate doc_seq. The view shows the
// same facts, in the same order, and every row of every table has a storage order: the
// legacy documents get the next ones, each of its rows its document's.
func TestFactRowsMigration(t *testing.T) {
	ctx := context.Background()
	db, path, _ := savedPairs(t, "c3", "a1", "b2", "d4")
	asBefore012(t, db, "c3", "a1") // stored first and second, not in SHA-256 order
	// doc_seq aside: the legacy rows get theirs from the migration
	cols, want := queryRows(t, db, "SELECT * EXCLUDE (doc_seq) FROM facts ORDER BY rowid")
	if n := count(t, db, `SELECT count(*) FROM facts WHERE doc_seq IS NULL`); n != 2*2*9 {
		t.Fatalf("legacy facts before the migration: %d, want %d", n, 2*2*9)
	}
	db.Close()

	db, err := Open(ctx, Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n := count(t, db, `SELECT count(*) FROM duckdb_views() WHERE view_name = 'facts'`); n != 1 {
		t.Fatalf("facts views: %d, want 1", n)
	}
	checkFactsView(t, db, "v.* EXCLUDE (doc_seq)", cols, want)
	checkCounts(t, db, []countCheck{
		{"documents without a storage order", `SELECT count(*) FROM documents WHERE seq IS NULL`, 0},
		// b2 and d4 keep 3 and 4
		{"legacy documents numbered after the others, in storage order",
			`SELECT count(*) FROM documents WHERE (sha256 = 'c3' AND seq = 5) OR (sha256 = 'a1' AND seq = 6)`, 2},
		{"rows whose order is not their document's", `SELECT count(*) FROM (
			SELECT document_sha256, doc_seq FROM reports UNION ALL SELECT document_sha256, doc_seq FROM facts
			UNION ALL SELECT document_sha256, doc_seq FROM checks UNION ALL SELECT document_sha256, doc_seq FROM key_area_mentions
			UNION ALL SELECT document_sha256, doc_seq FROM report_texts) x
			WHERE doc_seq IS DISTINCT FROM (SELECT seq FROM documents WHERE sha256 = x.document_sha256)`, 0},
	})

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
	if n := count(t, db, `SELECT count(*) FROM fact_codes`); n != 9+3*18 {
		t.Errorf("fact_codes: %d, want %d", n, 9+3*18)
	}
}
