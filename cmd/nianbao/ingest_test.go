package main

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"nianbao/data"
	"nianbao/data/duckdb"
)

// TestIngestRefreshes: ingest ends with the serving tables built from what it stored
// (closeAndRefresh). A run that stored nothing leaves tables that are up to date alone,
// and refreshes those that are not: built by another refresh, or older than rows an
// interrupted run stored.
func TestIngestRefreshes(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "i.duckdb")
	withDB := func(f func(t *testing.T, db *duckdb.DB)) func(t *testing.T) {
		return func(t *testing.T) {
			db, err := duckdb.Open(ctx, duckdb.Config{Path: path})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			f(t, db)
		}
	}
	exec := func(q string) func(t *testing.T) {
		return withDB(func(t *testing.T, db *duckdb.DB) {
			rows, err := db.QueryContext(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			rows.Close()
		})
	}
	tests := []struct {
		name      string
		before    func(t *testing.T) // nil: nothing
		unchanged string             // the summary's count of unchanged documents
		refreshed bool
		reports   int64
	}{
		{"new database", nil, "0", true, 36},
		{"again, nothing new", nil, "36", false, 36},
		{"tables of another refresh", exec("UPDATE serving_refresh SET build = 'another'"), "36", true, 36},
		{"refresh recorded before migration 016", exec("UPDATE serving_refresh SET doc_seq = NULL, build = NULL"), "36", true, 36},
		{"rows an interrupted run stored", withDB(func(t *testing.T, db *duckdb.DB) {
			src := data.Source{SHA256: strings.Repeat("ab", 32), Path: "interrupted.html", Format: "html", Size: 1}
			rep := data.Report{ReportID: "interrupted", IsAnnualReport: true, Organ: "某县人民政府", Year: 2020, Extractor: "v"}
			if err := db.SaveDocument(ctx, src, []data.Report{rep}); err != nil {
				t.Fatal(err)
			}
		}), "36", true, 37},
		{"and again", nil, "36", false, 37},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.before != nil {
				tc.before(t)
			}
			var out bytes.Buffer
			if err := runIngest(ctx, []string{"--db", path, "../../data/sample"}, &out, io.Discard); err != nil {
				t.Fatal(err)
			}
			refreshed := strings.Contains(out.String(), "serving tables refreshed in")
			skipped := strings.Contains(out.String(), "serving tables up to date: nothing stored since their refresh")
			if refreshed != tc.refreshed || skipped == tc.refreshed {
				t.Errorf("refreshed %v, said up to date %v; want refreshed %v:\n%s", refreshed, skipped, tc.refreshed, out.String())
			}
			if f := strings.Fields(lineOf(out.String(), "unchanged")); len(f) < 3 || f[2] != tc.unchanged {
				t.Errorf("summary line %q, want %s unchanged", lineOf(out.String(), "unchanged"), tc.unchanged)
			}
			withDB(func(t *testing.T, db *duckdb.DB) {
				st, err := db.Serving(ctx)
				if err != nil || !st.UpToDate() || st.ReportsNow != tc.reports {
					t.Errorf("serving state %+v, %v; want up to date over %d reports", st, err, tc.reports)
				}
			})(t)
		})
	}
}

// lineOf returns the first line of s that contains word.
func lineOf(s, word string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, word) {
			return l
		}
	}
	return ""
}

// TestCloseAndRefreshProgress: given a progress writer (a terminal, for ingest and crawl),
// the refresh says what it starts on and each table as it is built, the swap last; the
// summary still goes to stdout alone.
func TestCloseAndRefreshProgress(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.duckdb")
	if err := runIngest(ctx, []string{"--db", path, "../../data/sample"}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	db, err := duckdb.Open(ctx, duckdb.Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	src := data.Source{SHA256: strings.Repeat("cd", 32), Path: "new.html", Format: "html", Size: 1}
	if err := db.SaveDocument(ctx, src, []data.Report{{ReportID: "new", IsAnnualReport: true, Organ: "某县人民政府", Year: 2021, Extractor: "v"}}); err != nil {
		t.Fatal(err)
	}
	var out, progress bytes.Buffer
	if err := closeAndRefresh(ctx, db, path, &out, &progress); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(progress.String()), "\n")
	if len(lines) < 3 || lines[0] != "refreshing the serving tables of 37 reports" {
		t.Fatalf("progress:\n%s\nwant a first line naming the 37 reports, then the tables", progress.String())
	}
	if !strings.HasPrefix(lines[1], "refresh  1/") || !strings.Contains(lines[1], "report_metrics") {
		t.Errorf("first table line %q, want step 1, report_metrics", lines[1])
	}
	if f := strings.Fields(lines[len(lines)-1]); len(f) < 3 || f[2] != "swap" {
		t.Errorf("last line %q, want the swap", lines[len(lines)-1])
	} else if done, total, _ := strings.Cut(f[1], "/"); done != total || total != strconv.Itoa(len(lines)-1) {
		t.Errorf("last line %q after %d table lines: want the last step of as many", lines[len(lines)-1], len(lines)-1)
	}
	if strings.Contains(out.String(), "refresh  1/") || !strings.Contains(out.String(), "serving tables refreshed in") {
		t.Errorf("stdout:\n%s\nwant the summary line and no progress", out.String())
	}
}
