package duckdb

import (
	"context"
	"maps"
	"path/filepath"
	"testing"

	"nianbao/data"
)

// TestServingUpToDate: after a refresh the tables are fresh and up to date; any row
// stored since, a document replaced one row for one included (same counts), makes them
// stale, and tables recorded without this binary's refresh digest are fresh but not up to
// date.
func TestServingUpToDate(t *testing.T) {
	ctx := context.Background()
	exec := func(q string) func(t *testing.T, db *DB) {
		return func(t *testing.T, db *DB) {
			if _, err := db.sql.ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
	}
	save := func(sha, version string) func(t *testing.T, db *DB) {
		return func(t *testing.T, db *DB) {
			if err := db.SaveDocument(ctx, sampleSource(sha), []data.Report{sampleReport("r1", version)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name            string
		after           func(t *testing.T, db *DB) // run after the refresh; nil: nothing
		fresh, upToDate bool
	}{
		{"just refreshed", nil, true, true},
		{"a document added", save("bbbb", "v1"), false, false},
		{"a document replaced one row for one", save("aaaa", "v2"), false, false},
		{"refresh recorded before migration 016", exec("UPDATE serving_refresh SET doc_seq = NULL, build = NULL"), true, false},
		{"tables of another refresh", exec("UPDATE serving_refresh SET build = 'another'"), true, false},
		{"tables of an older layout", exec("DROP INDEX serving_fact_index_report; ALTER TABLE serving_fact_index DROP COLUMN report_no"), true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := openTest(t)
			save("aaaa", "v1")(t, db)
			if _, err := db.Refresh(ctx); err != nil {
				t.Fatal(err)
			}
			before, err := db.Serving(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if tc.after != nil {
				tc.after(t, db)
			}
			st, err := db.Serving(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if st.Fresh() != tc.fresh || st.UpToDate() != tc.upToDate {
				t.Errorf("fresh %v, up to date %v; want %v, %v (%+v)", st.Fresh(), st.UpToDate(), tc.fresh, tc.upToDate, st)
			}
			if tc.name == "a document replaced one row for one" && (st.ReportsNow != before.ReportsNow || st.FactsNow != before.FactsNow) {
				t.Errorf("counts changed (%d, %d against %d, %d): the case must keep them", st.ReportsNow, st.FactsNow, before.ReportsNow, before.FactsNow)
			}
			if _, err := db.Refresh(ctx); err != nil {
				t.Fatal(err)
			}
			if st, err := db.Serving(ctx); err != nil || !st.UpToDate() {
				t.Errorf("after another refresh: %+v, %v; want up to date", st, err)
			}
		})
	}
}

// TestRefreshDigest: the digest follows the refresh's queries and nothing else, so that
// only a binary whose refresh differs rebuilds tables nothing was stored since.
func TestRefreshDigest(t *testing.T) {
	db := openTest(t)
	base := db.refreshDigest()
	tests := []struct {
		name  string
		query string // the query changed
		same  bool
	}{
		{"a refresh step", "refresh_serving_growth", false},
		{"a query a refresh step formats", "refresh_growth_metric", false},
		{"a dashboard query", "dash_movers", true},
		{"the state it is compared by", "serving_state", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, ok := db.queries[tc.query]; !ok {
				t.Fatalf("no query %s", tc.query)
			}
			other := &DB{queries: maps.Clone(db.queries)}
			other.queries[tc.query] += "\n-- changed"
			if got := other.refreshDigest(); (got == base) != tc.same {
				t.Errorf("digest with %s changed: %s against %s; want the same %v", tc.query, got, base, tc.same)
			}
		})
	}
	if base == "" || db.refreshDigest() != base {
		t.Errorf("digest %q, then %q: want one, stable", base, db.refreshDigest())
	}
}

// TestRefreshProgress: Config.RefreshProgress hears of every table built, in order,
// counted against the same total, and of the swap last; the steps are the ones Refresh
// returns.
func TestRefreshProgress(t *testing.T) {
	ctx := context.Background()
	type call struct {
		done, total int
		table       string
	}
	var calls []call
	db, err := Open(ctx, Config{Path: filepath.Join(t.TempDir(), "p.duckdb"), RefreshProgress: func(done, total int, s RefreshStep) {
		calls = append(calls, call{done, total, s.Table})
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.SaveDocument(ctx, sampleSource("aaaa"), []data.Report{sampleReport("r1", "v1")}); err != nil {
		t.Fatal(err)
	}
	st, err := db.Refresh(ctx)
	if err != nil {
		t.Fatal(err)
	}
	build, _ := refreshBuild()
	if len(calls) != len(build)+1 {
		t.Fatalf("%d calls, want %d (every table and the swap): %v", len(calls), len(build)+1, calls)
	}
	for i, c := range calls {
		if c.done != i+1 || c.total != len(build)+1 || c.table != st.Steps[i].Table {
			t.Errorf("call %d = %+v, want step %d of %d, %s", i, c, i+1, len(build)+1, st.Steps[i].Table)
		}
	}
	if last := calls[len(calls)-1].table; last != "swap" {
		t.Errorf("last call %s, want swap", last)
	}
}
