package duckdb_test

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"nianbao/data/duckdb"
	"nianbao/ingest"
	"nianbao/ingest/convert"
)

// sampleDB is the bundled real reports, ingested and refreshed.
func sampleDB(t *testing.T) *duckdb.DB {
	t.Helper()
	return sampleDBAt(t, filepath.Join(t.TempDir(), "s.duckdb"))
}

// sampleDBAt is sampleDB in the file path.
func sampleDBAt(t *testing.T, path string) *duckdb.DB {
	t.Helper()
	ctx := context.Background()
	db, err := duckdb.Open(ctx, duckdb.Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ing := ingest.New(ingest.Config{}, convert.New(convert.Config{}), db)
	if _, err := ing.Run(ctx, []string{"../sample"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestDashAggStored: without filters, DashAgg reads what Refresh stored (dash_*_all),
// which must be the rows the filtered query gives with every filter NULL; with a filter,
// or on a database refreshed before those tables existed, it runs the query itself.
func TestDashAggStored(t *testing.T) {
	db := sampleDB(t)
	ctx := context.Background()
	none := []any{nil, nil, nil, nil, nil}
	tests := []struct {
		name  string
		query string
		extra []any
	}{
		{"levels", "levels", nil},
		{"year sums", "year_sums", nil},
		{"rate sums", "rate_sums", nil},
		{"overview counts", "overview_counts", nil},
		{"coverage trend", "coverage_trend", nil},
		{"province rates, grant", "province_rates", []any{"grant_rate"}},
		{"province rates, correction", "province_rates", []any{"correction_rate"}},
		{"organs, all", "organs", []any{2001}},
		{"organs, cut", "organs", []any{3}},
		{"movers of requests_new", "movers", []any{"requests_new"}},
		{"movers of granted", "movers", []any{"granted"}},
		{"quality kinds", "quality_kinds", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			filters := none
			if tc.query == "levels" {
				filters = nil
			}
			got, err := db.DashAgg(ctx, tc.query, filters, tc.extra...)
			if err != nil {
				t.Fatal(err)
			}
			want, err := db.Dash(ctx, tc.query, 0, append(append([]any{}, filters...), tc.extra...)...)
			if err != nil {
				t.Fatal(err)
			}
			if len(want.Rows) == 0 {
				t.Fatal("the query selects nothing: the case tests nothing")
			}
			if !sameRows(got, want) {
				t.Errorf("stored:\n%v\nqueried:\n%v", got.Rows, want.Rows)
			}
		})
	}
	// what DashAgg read for quality kinds is the table Refresh stored
	kinds, err := db.Dash(ctx, "quality_kinds_all", 0)
	if err != nil || len(kinds.Rows) == 0 {
		t.Errorf("serving_quality_kinds: %v, %v", kinds, err)
	}
	// a filter is answered by the query, and so is everything once the tables are gone
	all, err := db.DashAgg(ctx, "year_sums", none)
	if err != nil || len(all.Rows) < 2 {
		t.Fatalf("year sums: %v, %v; want rows of two years at least", all, err)
	}
	year := int(all.Rows[0]["year"].(int32))
	filtered, err := db.DashAgg(ctx, "year_sums", []any{&year, &year, nil, nil, nil})
	if err != nil || len(filtered.Rows) != 1 {
		t.Fatalf("year sums of %d: %v, %v", year, filtered, err)
	}
	before, err := db.DashAgg(ctx, "overview_counts", none)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.QueryContext(ctx, "DROP TABLE serving_overview"); err != nil {
		t.Fatal(err)
	}
	after, err := db.DashAgg(ctx, "overview_counts", none)
	if err != nil || !sameRows(before, after) {
		t.Errorf("without serving_overview: %v, %v; want %v", after, err, before)
	}
}

// sameRows compares two results as sets of printed rows (the stored aggregates come in
// their own order where the query has no ORDER BY).
func sameRows(a, b *duckdb.Table) bool {
	count := func(t *duckdb.Table) map[string]int {
		m := map[string]int{}
		for _, r := range t.Rows {
			s := ""
			for _, c := range t.Columns {
				s += fmt.Sprint(r[c]) + "\x00"
			}
			m[s]++
		}
		return m
	}
	return reflect.DeepEqual(a.Columns, b.Columns) && reflect.DeepEqual(count(a), count(b))
}

// TestSearchServed: Search, which finds the unfiltered hits by a bounded scan and the
// filtered ones in batches of the selected reports' texts, returns the rows of
// dash_search.sql, page by page.
func TestSearchServed(t *testing.T) {
	db := sampleDB(t)
	ctx := context.Background()
	var year int
	var prefix string
	rows, err := db.QueryContext(ctx, "SELECT year, substr(region_code, 1, 2) FROM reports WHERE year IS NOT NULL "+
		"AND region_code IS NOT NULL GROUP BY ALL ORDER BY count(*) DESC, 1, 2 LIMIT 1")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		if err := rows.Scan(&year, &prefix); err != nil {
			t.Fatal(err)
		}
	}
	rows.Close()
	tests := []struct {
		name          string
		q             string
		f             duckdb.SearchFilter
		limit, offset int
	}{
		{"common term", "政府信息公开", duckdb.SearchFilter{}, 10, 0},
		{"common term, third page", "政府信息公开", duckdb.SearchFilter{}, 3, 6},
		{"common term by year", "政府信息公开", duckdb.SearchFilter{Year: year}, 5, 0},
		{"common term by year, past the first batch", "政府信息公开", duckdb.SearchFilter{Year: year}, 40, 1},
		{"table label by region", "本年新收政府信息公开申请数量", duckdb.SearchFilter{Prefix: prefix}, 4, 2},
		{"by year and region", "申请", duckdb.SearchFilter{Year: year, Prefix: prefix}, 100, 0},
		{"by level", "公开", duckdb.SearchFilter{Level: "county"}, 7, 3},
		{"absent term by year", "不存在的词语甲乙丙", duckdb.SearchFilter{Year: year}, 10, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := db.Search(ctx, tc.q, tc.f, tc.limit, tc.offset)
			if err != nil {
				t.Fatal(err)
			}
			want, err := db.Dash(ctx, "search", 0, tc.q, tc.f.Year, tc.f.Level, tc.f.Prefix, tc.limit, tc.offset)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Columns, want.Columns) {
				t.Fatalf("columns %v, want %v", got.Columns, want.Columns)
			}
			if !reflect.DeepEqual(got.Rows, want.Rows) {
				t.Errorf("%d rows:\n%v\nwant %d:\n%v", len(got.Rows), got.Rows, len(want.Rows), want.Rows)
			}
		})
	}
}

