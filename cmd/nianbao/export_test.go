package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"path/filepath"
	"slices"
	"testing"
)

// TestExportFilters exports the facts of the bundled reports with each equality filter
// the API takes: every row has the value asked for, and there are fewer rows than in the
// whole view. An unknown level is a usage error.
func TestExportFilters(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "e.duckdb")
	if err := runIngest(ctx, []string{"--db", path, "../../data/sample"}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	read := func(t *testing.T, args ...string) (cols []string, rows [][]string) {
		t.Helper()
		var out bytes.Buffer
		args = append([]string{"--db", path, "--what", "facts", "--format", "csv"}, args...)
		if err := runExport(ctx, args, &out, io.Discard); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&out).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return recs[0], recs[1:]
	}
	header, all := read(t)
	// The first fact stored depends on which worker finished first, and some reports
	// name no organ: an empty --organ would filter nothing.
	organ := ""
	for _, r := range all {
		if organ = r[slices.Index(header, "organ")]; organ != "" {
			break
		}
	}
	tests := []struct{ flag, column, value string }{
		{"--key", "key", "requests_new"},
		{"--level", "level", "county"},
		{"--organ", "organ", organ},
		{"--report-id", "report_id", all[0][0]},
	}
	for _, tc := range tests {
		t.Run(tc.flag, func(t *testing.T) {
			cols, rows := read(t, tc.flag, tc.value)
			i := slices.Index(cols, tc.column)
			if len(rows) == 0 || len(rows) >= len(all) {
				t.Fatalf("%d rows of %d", len(rows), len(all))
			}
			for _, r := range rows {
				if r[i] != tc.value {
					t.Fatalf("a row has %s %q, want %q", tc.column, r[i], tc.value)
				}
			}
		})
	}
	if err := runExport(ctx, []string{"--db", path, "--what", "facts", "--level", "village"}, io.Discard, io.Discard); !errors.Is(err, errUsage) {
		t.Errorf("--level village: %v, want a usage error", err)
	}
}
