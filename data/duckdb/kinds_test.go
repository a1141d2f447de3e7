package duckdb

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"nianbao/data"
)

// factsInStorageOrder is the facts view (cols of it, v) in fact_codes' storage order,
// which its joins do not promise: each view row is matched back to its stored row.
func factsInStorageOrder(cols string) string {
	return `SELECT ` + cols + `
	FROM (SELECT rowid AS rid, * FROM fact_codes) f
	JOIN reports r ON r.doc_seq = f.doc_seq AND r.report_no = f.report_no
	JOIN fact_kinds k ON k.code = f.kind
	JOIN facts v ON v.doc_seq = f.doc_seq AND v.report_id = r.report_id AND v.key = k.key
	     AND v."offset" = f."offset"
	ORDER BY f.rid`
}

// checkFactsView compares cols of the facts view, in storage order, with want, and
// their names with wantCols.
func checkFactsView(t *testing.T, db *DB, cols string, wantCols, want []string) {
	t.Helper()
	gotCols, got := queryRows(t, db, factsInStorageOrder(cols))
	if !reflect.DeepEqual(gotCols, wantCols) {
		t.Errorf("facts columns = %v, want %v", gotCols, wantCols)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("facts =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// kindsTwice counts the kinds of fact_kinds coded more than once.
const kindsTwice = `SELECT count(*) - count(DISTINCT (key, scope, semantic, unit, method)) FROM fact_kinds`

// oddItem is a document whose facts have what sampleReport's lack: no unit, no method, a
// named sub-unit's scope, and strings no other item has.
func oddItem(sha string) data.Item {
	r := sampleReport("odd"+sha, "v1")
	r.Metrics = append(r.Metrics,
		data.Metric{Key: "fees_yuan", Value: data.F(0), Semantic: data.SemZero, Scope: "章贡区", Evidence: "未收取费用", Offset: 40},
		data.Metric{Key: "press_conferences", Value: data.F(3), Semantic: data.SemNumber, Unit: "场", Scope: data.ScopeWhole, Evidence: "召开新闻发布会3场", Offset: 50})
	return data.Item{Source: sampleSource(sha), Reports: []data.Report{r}, Extractor: "v1"}
}

// TestFactCodesMigration runs migration 013 on a database whose facts are still
// fact_rows. The view shows the same facts in the same storage order, a document's
// reports are numbered in storage order, and documents written afterwards, with strings
// the migration did not see, are decoded too.
func TestFactCodesMigration(t *testing.T) {
	ctx := context.Background()
	db, path, _ := savedPairs(t, "c3", "a1", "b2") // two reports each, not in SHA-256 order
	if err := db.SaveBatch(ctx, []data.Item{oddItem("e5")}); err != nil {
		t.Fatal(err)
	}
	asBefore013(t, db)
	cols, want := queryRows(t, db, `SELECT f.report_id, r.document_sha256, f.* EXCLUDE (report_id, doc_seq), f.doc_seq
		FROM fact_rows f JOIN reports r ON r.doc_seq = f.doc_seq AND r.report_id = f.report_id ORDER BY f.rowid`)
	if len(want) != 3*2*9+11 {
		t.Fatalf("facts before the migration: %d, want %d", len(want), 3*2*9+11)
	}
	db.Close()

	db, err := Open(ctx, Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checkFactsView(t, db, "v.*", cols, want)
	checkCounts(t, db, []countCheck{
		{"facts the view lacks", `SELECT (SELECT count(*) FROM fact_codes) - (SELECT count(*) FROM facts)`, 0},
		{"reports numbered against their storage order", `SELECT count(*) FROM reports
			WHERE report_no <> CASE WHEN report_id LIKE 's%' THEN 2 ELSE 1 END`, 0},
		{"kinds coded twice", kindsTwice, 0},
		{"codes given twice", `SELECT count(*) - count(DISTINCT code) FROM fact_kinds`, 0},
		{"kinds", `SELECT count(*) FROM fact_kinds`, 9 + 2},
		{"facts without unit or method", `SELECT count(*) FROM facts WHERE unit IS NULL OR method IS NULL`, 2},
		{"NOT NULL columns of fact_codes", `SELECT count(*) FROM duckdb_constraints() WHERE constraint_type = 'NOT NULL' AND table_name = 'fact_codes'`, 4},
		{"NOT NULL report_no", `SELECT count(*) FROM duckdb_constraints() WHERE constraint_type = 'NOT NULL' AND table_name = 'reports' AND constraint_column_names = ['report_no']`, 1},
	})

	// After the migration: a new document with a key, unit and scope never stored, and a
	// document replaced.
	fresh := oddItem("f6")
	fresh.Reports[0].Metrics = append(fresh.Reports[0].Metrics,
		data.Metric{Key: "zz_new_key", Value: data.F(7), Semantic: data.SemNumber, Unit: "项", Scope: "南康区", Method: data.MethodProse, Evidence: "新增7项", Offset: 60})
	again := data.Item{Source: sampleSource("a1"), Reports: []data.Report{sampleReport("ra1", "v2")}, Extractor: "v2"}
	if err := db.SaveBatch(ctx, []data.Item{fresh, again}); err != nil {
		t.Fatal(err)
	}
	if _, got := queryRows(t, db, `SELECT key, scope, value, semantic, unit, method, evidence FROM facts WHERE key = 'zz_new_key'`); !reflect.DeepEqual(got, []string{"zz_new_key南康区7number项prose新增7项"}) {
		t.Errorf("new kind decoded as %q", got)
	}
	for sha, want := range map[string]int64{"a1": 9, "b2": 18, "c3": 18, "e5": 11, "f6": 12} {
		if n := count(t, db, `SELECT count(*) FROM facts WHERE document_sha256 = ?`, sha); n != want {
			t.Errorf("facts of %s: %d, want %d", sha, n, want)
		}
	}
}

// TestFactKinds: a kind is coded once, whichever writer meets it first, and stays coded
// when the transaction that met it rolls back; a process opening the database later goes
// on from the largest code.
func TestFactKinds(t *testing.T) {
	ctx := context.Background()
	db, path, _ := savedPairs(t, "a1")
	withKey := func(sha, key string) data.Item {
		it := oddItem(sha)
		it.Reports[0].Metrics = append(it.Reports[0].Metrics,
			data.Metric{Key: key, Value: data.F(1), Semantic: data.SemNumber, Unit: "宗", Method: data.MethodProse, Evidence: key, Offset: 70})
		return it
	}

	// A Writer that aborts: its document is not stored, its new kind stays coded.
	w, err := db.NewWriter(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(ctx, []data.Item{withKey("b2", "k_aborted")}); err != nil {
		t.Fatal(err)
	}
	if err := w.Abort(); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT count(*) FROM fact_kinds WHERE key = 'k_aborted' AND unit = '宗' AND method = 'prose'`); n != 1 {
		t.Errorf("kind of the aborted batch coded %d times, want 1", n)
	}
	if n := count(t, db, `SELECT count(*) FROM documents WHERE sha256 = 'b2'`); n != 0 {
		t.Errorf("aborted document stored %d times", n)
	}

	// Writers coding the same new kind at once (the coding only: two Writers at once
	// would number their documents alike) get the same code.
	var wg sync.WaitGroup
	got := make([][]int32, 4)
	errs := make([]error, 4)
	for i := range got {
		wg.Go(func() {
			got[i], errs[i] = db.factCodes(ctx, []data.Item{withKey(fmt.Sprintf("c%d", i), "k_shared")})
		})
	}
	wg.Wait()
	for i := range got {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		// k_shared is the item's last fact
		shared, first := got[i][len(got[i])-1], got[0][len(got[0])-1]
		if shared == 0 || shared != first {
			t.Errorf("k_shared coded %d and %d", shared, first)
		}
	}
	for i := range 4 {
		w, err := db.NewWriter(ctx)
		if err != nil {
			t.Fatal(err)
		}
		_, err = w.Write(ctx, []data.Item{withKey(fmt.Sprintf("c%d", i), "k_shared"), withKey(fmt.Sprintf("d%d", i), "k_aborted")})
		if err := errors.Join(err, w.Close()); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	// Another process: its first new kind gets the code after the largest.
	db, err = Open(ctx, Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	top := count(t, db, `SELECT max(code) FROM fact_kinds`)
	if err := db.SaveBatch(ctx, []data.Item{withKey("e5", "k_later")}); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT code FROM fact_kinds WHERE key = 'k_later'`); n != top+1 {
		t.Errorf("k_later coded %d, want %d", n, top+1)
	}
	checkCounts(t, db, []countCheck{
		{"kinds coded twice", kindsTwice, 0},
		{"codes given twice", `SELECT count(*) - count(DISTINCT code) FROM fact_kinds`, 0},
		{"facts the view lacks", `SELECT (SELECT count(*) FROM fact_codes) - (SELECT count(*) FROM facts)`, 0},
		{"k_shared facts", `SELECT count(*) FROM facts WHERE key = 'k_shared' AND unit = '宗' AND scope = 'whole'`, 4},
		{"k_aborted facts, stored by the later writers", `SELECT count(*) FROM facts WHERE key = 'k_aborted'`, 4},
		{"k_later facts", `SELECT count(*) FROM facts WHERE key = 'k_later' AND method = 'prose'`, 1},
	})
	if st, err := db.Integrity(ctx); err != nil || st.OrphanFacts != 0 {
		t.Errorf("integrity: %+v, %v; want no orphan facts", st, err)
	}
}
