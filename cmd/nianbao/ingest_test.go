package main

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"nianbao/data/duckdb"
)

// TestIngestRefreshes: ingest ends with the serving tables built from what it stored
// (closeAndRefresh), also when a second run finds nothing new.
func TestIngestRefreshes(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "i.duckdb")
	tests := []struct {
		name      string
		unchanged string // the summary's count of unchanged documents
	}{
		{"new database", "0"},
		{"again, nothing new", "36"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := runIngest(ctx, []string{"--db", path, "../../data/sample"}, &out, io.Discard); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out.String(), "serving tables refreshed in") {
				t.Errorf("no refresh in the output:\n%s", out.String())
			}
			if f := strings.Fields(lineOf(out.String(), "unchanged")); len(f) < 3 || f[2] != tc.unchanged {
				t.Errorf("summary line %q, want %s unchanged", lineOf(out.String(), "unchanged"), tc.unchanged)
			}
			db, err := duckdb.Open(ctx, duckdb.Config{Path: path})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			st, err := db.Serving(ctx)
			if err != nil || !st.Fresh() || st.ReportsNow != 36 {
				t.Errorf("serving state %+v, %v; want fresh over the 36 bundled reports", st, err)
			}
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
