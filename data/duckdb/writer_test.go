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
		{"default", nil, "244.1 MiB", "732.4 MiB"},
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

// TestWriterTextIndex: Refresh builds the index of report_texts by doc_seq and a bulk
// Writer drops it before it appends (appending to an indexed table cost a quarter of
// ingest's throughput); SaveBatch, for a few documents, keeps it up to date instead, so
// that a text saved that way is found through it.
func TestWriterTextIndex(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, Config{Path: filepath.Join(t.TempDir(), "w.duckdb")})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	indexed := func() bool {
		t.Helper()
		return count(t, db, "SELECT count(*) FROM duckdb_indexes() WHERE index_name = 'report_texts_doc_seq'") == 1
	}
	item := func(sha, text string) []data.Item {
		return []data.Item{{Source: sampleSource(sha), Reports: []data.Report{sampleReport("r-"+sha, "v1")}, Text: text}}
	}
	if indexed() {
		t.Fatal("a new database has the index")
	}
	if err := db.SaveBatch(ctx, item("aaaa", "第一份")); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if !indexed() {
		t.Fatal("no index after Refresh")
	}
	if _, err := db.Refresh(ctx); err != nil || !indexed() {
		t.Fatalf("a second Refresh: %v, index %v", err, indexed())
	}
	if err := db.SaveBatch(ctx, item("bbbb", "第二份")); err != nil {
		t.Fatal(err)
	}
	text, ok, err := db.ReportText(ctx, "r-bbbb", "bbbb", int64(2))
	if err != nil || !ok || text != "第二份" || !indexed() {
		t.Errorf("saved with the index: %q %v %v, index %v", text, ok, err, indexed())
	}
	w, err := db.NewWriter(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if indexed() {
		t.Error("the index outlived NewWriter")
	}
	if _, err := w.Write(ctx, item("cccc", "第三份")); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	text, ok, err = db.ReportText(ctx, "r-cccc", "cccc", int64(3))
	if err != nil || !ok || text != "第三份" {
		t.Errorf("written without the index: %q %v %v", text, ok, err)
	}
	if _, err := db.Refresh(ctx); err != nil || !indexed() {
		t.Fatalf("Refresh after the Writer: %v, index %v", err, indexed())
	}
}

// TestWriterLimitGrows: a Writer's memory_limit is 256MB up to 10⁶ documents, the
// largest database measured, and grows by 128 bytes a document past that.
func TestWriterLimitGrows(t *testing.T) {
	tests := []struct {
		name string
		n    int64
		want int64 // MB
	}{
		{"empty", 0, 256},
		{"10⁵", 100_000, 256},
		{"10⁶", 1_000_000, 256},
		{"where it starts to grow", 1_250_000, 288},
		{"2·10⁶", 2_000_000, 384},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := writerLimit(tc.n); got != tc.want {
				t.Errorf("writerLimit(%d) = %dMB, want %dMB", tc.n, got, tc.want)
			}
		})
	}
}

// TestWriterLimitRaisedOnCommit: a Writer that commits sets the limit its database has
// grown to when that is more than the one set (here the set one is made smaller).
func TestWriterLimitRaisedOnCommit(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, Config{Path: filepath.Join(t.TempDir(), "w.duckdb")})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	w, err := db.NewWriter(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort() //nolint:errcheck // closed below
	w.max = 1
	db.writers.mu.Lock()
	db.writers.mb = 100
	db.writers.mu.Unlock()
	if _, err := db.sql.ExecContext(ctx, "SET GLOBAL memory_limit = '100MB'"); err != nil {
		t.Fatal(err)
	}
	it := data.Item{Source: sampleSource("aaaa"), Reports: []data.Report{sampleReport("r1", "v1")}, Text: "t"}
	committed, err := w.Write(ctx, []data.Item{it})
	if err != nil || !committed {
		t.Fatalf("write: committed %v, %v", committed, err)
	}
	var v string
	if err := db.sql.QueryRowContext(ctx, "SELECT current_setting('memory_limit')").Scan(&v); err != nil {
		t.Fatal(err)
	}
	if v != "244.1 MiB" {
		t.Errorf("after a commit: %s, want 244.1 MiB (256MB)", v)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}
