package duckdb

import (
	"context"
	"database/sql"
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
	if st, err = db.Serving(ctx); err != nil || !st.Fresh() {
		t.Errorf("serving state after refresh = %+v, %v; want fresh", st, err)
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
