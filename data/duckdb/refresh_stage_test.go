package duckdb

import (
	"context"
	"strings"
	"testing"
)

// TestRefreshFailsWhole: a refresh that fails after some of its tables were built and
// committed under their staged names leaves the serving tables it would have replaced as
// they were, and no staged table behind; the next refresh builds them.
func TestRefreshFailsWhole(t *testing.T) {
	ctx := context.Background()
	db := refreshedThenGrown(t)
	// serving_mentions reads key_area_mentions: the steps before it succeed, then it fails
	if _, err := db.sql.ExecContext(ctx, "ALTER TABLE key_area_mentions RENAME TO mentions_away"); err != nil {
		t.Fatal(err)
	}
	_, err := db.Refresh(ctx)
	if err == nil || !strings.Contains(err.Error(), "refresh_serving_mentions") {
		t.Fatalf("refresh without key_area_mentions: %v; want it to fail at serving_mentions", err)
	}
	checks := []countCheck{
		{"old reports still served", "SELECT count(*) FROM serving_reports", 8},
		{"old report_metrics still served", "SELECT count(*) FROM report_metrics", 8},
		{"one refresh recorded", "SELECT count(*) FROM serving_refresh", 1},
		{"staged tables left", "SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '%\\_next' ESCAPE '\\'", 0},
		{"staging schema left", "SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 'refresh_stage'", 0},
	}
	for _, c := range checks {
		if n := count(t, db, c.query); n != c.want {
			t.Errorf("after the failed refresh, %s: %d, want %d", c.what, n, c.want)
		}
	}
	if s, err := db.Serving(ctx); err != nil || s.Fresh() {
		t.Errorf("after the failed refresh: %+v, %v; want stale", s, err)
	}

	if _, err := db.sql.ExecContext(ctx, "ALTER TABLE mentions_away RENAME TO key_area_mentions"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, "SELECT count(*) FROM serving_reports"); n != 20 {
		t.Errorf("after the next refresh, %d reports served; want 20", n)
	}
	if s, err := db.Serving(ctx); err != nil || !s.Fresh() {
		t.Errorf("after the next refresh: %+v, %v; want fresh", s, err)
	}
}

// TestStagerRewrite: a refresh statement is rewritten to the staged names of the tables
// Refresh builds, and to nothing else.
func TestStagerRewrite(t *testing.T) {
	s := newStager()
	tests := []struct {
		name, in, want string
	}{
		{"a table built", "SELECT * FROM serving_growth g", "SELECT * FROM serving_growth_next g"},
		{"one name the start of another", "FROM serving_growth_cells, serving_coverage_trend",
			"FROM serving_growth_cells_next, serving_coverage_trend_next"},
		{"base tables kept", "FROM reports JOIN fact_codes USING (doc_seq)", "FROM reports JOIN fact_codes USING (doc_seq)"},
		{"string literal kept", "SELECT 'serving_annual' AS name, count(*) FROM serving_annual",
			"SELECT 'serving_annual' AS name, count(*) FROM serving_annual_next"},
		{"comment kept, apostrophe and all", "-- an organ's serving_annual row\nFROM serving_annual",
			"-- an organ's serving_annual row\nFROM serving_annual_next"},
		{"qualified name", "CREATE TABLE main.report_metrics AS", "CREATE TABLE main.report_metrics_next AS"},
		{"a step's name is no table", "-- refresh_serving_growth: …", "-- refresh_serving_growth: …"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := s.rewrite(tc.in); got != tc.want {
				t.Errorf("rewrite(%q) = %q; want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestRefreshSwapUnderReader: a reader whose transaction began before the swap goes on
// reading the tables it began with, while a new one reads the new tables.
func TestRefreshSwapUnderReader(t *testing.T) {
	ctx := context.Background()
	db := refreshedThenGrown(t)
	const q = "SELECT count(*) FROM serving_reports"
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback() //nolint:errcheck // read only
	var before, during int64
	if err := tx.QueryRowContext(ctx, q).Scan(&before); err != nil || before != 8 {
		t.Fatalf("reader before the refresh: %d reports, %v; want 8", before, err)
	}
	if _, err := db.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if err := tx.QueryRowContext(ctx, q).Scan(&during); err != nil || during != 8 {
		t.Errorf("reader begun before the swap: %d reports, %v; want the 8 it began with", during, err)
	}
	if n := count(t, db, q); n != 20 {
		t.Errorf("new reader: %d reports; want 20", n)
	}
}

// refreshedThenGrown returns a database refreshed with 8 reports that then stored 12 more
// (20 in all, as 10 documents of two reports; factItems rewrites the first 4).
func refreshedThenGrown(t *testing.T) *DB {
	t.Helper()
	ctx := context.Background()
	db := openTest(t)
	if err := db.SaveBatch(ctx, factItems(4, 9)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveBatch(ctx, factItems(10, 9)); err != nil {
		t.Fatal(err)
	}
	return db
}
