package duckdb

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"nianbao/data"
)

// TestReplaceBySeq: replacing documents deletes exactly their rows, deleted within the
// range of their storage orders, also for documents stored before migration 007 (which
// migration 012 numbers), and leaves the other documents' rows alone.
func TestReplaceBySeq(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		legacy  []string // documents whose rows are made NULL-ordered, as before 007, then migrated
		replace []string
	}{
		{"one ordered document", nil, []string{"b"}},
		{"first and last of a range", nil, []string{"a", "e"}},
		{"a legacy document with an ordered one", []string{"c"}, []string{"c", "d"}},
		{"every document", nil, []string{"a", "b", "c", "d", "e"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "seq.duckdb")
			db, err := Open(ctx, Config{Path: path})
			if err != nil {
				t.Fatal(err)
			}
			defer func() { db.Close() }()
			all := []string{"a", "b", "c", "d", "e"}
			// Two batches, so the orders span more than one transaction.
			for _, batch := range [][]string{all[:2], all[2:]} {
				var items []data.Item
				for _, sha := range batch {
					items = append(items, data.Item{Source: sampleSource(sha), Reports: []data.Report{sampleReport("r"+sha, "v1")}})
				}
				if err := db.SaveBatch(ctx, items); err != nil {
					t.Fatal(err)
				}
			}
			if n := count(t, db, `SELECT count(DISTINCT seq) FROM documents WHERE seq BETWEEN 1 AND 5`); n != 5 {
				t.Fatalf("documents numbered 1–5: %d distinct, want 5", n)
			}
			if tc.legacy != nil {
				asBefore012(t, db, tc.legacy...)
				db.Close()
				if db, err = Open(ctx, Config{Path: path}); err != nil {
					t.Fatal(err)
				}
			}
			before := counts(t, db)
			var items []data.Item
			for _, sha := range tc.replace {
				items = append(items, data.Item{Source: sampleSource(sha), Reports: []data.Report{sampleReport("r"+sha, "v2")}})
			}
			if err := db.SaveBatch(ctx, items); err != nil {
				t.Fatal(err)
			}
			if after := counts(t, db); !equalCounts(before, after) {
				t.Errorf("row counts changed by a replacement: before %v, after %v", before, after)
			}
			for _, sha := range all {
				want := "v1"
				for _, r := range tc.replace {
					if r == sha {
						want = "v2"
					}
				}
				if n := count(t, db, `SELECT count(*) FROM reports WHERE document_sha256 = ? AND extractor_version = ?`, sha, want); n != 1 {
					t.Errorf("document %s: %d reports of %s, want 1", sha, n, want)
				}
				if n := count(t, db, `SELECT count(DISTINCT doc_seq) FROM facts WHERE document_sha256 = ?`, sha); n != 1 {
					t.Errorf("document %s: facts with %d storage orders, want 1", sha, n)
				}
			}
			if n := count(t, db, `SELECT count(*) FROM documents WHERE seq > 5`); n != int64(len(tc.replace)) {
				t.Errorf("replaced documents numbered after the first five: %d, want %d", n, len(tc.replace))
			}
		})
	}
}

func equalCounts(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestSettings: the defaults bound DuckDB's memory and checkpoints, and Config.Settings
// overrides them; a bad setting is an error that names it.
func TestSettings(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name     string
		settings map[string]string
		setting  string
		want     string
	}{
		{"default checkpoint threshold", nil, "checkpoint_threshold", "953.6 MiB"},
		{"default memory limit", nil, "memory_limit", "732.4 MiB"},
		{"override", map[string]string{"checkpoint_threshold": "16MB"}, "checkpoint_threshold", "15.2 MiB"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db, err := Open(ctx, Config{Path: filepath.Join(t.TempDir(), "s.duckdb"), Settings: tc.settings})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var got string
			if err := db.sql.QueryRowContext(ctx, "SELECT current_setting('"+tc.setting+"')").Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("%s = %q, want %q", tc.setting, got, tc.want)
			}
		})
	}
	t.Run("bad setting", func(t *testing.T) {
		_, err := Open(ctx, Config{Path: filepath.Join(t.TempDir(), "s.duckdb"), Settings: map[string]string{"memory_limit": "lots"}})
		if err == nil || !strings.Contains(err.Error(), "memory") {
			t.Errorf("Open with memory_limit=lots: %v, want an error naming it", err)
		}
	})
}

// TestRefreshRestoresMemoryLimit: Refresh runs within the limit the database was opened
// with (it once raised it to 8GB for its pivot), and puts insertion order back after.
func TestRefreshRestoresMemoryLimit(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	if err := db.SaveBatch(ctx, []data.Item{{Source: sampleSource("m"), Reports: []data.Report{sampleReport("rm", "v1")}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	var got string
	if err := db.sql.QueryRowContext(ctx, "SELECT current_setting('memory_limit')").Scan(&got); err != nil {
		t.Fatal(err)
	}
	if got != "732.4 MiB" {
		t.Errorf("memory_limit after Refresh = %q, want the default 732.4 MiB", got)
	}
	if err := db.sql.QueryRowContext(ctx, "SELECT current_setting('preserve_insertion_order')::VARCHAR").Scan(&got); err != nil {
		t.Fatal(err)
	}
	if got != "true" {
		t.Errorf("preserve_insertion_order after Refresh = %q, want true", got)
	}
}

// TestWritersAtOnce: two Writers open at once, their batches interleaved, give each
// document a storage order of its own, so that every fact finds its own report; a batch
// saved while both are open, and one after a rollback, too.
func TestWritersAtOnce(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	item := func(sha string) data.Item {
		return data.Item{Source: sampleSource(sha), Reports: []data.Report{sampleReport("r"+sha, "v1")}, Extractor: "v1"}
	}
	ws := newWriters(t, db, 3)
	w1, w2, w3 := ws[0], ws[1], ws[2]
	for _, step := range []struct {
		w   *Writer
		sha string
	}{{w1, "a"}, {w2, "b"}, {w3, "x"}, {w1, "c"}, {w2, "d"}} {
		if _, err := step.w.Write(ctx, []data.Item{item(step.sha)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.SaveBatch(ctx, []data.Item{item("e")}); err != nil {
		t.Fatal(err)
	}
	if err := w3.Abort(); err != nil {
		t.Fatal(err)
	}
	for _, w := range []*Writer{w2, w1} {
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.SaveBatch(ctx, []data.Item{item("f")}); err != nil {
		t.Fatal(err)
	}
	checkCounts(t, db, []countCheck{
		{"documents", `SELECT count(*) FROM documents`, 6},
		{"storage orders", `SELECT count(DISTINCT seq) FROM documents`, 6},
		{"facts in the view", `SELECT count(*) FROM facts`, 6 * 9},
		{"facts of another document's report", `SELECT count(*) FROM facts WHERE report_id <> 'r' || document_sha256`, 0},
		{"rows whose order is not their document's", `SELECT count(*) FROM (
			SELECT document_sha256, doc_seq FROM reports UNION ALL SELECT document_sha256, doc_seq FROM checks
			UNION ALL SELECT document_sha256, doc_seq FROM report_texts) x
			WHERE doc_seq IS DISTINCT FROM (SELECT seq FROM documents WHERE sha256 = x.document_sha256)`, 0},
	})
}
