package duckdb_test

import (
	"context"
	"path/filepath"
	"testing"

	"nianbao/data/duckdb"
	"nianbao/ingest"
	"nianbao/ingest/convert"
)

// TestRefreshMatchesPivot: on the bundled real reports, the materialised report_metrics
// holds exactly what the pivot of facts (002's view, now report_metrics_pivot) computes,
// pivoted here a report at a time, so that every report is its own chunk.
func TestRefreshMatchesPivot(t *testing.T) {
	ctx := context.Background()
	db, err := duckdb.Open(ctx, duckdb.Config{Path: filepath.Join(t.TempDir(), "s.duckdb"), RefreshChunk: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ing := ingest.New(ingest.Config{}, convert.New(convert.Config{}), db)
	if _, err := ing.Run(ctx, []string{"../sample"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		query string
		want  int64
	}{
		{"rows only in the table", "SELECT count(*) FROM (FROM report_metrics EXCEPT ALL FROM report_metrics_pivot)", 0},
		{"rows only in the pivot", "SELECT count(*) FROM (FROM report_metrics_pivot EXCEPT ALL FROM report_metrics)", 0},
		{"a row per report", "SELECT count(*) - (SELECT count(*) FROM reports) FROM report_metrics", 0},
		{"serving_reports a row per report", "SELECT count(*) - (SELECT count(*) FROM reports) FROM serving_reports", 0},
		{"annual reports stated", "SELECT (count(*) = 0)::INTEGER FROM serving_annual", 0},
		{"growth from facts at scope whole", "SELECT count(*) FROM serving_growth g WHERE value IS NOT NULL AND NOT EXISTS " +
			"(SELECT 1 FROM facts f WHERE f.key = g.metric AND f.scope = 'whole' AND f.value = g.value)", 0},
	}
	// analytics pages the unfiltered views as seq ranges and reads their totals from
	// serving_counts: seq must be exactly 1..n, and the counts the tables' own
	for _, table := range []string{"serving_reports", "serving_annual", "serving_growth", "serving_coverage"} {
		tests = append(tests, struct {
			name  string
			query string
			want  int64
		}{table + " seq is 1..n", "SELECT (count(DISTINCT seq) <> count(*) OR min(seq) <> 1 OR max(seq) <> count(*) " +
			"OR count(seq) <> count(*))::INTEGER FROM " + table, 0})
	}
	for _, table := range []string{"serving_reports", "serving_annual", "serving_growth", "serving_problems",
		"serving_mentions", "serving_coverage", "facts"} {
		tests = append(tests, struct {
			name  string
			query string
			want  int64
		}{table + " count stored", "SELECT (SELECT n FROM serving_counts WHERE name = '" + table + "') - " +
			"(SELECT count(*) FROM " + table + ")", 0})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := db.QueryContext(ctx, tc.query)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var got int64
			for rows.Next() {
				if err := rows.Scan(&got); err != nil {
					t.Fatal(err)
				}
			}
			if got != tc.want {
				t.Errorf("%s = %d, want %d", tc.query, got, tc.want)
			}
		})
	}
}
