package duckdb

import (
	"context"
	"path/filepath"
	"testing"

	"nianbao/data"
)

// TestWriter: a Writer's long transactions store what SaveBatch stores, commit when
// enough fact rows are pending (and say so), replace a document written earlier in the
// same transaction or before it, and lose only the uncommitted part on Abort.
func TestWriter(t *testing.T) {
	ctx := context.Background()
	item := func(sha, version string) data.Item {
		return data.Item{Source: sampleSource(sha), Reports: []data.Report{sampleReport("r"+sha, version)}, Text: "text " + sha}
	}
	facts := int64(len(sampleReport("x", "v").Metrics))
	tests := []struct {
		name    string
		max     int           // commit threshold in fact rows
		writes  [][]data.Item // one Write each
		commits []bool        // what each Write says
		abort   bool
		want    map[string]string // document → extractor version stored
	}{
		{
			name:    "three writes, one transaction",
			max:     1000,
			writes:  [][]data.Item{{item("a", "v1")}, {item("b", "v1"), item("c", "v1")}, {item("d", "v1")}},
			commits: []bool{false, false, false},
			want:    map[string]string{"a": "v1", "b": "v1", "c": "v1", "d": "v1"},
		},
		{
			name:    "commits as rows pile up",
			max:     int(2 * facts),
			writes:  [][]data.Item{{item("a", "v1")}, {item("b", "v1")}, {item("c", "v1")}},
			commits: []bool{false, true, false},
			want:    map[string]string{"a": "v1", "b": "v1", "c": "v1"},
		},
		{
			name:    "a document rewritten in the same transaction",
			max:     1000,
			writes:  [][]data.Item{{item("a", "v1"), item("b", "v1")}, {item("a", "v2")}},
			commits: []bool{false, false},
			want:    map[string]string{"a": "v2", "b": "v1"},
		},
		{
			name:    "abort keeps the committed part only",
			max:     int(2 * facts),
			writes:  [][]data.Item{{item("a", "v1"), item("b", "v1")}, {item("c", "v1")}},
			commits: []bool{true, false},
			abort:   true,
			want:    map[string]string{"a": "v1", "b": "v1"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := openTest(t)
			// Stored before the writer: "a" is replaced if written again, "z" stays.
			if err := db.SaveBatch(ctx, []data.Item{item("a", "v0"), item("z", "v0")}); err != nil {
				t.Fatal(err)
			}
			w, err := db.NewWriter(ctx)
			if err != nil {
				t.Fatal(err)
			}
			w.max = tc.max
			for i, items := range tc.writes {
				committed, err := w.Write(ctx, items)
				if err != nil {
					t.Fatal(err)
				}
				if committed != tc.commits[i] {
					t.Errorf("write %d: committed %v, want %v", i, committed, tc.commits[i])
				}
			}
			if tc.abort {
				err = w.Abort()
			} else {
				err = w.Close()
			}
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]string{"a": "v0", "z": "v0"}
			for sha, v := range tc.want {
				want[sha] = v
			}
			for sha, v := range want {
				if n := count(t, db, `SELECT count(*) FROM reports WHERE document_sha256 = ? AND extractor_version = ?`, sha, v); n != 1 {
					t.Errorf("document %s: %d reports of %s, want 1", sha, n, v)
				}
				if n := count(t, db, `SELECT count(*) FROM facts WHERE document_sha256 = ?`, sha); n != facts {
					t.Errorf("document %s: %d facts, want %d", sha, n, facts)
				}
				if n := count(t, db, `SELECT count(*) FROM report_texts WHERE document_sha256 = ?`, sha); n != 1 {
					t.Errorf("document %s: %d texts, want 1", sha, n)
				}
			}
			if n := count(t, db, `SELECT count(*) FROM documents`); n != int64(len(want)) {
				t.Errorf("%d documents, want %d", n, len(want))
			}
			// Storage orders are given out once: every document's rows share its order.
			if n := count(t, db, `SELECT count(DISTINCT seq) FROM documents`); n != int64(len(want)) {
				t.Errorf("%d distinct storage orders for %d documents", n, len(want))
			}
			if n := count(t, db, `SELECT count(*) FROM facts f JOIN documents d ON d.sha256 = f.document_sha256 WHERE f.doc_seq <> d.seq`); n != 0 {
				t.Errorf("%d facts carry another order than their document's", n)
			}
		})
	}
}

// TestWriterMemoryLimit: an open Writer lowers the memory_limit, the last one to close
// restores it, and a limit the caller chose is left alone.
func TestWriterMemoryLimit(t *testing.T) {
	ctx := context.Background()
	limit := func(t *testing.T, db *DB) string {
		t.Helper()
		var v string
		if err := db.sql.QueryRowContext(ctx, "SELECT current_setting('memory_limit')").Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name     string
		settings map[string]string
		open     string // the limit while writers are open
		closed   string // before and after
	}{
		{"default", nil, "488.2 MiB", "732.4 MiB"},
		{"chosen by the caller", map[string]string{"memory_limit": "1GB"}, "953.6 MiB", "953.6 MiB"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db, err := Open(ctx, Config{Path: filepath.Join(t.TempDir(), "w.duckdb"), Settings: tc.settings})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if got := limit(t, db); got != tc.closed {
				t.Fatalf("before: %s, want %s", got, tc.closed)
			}
			w1, err := db.NewWriter(ctx)
			if err != nil {
				t.Fatal(err)
			}
			w2, err := db.NewWriter(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got := limit(t, db); got != tc.open {
				t.Errorf("two writers open: %s, want %s", got, tc.open)
			}
			if err := w1.Close(); err != nil {
				t.Fatal(err)
			}
			if got := limit(t, db); got != tc.open {
				t.Errorf("one writer open: %s, want %s", got, tc.open)
			}
			if err := w2.Abort(); err != nil {
				t.Fatal(err)
			}
			if got := limit(t, db); got != tc.closed {
				t.Errorf("after: %s, want %s", got, tc.closed)
			}
		})
	}
}
