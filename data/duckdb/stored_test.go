package duckdb

import (
	"context"
	"path/filepath"
	"testing"

	"nianbao/data"
)

// TestStoredSet: the set of stored documents is read from the database at the first batch
// saved, and kept up to date by every batch, so that documents it does not hold are saved
// without looking them up, and documents stored before, in this process or another, are
// still replaced.
func TestStoredSet(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "stored.duckdb")
	item := func(sha, version string) data.Item {
		return data.Item{Source: sampleSource(sha), Reports: []data.Report{sampleReport("r"+sha, version)}, Extractor: version}
	}
	db, err := Open(ctx, Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SaveBatch(ctx, []data.Item{item("a", "v1"), item("b", "v1")}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	if db, err = Open(ctx, Config{Path: path}); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.stored.isBuilt() || !db.stored.mayHold([]string{"zz"}) {
		t.Fatal("a database just opened: its set is built, or says a document is not stored")
	}
	if err := db.SaveBatch(ctx, []data.Item{item("c", "v1")}); err != nil {
		t.Fatal(err)
	}
	w, err := db.NewWriter(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(ctx, []data.Item{item("d", "v1")}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		shas []string
		want bool
	}{
		{"stored before the process", []string{"a"}, true},
		{"saved by SaveBatch", []string{"c"}, true},
		{"written by a Writer", []string{"zz", "d"}, true},
		{"never stored", []string{"zz", "e"}, false},
	}
	for _, tc := range tests {
		if got := db.stored.mayHold(tc.shas); got != tc.want {
			t.Errorf("%s: mayHold(%v) = %v, want %v", tc.name, tc.shas, got, tc.want)
		}
	}

	// Each stored document saved again is replaced, by either path.
	if err := db.SaveBatch(ctx, []data.Item{item("a", "v2"), item("e", "v2")}); err != nil {
		t.Fatal(err)
	}
	if w, err = db.NewWriter(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(ctx, []data.Item{item("c", "v2")}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(ctx, []data.Item{item("b", "v2"), item("d", "v2")}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	for table, want := range map[string]int64{"documents": 5, "reports": 5, "fact_codes": 45} {
		if n := count(t, db, "SELECT count(*) FROM "+table); n != want {
			t.Errorf("%s: %d rows, want %d", table, n, want)
		}
	}
	if n := count(t, db, `SELECT count(*) FROM documents WHERE extractor_version = 'v2'`); n != 5 {
		t.Errorf("documents of v2: %d, want 5", n)
	}
}
