package duckdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nianbao/data"
)

// TestRefreshReplaces: a refresh after a re-ingest serves the new rows and none of the
// replaced ones, and a second refresh changes nothing.
func TestRefreshReplaces(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	if err := db.SaveDocument(ctx, sampleSource("aaaa"), []data.Report{sampleReport("r1", "v1")}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	// re-ingest: the same document under a newer extractor, with another figure and
	// another report id
	r2 := sampleReport("r2", "v2")
	r2.Metrics[0].Value = data.F(900)
	r2.Metrics = r2.Metrics[:len(r2.Metrics)-1] // one fact fewer: counts tell staleness
	if err := db.SaveDocument(ctx, sampleSource("aaaa"), []data.Report{r2}); err != nil {
		t.Fatal(err)
	}
	st, err := db.Serving(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Fresh() {
		t.Errorf("serving state fresh after a re-ingest that changed row counts: %+v", st)
	}
	for i := 0; i < 2; i++ {
		if _, err := db.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if st, err = db.Serving(ctx); err != nil || !st.Fresh() || !st.Current {
		t.Errorf("serving state after refresh = %+v, %v; want fresh and current", st, err)
	}
	tests := []struct {
		name  string
		query string
		want  sql.NullFloat64
	}{
		{"report_metrics has the new figure", "SELECT requests_new FROM report_metrics WHERE report_id = 'r2'", sql.NullFloat64{Float64: 900, Valid: true}},
		{"report_metrics forgot the old report", "SELECT count(*) FROM report_metrics WHERE report_id = 'r1'", sql.NullFloat64{Valid: true}},
		{"serving_reports one row", "SELECT count(*) FROM serving_reports", sql.NullFloat64{Float64: 1, Valid: true}},
		{"serving_annual has the new figure", "SELECT requests_new FROM serving_annual", sql.NullFloat64{Float64: 900, Valid: true}},
		{"serving_growth has the new figure", "SELECT value FROM serving_growth WHERE metric = 'requests_new'", sql.NullFloat64{Float64: 900, Valid: true}},
		{"failed check of the new report only", "SELECT count(*) FROM serving_problems WHERE kind = 'failed_check' AND report_id = 'r2'", sql.NullFloat64{Float64: 1, Valid: true}},
		{"no problem of the old report", "SELECT count(*) FROM serving_problems WHERE report_id = 'r1'", sql.NullFloat64{Valid: true}},
		{"mentions of one report", "SELECT count(DISTINCT report_id) FROM serving_mentions", sql.NullFloat64{Float64: 1, Valid: true}},
		{"one record per refresh", "SELECT count(*) FROM serving_refresh", sql.NullFloat64{Float64: 3, Valid: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got sql.NullFloat64
			if err := db.sql.QueryRowContext(ctx, tc.query).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("%s = %v, want %v", tc.query, got, tc.want)
			}
		})
	}
}

// chunkCorpus is a small corpus with what the chunked steps of Refresh must keep as one
// statement did: organs over several years with a gap, an organ whose name varies across
// years, a mirror (one report_id in two documents), a key stated twice at the whole scope
// (max wins), "na" values, a document with two reports, and a report that is not annual.
func chunkCorpus() []data.Item {
	type organ struct {
		name, region, level string
		years               []int
	}
	organs := []organ{
		{"赣州市人民政府", "360700", "city", []int{2018, 2019, 2020, 2022}},
		{"洪泽区人民政府", "320813", "county", []int{2019, 2020, 2021}},
		{"赣州市教育局", "360700", "department", []int{2019, 2020}},
		{"", "", "", []int{2020}},
	}
	var items []data.Item
	add := func(reports ...data.Report) {
		sha := fmt.Sprintf("%064x", len(items)+1)
		items = append(items, data.Item{Source: sampleSource(sha), Reports: reports, Extractor: "v1"})
	}
	for i, o := range organs {
		for j, y := range o.years {
			r := sampleReport(fmt.Sprintf("r%d-%d", i, y), "v1")
			r.Organ, r.RegionCode, r.Level, r.Year = o.name, o.region, o.level, y
			if i == 1 && y == 2021 {
				r.Organ = "淮安市洪泽区人民政府" // the same government under another name
			}
			r.Published = fmt.Sprintf("%d-%02d-15", y+1, 1+3*j) // some after the deadline
			v := float64(100*(i+1) + 10*j)
			r.Metrics[0].Value = data.F(v)                        // requests_new
			r.Metrics[4].Value = data.F(v - 5)                    // concluded_total
			r.Metrics[5].Value = data.F(float64(j * 3))           // carried_forward, 0 the first year
			r.Metrics[1].Value = data.F(float64(max(j-1, 0) * 3)) // requests_carried_over
			r.Metrics = append(r.Metrics, data.Metric{Key: "granted", Value: data.F(v / 2), Semantic: data.SemNumber,
				Scope: data.ScopeWhole, Method: data.MethodTable2019, Evidence: "granted", Offset: 11000})
			if i == 1 && y == 2020 {
				r.Metrics = append(r.Metrics, data.Metric{Key: "requests_new", Value: data.F(v + 20), Semantic: data.SemNumber,
					Scope: data.ScopeWhole, Method: data.MethodProse, Evidence: "twice", Offset: 50})
			}
			if i == 3 {
				other := sampleReport("r3-notannual", "v1")
				other.IsAnnualReport = false
				add(r, other)
				continue
			}
			add(r)
			if i == 0 && y == 2020 {
				mirror := r
				mirror.Metrics = r.Metrics[:len(r.Metrics)-2]
				add(mirror)
			}
		}
	}
	return items
}

// servingSnapshot is each table Refresh builds, as its row count, the sum of its rows'
// hashes, and the sum of its rows' hashes with their position: tables equal in all three
// hold the same rows in the same order. serving_mentions has no order of its own.
func servingSnapshot(t *testing.T, db *DB) map[string]string {
	t.Helper()
	snap := map[string]string{}
	for _, table := range []string{"report_metrics", "serving_reports", "serving_annual", "serving_growth",
		"serving_problems", "serving_mentions", "serving_coverage", "serving_counts"} {
		ordered := "sum(hash(rowid, t))"
		if table == "serving_mentions" {
			ordered = "0"
		}
		var s string
		q := "SELECT count(*) || ' ' || coalesce(sum(hash(t)), 0) || ' ' || coalesce(" + ordered + ", 0) FROM " + table + " t"
		if err := db.sql.QueryRow(q).Scan(&s); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		snap[table] = s
	}
	return snap
}

// TestRefreshChunked: Refresh builds report_metrics a chunk of reports at a time and
// serving_growth a metric at a time; whatever the chunk size, and with documents stored
// before doc_seq existed (numbered by migration 012), the tables are the ones a single
// statement builds: report_metrics is the pivot view, serving_growth the growth query of
// before (testdata), and every table the same rows in the same order as with one chunk.
func TestRefreshChunked(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "chunked.duckdb")
	db, err := Open(ctx, Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	items := chunkCorpus()
	for i := 0; i < len(items); i += 4 { // several batches: several doc_seq ranges
		if err := db.SaveBatch(ctx, items[i:min(i+4, len(items))]); err != nil {
			t.Fatal(err)
		}
	}
	// the first three documents as stored before migration 007
	asBefore012(t, db, fmt.Sprintf("%064x", 1), fmt.Sprintf("%064x", 2), fmt.Sprintf("%064x", 3))
	db.Close()
	if db, err = Open(ctx, Config{Path: path}); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	growthRef, err := os.ReadFile("testdata/serving_growth_one_statement.sql")
	if err != nil {
		t.Fatal(err)
	}
	db.refreshChunk = 1_000_000
	if _, err := db.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	want := servingSnapshot(t, db)
	tests := []struct {
		name   string
		chunk  int
		chunks int64
	}{
		{"one chunk", 1_000_000, 1},
		{"a report per chunk", 1, 11},
		{"two reports per chunk", 2, 6},
		{"five reports per chunk", 5, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var chunks int64
			rows, err := db.sql.QueryContext(ctx, db.query("refresh_chunks"), tc.chunk)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var lo, hi int64
				if err := rows.Scan(&lo, &hi); err != nil {
					t.Fatal(err)
				}
				chunks++
			}
			if err := errors.Join(rows.Err(), rows.Close()); err != nil {
				t.Fatal(err)
			}
			if chunks != tc.chunks {
				t.Errorf("chunks of %d reports: %d, want %d", tc.chunk, chunks, tc.chunks)
			}
			db.refreshChunk = tc.chunk
			if _, err := db.Refresh(ctx); err != nil {
				t.Fatal(err)
			}
			if got := servingSnapshot(t, db); !maps.Equal(got, want) {
				t.Errorf("tables refreshed in chunks of %d reports:\n%v\nwant (one chunk)\n%v", tc.chunk, got, want)
			}
			for _, c := range []struct{ what, query string }{
				{"report_metrics rows not in the pivot", "SELECT count(*) FROM (FROM report_metrics EXCEPT ALL FROM report_metrics_pivot)"},
				{"pivot rows not in report_metrics", "SELECT count(*) FROM (FROM report_metrics_pivot EXCEPT ALL FROM report_metrics)"},
				{"report_metrics rows out of order", "SELECT count(*) FROM (SELECT rowid, row_number() OVER (ORDER BY year NULLS LAST, " +
					"region_code NULLS LAST, organ, report_id, document_sha256) AS n FROM report_metrics) WHERE n <> rowid + 1"},
				{"growth rows not in the one statement", "SELECT count(*) FROM (FROM serving_growth EXCEPT ALL (" + string(growthRef) + "))"},
				{"one-statement rows not in growth", "SELECT count(*) FROM ((" + string(growthRef) + ") EXCEPT ALL FROM serving_growth)"},
				{"growth rows out of seq order", "SELECT count(*) FROM serving_growth WHERE seq <> rowid + 1"},
				{"staging schema left", "SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 'refresh_stage'"},
			} {
				if n := count(t, db, c.query); n != 0 {
					t.Errorf("%s: %d", c.what, n)
				}
			}
		})
	}
	// what the corpus is for: the cases above compare something
	for _, c := range []struct {
		what  string
		query string
	}{
		{"growth rows with a previous year", "SELECT count(*) FROM serving_growth WHERE prev_value IS NOT NULL"},
		{"growth rows after a gap", "SELECT count(*) FROM serving_growth WHERE prev_value IS NULL AND year > base_year"},
		{"the key stated twice, at its max", "SELECT count(*) FROM report_metrics WHERE report_id = 'r1-2020' AND requests_new = 230"},
		{"reports of legacy documents, numbered after the others", fmt.Sprintf("SELECT count(*) FROM reports r WHERE document_sha256 = '%064x' AND doc_seq > 3", 1)},
	} {
		if n := count(t, db, c.query); n == 0 {
			t.Errorf("corpus has no %s", c.what)
		}
	}
}

