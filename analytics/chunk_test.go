package analytics_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"nianbao/analytics"
	"nianbao/data/duckdb"
)

// TestChunkedViews reads every view of the bundled reports whole, chunk by chunk with
// chunks of a few rows, and in one query: both must give the same rows in the same
// order, also once a block of facts is deleted (the rowid gap a re-extraction leaves,
// wider than a chunk, so some chunks are empty).
func TestChunkedViews(t *testing.T) {
	_, db := sampleDB(t)
	ctx := context.Background()
	a, err := analytics.New(db)
	if err != nil {
		t.Fatal(err)
	}
	const factChunk, rowChunk = 37, 3
	analytics.SetChunks(a, factChunk, rowChunk)
	cases := []struct {
		name string
		v    analytics.View
		p    analytics.Params
		min  int // rows the case must have, so that it spans chunks
	}{
		{"facts", analytics.ViewFacts, analytics.Params{}, 20 * factChunk},
		{"facts by key", analytics.ViewFacts, analytics.Params{Key: "requests_new"}, 2 * rowChunk},
		{"facts by year", analytics.ViewFacts, analytics.Params{Year: 2021}, 5 * factChunk},
		{"facts by region", analytics.ViewFacts, analytics.Params{Region: "350000"}, 5 * factChunk},
		{"facts by year and key", analytics.ViewFacts, analytics.Params{Year: 2021, Key: "requests_new"}, 1},
		{"reports", analytics.ViewReports, analytics.Params{}, 10 * rowChunk},
		{"reports by year", analytics.ViewReports, analytics.Params{Year: 2021}, 1},
		{"indicators", analytics.ViewIndicators, analytics.Params{}, 10 * rowChunk},
		{"growth", analytics.ViewGrowth, analytics.Params{}, 10 * rowChunk},
		{"growth of a metric", analytics.ViewGrowth, analytics.Params{Metric: "requests_new"}, 2 * rowChunk},
		{"coverage", analytics.ViewCoverage, analytics.Params{}, 10 * rowChunk},
		{"quality", analytics.ViewQuality, analytics.Params{}, rowChunk + 1},
		{"rankings", analytics.ViewRankings, analytics.Params{}, 1},
	}
	check := func(t *testing.T, v analytics.View, p analytics.Params, min int) {
		whole, err := analytics.OpenWhole(ctx, a, v, p)
		if err != nil {
			t.Fatal(err)
		}
		want := canonical(t, whole)
		whole.Close()
		c, err := a.Open(ctx, v, p)
		if err != nil {
			t.Fatal(err)
		}
		got := canonical(t, c)
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
		if len(want)-1 < min {
			t.Fatalf("%d rows, want at least %d to span chunks", len(want)-1, min)
		}
		if len(got) != len(want) {
			t.Fatalf("chunked: %d rows, one query: %d", len(got)-1, len(want)-1)
		}
		for i := range want {
			if !slices.Equal(got[i], want[i]) {
				t.Fatalf("row %d (of %d): chunked\n%q\none query\n%q", i, len(want)-1, got[i], want[i])
			}
		}
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { check(t, tc.v, tc.p, tc.min) })
	}
	// a gap of 5 chunks, starting inside one
	exec(t, db, "DELETE FROM fact_codes WHERE rowid >= 50 AND rowid < 50 + 5 * 37")
	refresh(t, db)
	for _, tc := range cases[:4] {
		t.Run(tc.name+" after a gap", func(t *testing.T) { check(t, tc.v, tc.p, 1) })
	}
}

// TestChunkedEmpty reads a database without reports whole: no rows, but the columns.
func TestChunkedEmpty(t *testing.T) {
	db, err := duckdb.Open(context.Background(), duckdb.Config{Path: filepath.Join(t.TempDir(), "empty.duckdb")})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	refresh(t, db)
	a, err := analytics.New(db)
	if err != nil {
		t.Fatal(err)
	}
	analytics.SetChunks(a, 37, 3)
	for _, v := range []analytics.View{analytics.ViewFacts, analytics.ViewReports} {
		c, err := a.Open(context.Background(), v, analytics.Params{})
		if err != nil {
			t.Fatal(err)
		}
		recs := canonical(t, c)
		c.Close()
		var names []string
		for _, col := range analytics.Columns(v) {
			names = append(names, col.Name)
		}
		if len(recs) != 1 || !slices.Equal(recs[0], names) {
			t.Errorf("%s: %q, want the header alone", v, recs)
		}
	}
}

// TestChunkedCancel: a whole view read in chunks stops at the next chunk once its
// context is cancelled, and says why, rather than ending as if the view were complete.
func TestChunkedCancel(t *testing.T) {
	_, db := sampleDB(t)
	a, err := analytics.New(db)
	if err != nil {
		t.Fatal(err)
	}
	analytics.SetChunks(a, 37, 3)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c, err := a.Open(ctx, analytics.ViewFacts, analytics.Params{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	n := 0
	for c.Next() {
		if n++; n == 10 {
			cancel()
		}
	}
	if err := c.Err(); !errors.Is(err, context.Canceled) {
		t.Errorf("Err() = %v after %d rows, want context.Canceled", err, n)
	}
	if n > 37 {
		t.Errorf("%d rows read after the cancel, want at most the chunk's 37", n)
	}
}