// TestReportServed: ReportServed gives every report the row dash_report.sql gives (so
// Report), from serving_report_ids, and ReportText its text at the doc_seq there. When
// that table points elsewhere (the report re-extracted since), ReportText says the
// report is not stored there; when the table does not exist, or holds only the keys (an
// older refresh), ReportServed has no row.
func TestReportServed(t *testing.T) {
	db := sampleDB(t)
	ctx := context.Background()
	rows, err := db.QueryContext(ctx, "SELECT DISTINCT report_id FROM reports ORDER BY 1")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if len(ids) < 10 {
		t.Fatalf("%d reports in the sample", len(ids))
	}
	exec := func(q string) {
		t.Helper()
		rows, err := db.QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	// check: served is how many reports ReportServed has a row for, stored how many of
	// those ReportText finds at the row's doc_seq.
	check := func(t *testing.T, served, stored int) {
		t.Helper()
		ns, nt := 0, 0
		for _, id := range ids {
			want, err := db.Report(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if len(want.Rows) != 1 || want.Rows[0]["report_id"] != id {
				t.Fatalf("%s: Report gave %v", id, want.Rows)
			}
			got, err := db.ReportServed(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Rows) == 0 {
				continue
			}
			ns++
			r := got.Rows[0]
			text, ok, err := db.ReportText(ctx, id, r["document_sha256"].(string), r["doc_seq"])
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				continue
			}
			nt++
			if !sameRows(got, want) {
				t.Errorf("%s: got %v, want %v", id, got.Rows, want.Rows)
			}
			w := want.Rows[0]
			wantText, wok, err := db.ReportText(ctx, id, w["document_sha256"].(string), w["doc_seq"])
			if err != nil || !wok || text != wantText {
				t.Errorf("%s: text %.40q, want %.40q (%v, %v)", id, text, wantText, wok, err)
			}
		}
		if ns != served || nt != stored {
			t.Errorf("%d reports served, %d of them stored there, want %d and %d", ns, nt, served, stored)
		}
		if got, err := db.ReportServed(ctx, "0123456789abcdef"); err != nil || len(got.Rows) != 0 {
			t.Errorf("unknown id: %v rows, %v", got, err)
		}
	}
	t.Run("refreshed", func(t *testing.T) { check(t, len(ids), len(ids)) })
	t.Run("moved", func(t *testing.T) {
		exec("UPDATE serving_report_ids SET doc_seq = doc_seq + 1000000")
		check(t, len(ids), 0)
	})
	t.Run("keys only", func(t *testing.T) {
		exec("CREATE OR REPLACE TABLE serving_report_ids AS SELECT report_id, document_sha256, doc_seq FROM reports")
		check(t, 0, 0)
	})
	t.Run("no table", func(t *testing.T) {
		exec("DROP TABLE serving_report_ids")
		check(t, 0, 0)
	})
}

// TestWarm: Warm loads the serving tables requests filter into DuckDB's buffer (a
// database just opened holds none of their blocks), skips a table the database lacks, and
// stops when its context ends.
func TestWarm(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.duckdb")
	if err := sampleDBAt(t, path).Close(); err != nil {
		t.Fatal(err)
	}
	buffered := func(t *testing.T, db *duckdb.DB) int64 {
		t.Helper()
		rows, err := db.QueryContext(ctx, "SELECT coalesce(sum(memory_usage_bytes), 0)::BIGINT FROM duckdb_memory() WHERE tag = 'BASE_TABLE'")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var n int64
		for rows.Next() {
			if err := rows.Scan(&n); err != nil {
				t.Fatal(err)
			}
		}
		return n
	}
	tests := []struct {
		name string
		drop string // a table dropped before, "" for none
	}{
		{"refreshed", ""},
		{"refreshed before serving_report_ids", "serving_report_ids"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.drop != "" {
				db, err := duckdb.Open(ctx, duckdb.Config{Path: path})
				if err != nil {
					t.Fatal(err)
				}
				rows, err := db.QueryContext(ctx, "DROP TABLE "+tc.drop)
				if err != nil {
					t.Fatal(err)
				}
				rows.Close()
				if err := db.Close(); err != nil {
					t.Fatal(err)
				}
			}
			db, err := duckdb.OpenReadOnly(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			before := buffered(t, db)
			if err := db.Warm(ctx); err != nil {
				t.Fatal(err)
			}
			if after := buffered(t, db); after <= before {
				t.Errorf("base table blocks in the buffer: %d bytes before Warm, %d after", before, after)
			}
			done, cancel := context.WithCancel(ctx)
			cancel()
			if err := db.Warm(done); err == nil {
				t.Error("Warm with an ended context: no error")
			}
		})
	}
}