// TestServingLayout: serving tables built by an older refresh, without the latest column
// the queries read, are told apart (serve warns), fresh as they may be.
func TestServingLayout(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	if err := db.SaveDocument(ctx, sampleSource("aaaa"), []data.Report{sampleReport("r1", "v1")}); err != nil {
		t.Fatal(err)
	}
	if st, err := db.Serving(ctx); err != nil || st.Refreshed || st.Current {
		t.Errorf("before any refresh: %+v, %v; want neither refreshed nor current", st, err)
	}
	if _, err := db.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"DROP INDEX serving_fact_index_report", "ALTER TABLE serving_fact_index DROP COLUMN report_no"} {
		if _, err := db.sql.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if st, err := db.Serving(ctx); err != nil || !st.Fresh() || st.Current {
		t.Errorf("older layout: %+v, %v; want fresh but not current", st, err)
	}
}

// TestRefreshCheckpointsFirst: what was committed before a Refresh is in the file once it
// has run (the un-checkpointed rows of a 10⁶ ingest took most of the memory_limit and
// failed the refresh after it), also while a reader holds a transaction open, as the
// dashboard does when a crawl it runs ends with a refresh.
func TestRefreshCheckpointsFirst(t *testing.T) {
	tests := []struct {
		name   string
		reader bool
	}{
		{"alone", false},
		{"a reader's transaction open", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			db := openTest(t)
			if err := db.SaveBatch(ctx, factItems(20, 9)); err != nil {
				t.Fatal(err)
			}
			const memory = `SELECT count(*) FROM pragma_storage_info('report_texts') WHERE NOT persistent`
			if n := count(t, db, memory); n == 0 {
				t.Fatal("the texts saved are in the file already: the test shows nothing")
			}
			if tc.reader {
				tx, err := db.sql.BeginTx(ctx, nil)
				if err != nil {
					t.Fatal(err)
				}
				defer tx.Rollback() //nolint:errcheck // read only
				var n int
				if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM documents`).Scan(&n); err != nil || n != 20 {
					t.Fatalf("reader: %d documents, %v", n, err)
				}
			}
			if _, err := db.Refresh(ctx); err != nil {
				t.Fatal(err)
			}
			if n := count(t, db, memory); n != 0 {
				t.Errorf("%d segments of report_texts still in memory after Refresh", n)
			}
		})
	}
}

// TestRefreshFile: the serving tables of a closed database are rebuilt in one opened for
// the refresh and closed after it, and a file that is not a database fails with its name.
func TestRefreshFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "n.duckdb")
	db, err := Open(ctx, Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	items := factItems(20, 9)
	var reports int64
	for _, it := range items {
		reports += int64(len(it.Reports))
	}
	if err := db.SaveBatch(ctx, items); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	st, err := RefreshFile(ctx, Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	// every step, and the swap of the tables built
	if len(st.Steps) != len(refreshSteps)+1 || st.Total <= 0 {
		t.Errorf("stats: %d steps in %v, want %d", len(st.Steps), st.Total, len(refreshSteps)+1)
	}
	// closed: the close checkpointed what the refresh wrote and removed the log
	if _, err := os.Stat(path + ".wal"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("write-ahead log after RefreshFile: %v; want none (database closed)", err)
	}
	db, err = Open(ctx, Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := db.Serving(ctx)
	if err != nil || !s.Fresh() || s.ReportsNow != reports {
		t.Errorf("serving state after RefreshFile = %+v, %v; want fresh, %d reports", s, err, reports)
	}

	bad := filepath.Join(t.TempDir(), "not.duckdb")
	if err := os.WriteFile(bad, []byte("<html>not a database</html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := RefreshFile(ctx, Config{Path: bad}); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("RefreshFile on a file that is not a database: %v, want an error naming it", err)
	}
}
