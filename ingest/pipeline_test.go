package ingest_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"golang.org/x/net/html"

	"nianbao/data/duckdb"
	"nianbao/ingest"
	"nianbao/ingest/convert"
	"nianbao/ingest/extract"
)

// The store the command wires in satisfies the pipeline's interface.
var _ ingest.Store = (*duckdb.DB)(nil)

const sample001 = "../data/sample/t2019/001.src"

// copies writes n documents into dir, each a copy of one of srcs (in turn) with a line
// appended that makes its bytes, and its text, unique.
func copies(tb testing.TB, dir string, srcs []string, n int) {
	tb.Helper()
	contents := make([][]byte, len(srcs))
	for i, s := range srcs {
		b, err := os.ReadFile(s)
		if err != nil {
			tb.Fatal(err)
		}
		contents[i] = b
	}
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("%03d", i/500)) // keep directories small
		if i%500 == 0 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				tb.Fatal(err)
			}
		}
		b := append(bytes.Clone(contents[i%len(contents)]), fmt.Sprintf("\n<p>副本 %d</p>\n", i)...)
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("%05d.src", i)), b, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

func openDB(tb testing.TB, path string) *duckdb.DB {
	tb.Helper()
	db, err := duckdb.Open(context.Background(), duckdb.Config{Path: path})
	if err != nil {
		tb.Fatal(err)
	}
	return db
}

func TestIngestIntoDuckDB(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	copies(t, dir, []string{sample001}, 300)
	db := openDB(t, filepath.Join(t.TempDir(), "i.duckdb"))
	defer db.Close()
	ing := ingest.New(ingest.Config{BatchSize: 64}, convert.New(convert.Config{}), db)

	tests := []struct {
		name      string
		new       int
		unchanged int
	}{
		{"first run stores every document", 300, 0},
		{"second run skips them all", 0, 300},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sum, err := ing.Run(ctx, []string{dir})
			if err != nil {
				t.Fatal(err)
			}
			if sum.New != tc.new || sum.Unchanged != tc.unchanged || sum.Files != 300 {
				t.Errorf("summary %+v, want new %d unchanged %d", sum, tc.new, tc.unchanged)
			}
			st, err := db.Stats(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if st.Documents != 300 || st.Reports != 300 {
				t.Errorf("stats %+v, want 300 documents and reports", st)
			}
		})
	}
}

// TestCrashSafety kills `nianbao ingest` with SIGKILL in the middle of a run, several
// times, then lets it finish, and checks the database against a clean run: every document
// exactly once, one report each, no duplicate facts, the same totals.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and ingests 2000 documents")
	}
	const n, batch = 2000, 100
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "nianbao")
	build := exec.Command("go", "build", "-o", bin, "nianbao/cmd/nianbao")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	corpus := filepath.Join(tmp, "corpus")
	srcs, err := filepath.Glob("../data/sample/t2019/*.src")
	if err != nil || len(srcs) == 0 {
		t.Fatalf("samples: %v %v", srcs, err)
	}
	copies(t, corpus, srcs, n)

	ingestCmd := func(db string) *exec.Cmd {
		return exec.Command(bin, "ingest", "--db", db, "--batch", fmt.Sprint(batch), corpus)
	}
	run := func(db string) time.Duration {
		start := time.Now()
		if out, err := ingestCmd(db).CombinedOutput(); err != nil {
			t.Fatalf("ingest: %v\n%s", err, out)
		}
		return time.Since(start)
	}

	cleanDB := filepath.Join(tmp, "clean.duckdb")
	cleanTime := run(cleanDB)
	t.Logf("clean run: %v", cleanTime)

	crashDB := filepath.Join(tmp, "crash.duckdb")
	midway := 0
	for i, frac := range []float64{0.2, 0.45, 0.7} {
		cmd := ingestCmd(crashDB)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(frac * float64(cleanTime)))
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Logf("kill %d: %v", i, err)
		}
		cmd.Wait() //nolint:errcheck // killed
		db := openDB(t, crashDB)
		st, err := db.Stats(context.Background())
		db.Close()
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("after kill %d at %.0f%% of a clean run: %d documents", i, frac*100, st.Documents)
		if st.Documents%batch != 0 && st.Documents != n {
			t.Errorf("after kill %d: %d documents, not a whole number of %d-document batches", i, st.Documents, batch)
		}
		if st.Documents > 0 && st.Documents < n {
			midway++
		}
	}
	if midway == 0 {
		t.Log("no kill landed in the middle of the run; the test proved less than it could")
	}
	run(crashDB)

	type totals struct {
		duckdb.Stats
		duckdb.Integrity
	}
	measure := func(path string) totals {
		db := openDB(t, path)
		defer db.Close()
		st, err := db.Stats(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		in, err := db.Integrity(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return totals{st, in}
	}
	clean, crashed := measure(cleanDB), measure(crashDB)
	if crashed != clean {
		t.Errorf("after crashes and a re-run:\n%+v\nclean run:\n%+v", crashed, clean)
	}
	if crashed.Integrity.Documents != n || crashed.DistinctDocuments != n {
		t.Errorf("documents %d (distinct %d), want %d", crashed.Integrity.Documents, crashed.DistinctDocuments, n)
	}
	if crashed.Integrity.Reports != n || crashed.MaxReportsPerDocument != 1 {
		t.Errorf("reports %d (max per document %d), want %d and 1", crashed.Integrity.Reports, crashed.MaxReportsPerDocument, n)
	}
	if crashed.DistinctFacts != crashed.Integrity.Facts || crashed.OrphanFacts != 0 || crashed.OrphanReports != 0 {
		t.Errorf("facts %d, distinct %d, orphan facts %d, orphan reports %d", crashed.Integrity.Facts,
			crashed.DistinctFacts, crashed.OrphanFacts, crashed.OrphanReports)
	}
	t.Logf("totals: %+v", crashed)
}

func BenchmarkExtractOnly(b *testing.B) {
	src, err := os.ReadFile(sample001)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	conv := convert.New(convert.Config{})
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		doc, err := conv.Convert(ctx, sample001, "", src)
		if err != nil {
			b.Fatal(err)
		}
		extract.Extract(doc)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}

// BenchmarkTokenizer is the floor BenchmarkExtractOnly is measured against: a bare pass of
// the HTML tokenizer over the same bytes.
func BenchmarkTokenizer(b *testing.B) {
	src, err := os.ReadFile(sample001)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		z := html.NewTokenizer(bytes.NewReader(src))
		for z.Next() != html.ErrorToken {
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// benchIngest runs the whole pipeline (walk, read, hash, Has, convert, extract, save) over
// b.N unique copies of srcs into a fresh DuckDB file.
func benchIngest(b *testing.B, srcs []string) {
	b.StopTimer()
	dir := b.TempDir()
	copies(b, dir, srcs, b.N)
	var size int64
	for _, s := range srcs {
		fi, err := os.Stat(s)
		if err != nil {
			b.Fatal(err)
		}
		size += fi.Size()
	}
	db := openDB(b, filepath.Join(b.TempDir(), "bench.duckdb"))
	defer db.Close()
	ing := ingest.New(ingest.Config{}, convert.New(convert.Config{}), db)
	b.SetBytes(size / int64(len(srcs)))
	b.StartTimer()
	sum, err := ing.Run(context.Background(), []string{dir})
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	if sum.New != b.N || sum.Reports != b.N {
		b.Fatalf("summary %+v, want %d new reports", sum, b.N)
	}
	b.ReportMetric(float64(b.N)/sum.Elapsed.Seconds(), "reports/s")
}

func BenchmarkIngest(b *testing.B) { benchIngest(b, []string{sample001}) }

func BenchmarkIngestMixed(b *testing.B) {
	srcs, err := filepath.Glob("../data/sample/*/*.src")
	if err != nil || len(srcs) == 0 {
		b.Fatalf("samples: %v %v", srcs, err)
	}
	benchIngest(b, srcs)
}
