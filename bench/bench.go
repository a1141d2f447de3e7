// Package bench measures nianbao end to end on a corpus (usually synthetic, from package
// synth): extraction alone, ingest into DuckDB, the skip path of a re-run, a forced
// re-extraction of the whole archive, the bare HTML tokenizer on the same bytes as a
// lower bound, peak memory, database size and accuracy against the corpus labels.
package bench

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/html"

	"nianbao/data"
	"nianbao/data/duckdb"
	"nianbao/ingest"
	"nianbao/ingest/convert"
	"nianbao/ingest/extract"
)

// Config says what to measure.
type Config struct {
	// Dirs are the corpus directories (each with *.src and labels.jsonl), walked
	// recursively for *.src files.
	Dirs []string
	// DBPath is the database file to create; it must not exist (a fresh ingest is
	// measured).
	DBPath string
	// Workers for extraction and ingest; 0 means GOMAXPROCS.
	Workers int
	// Score scores the corpus against its labels (one more extraction pass).
	Score bool
	// Progress, when set, gets one line per phase as it ends: a run at 10⁶ reports takes
	// long enough that partial numbers matter.
	Progress io.Writer
	// API, when set, measures the server's endpoints on the database built (NewAPIBench);
	// nil leaves them out and the table says so.
	API APIBench
}

// APIBench measures request latencies against a database: the hook for the dashboard's
// endpoints and pages (p50/p95/p99 of each).
type APIBench func(ctx context.Context, dbPath string) ([]Latency, error)

// Latency is one endpoint's measured percentiles.
type Latency struct {
	Endpoint      string
	P50, P95, P99 time.Duration
	Errors        int
}

// Phase is one timed pass over the corpus.
type Phase struct {
	Name    string
	Files   int
	Bytes   int64
	Elapsed time.Duration
	PeakRSS int64 // bytes; peak resident set during the phase (whole process when the kernel cannot reset it)
	Note    string
}

// Rate is files per second.
func (p Phase) Rate() float64 {
	if p.Elapsed <= 0 {
		return 0
	}
	return float64(p.Files) / p.Elapsed.Seconds()
}

// Result is one benchmark run.
type Result struct {
	Files   int
	Bytes   int64
	Phases  []Phase
	DBBytes int64
	PeakRSS int64 // whole run
	Score   *Score
	API     []Latency
	APINote string
}

// Run measures the corpus in cfg.Dirs.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	if _, err := os.Stat(cfg.DBPath); err == nil {
		return nil, fmt.Errorf("bench: %s exists; the benchmark measures a fresh database", cfg.DBPath)
	}
	files, err := listFiles(cfg.Dirs)
	if err != nil {
		return nil, err
	}
	res := &Result{Files: len(files)}
	conv := convert.New(convert.Config{})
	progress := func(p Phase) {
		if cfg.Progress != nil {
			fmt.Fprintf(cfg.Progress, "bench: %-40s %9d files %8.2f s %8.0f files/s\n", p.Name, p.Files, p.Elapsed.Seconds(), p.Rate())
		}
	}

	// Bare tokenizer: the floor any HTML pipeline pays, on the same bytes.
	ph, err := timed(ctx, "html tokenizer (bound)", func() (int, int64, error) {
		return parallelFiles(ctx, files, cfg.Workers, func(_ string, b []byte) {
			z := html.NewTokenizer(bytes.NewReader(b))
			for z.Next() != html.ErrorToken {
			}
		})
	})
	if err != nil {
		return nil, err
	}
	res.Bytes = ph.Bytes
	res.Phases = append(res.Phases, ph)
	progress(ph)

	ph, err = timed(ctx, "extract only (read+convert+extract)", func() (int, int64, error) {
		return parallelFiles(ctx, files, cfg.Workers, func(path string, b []byte) {
			if doc, err := conv.Convert(ctx, path, "", b); err == nil {
				extract.Extract(doc)
			}
		})
	})
	if err != nil {
		return nil, err
	}
	res.Phases = append(res.Phases, ph)
	progress(ph)

	db, err := duckdb.Open(ctx, duckdb.Config{Path: cfg.DBPath})
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	closeDB := func() error {
		if db == nil {
			return nil
		}
		err := db.Close()
		db = nil
		return err
	}
	defer closeDB()
	runIngest := func(name string, store ingest.Store) error {
		var sum ingest.Summary
		var refreshed duckdb.RefreshStats
		ph, err := timed(ctx, name, func() (int, int64, error) {
			ing := ingest.New(ingest.Config{Workers: cfg.Workers}, conv, store)
			var err error
			sum, err = ing.Run(ctx, cfg.Dirs)
			if err != nil {
				return sum.Files, sum.Bytes, err
			}
			// as nianbao ingest does: the figures include rebuilding the serving tables
			refreshed, err = db.Refresh(ctx)
			return sum.Files, sum.Bytes, err
		})
		if err != nil {
			return err
		}
		ph.Note = fmt.Sprintf("new %d, unchanged %d, failed %d, facts %d, refresh %.1fs", sum.New, sum.Unchanged,
			sum.Failed(), sum.Facts, refreshed.Total.Seconds())
		res.Phases = append(res.Phases, ph)
		progress(ph)
		return nil
	}
	if err := runIngest("ingest (parse+extract+DuckDB)", db); err != nil {
		return nil, err
	}
	if err := runIngest("re-ingest, unchanged (skip path)", db); err != nil {
		return nil, err
	}
	// ingest has no force flag: a store that claims to hold nothing takes the path a new
	// extractor version takes, every document re-extracted and its rows replaced.
	if err := runIngest("re-extract all (forced, rows replaced)", forceStore{db}); err != nil {
		return nil, err
	}
	if err := closeDB(); err != nil {
		return nil, fmt.Errorf("bench: close: %w", err)
	}
	res.DBBytes = fileSize(cfg.DBPath) + fileSize(cfg.DBPath+".wal")

	if cfg.API != nil {
		if res.API, err = cfg.API(ctx, cfg.DBPath); err != nil {
			return nil, fmt.Errorf("bench: api: %w", err)
		}
	} else {
		res.APINote = "API/page latency: not measured (bench.Config.API not set)"
	}
	if cfg.Score {
		sc, err := scoreCorpus(ctx, cfg, conv)
		if err != nil {
			return nil, err
		}
		res.Score = sc
	}
	res.PeakRSS = peakRSS()
	return res, nil
}

// forceStore reports every document as not yet stored.
type forceStore struct{ *duckdb.DB }

func (forceStore) Has(context.Context, string, string) (bool, error) { return false, nil }

// StoredDocuments (ingest.StoredLister) says the same for the whole set.
func (forceStore) StoredDocuments(context.Context, string) (map[[sha256.Size]byte]struct{}, error) {
	return map[[sha256.Size]byte]struct{}{}, nil
}

// timed runs one phase with the peak-RSS counter reset before it.
func timed(ctx context.Context, name string, f func() (int, int64, error)) (Phase, error) {
	runtime.GC()
	reset := resetPeakRSS()
	start := time.Now()
	n, b, err := f()
	ph := Phase{Name: name, Files: n, Bytes: b, Elapsed: time.Since(start), PeakRSS: peakRSS()}
	if !reset {
		ph.Note = "peak RSS is the process's so far"
	}
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return ph, fmt.Errorf("bench: %s: %w", name, err)
	}
	return ph, nil
}

// parallelFiles reads files with n workers and calls f on each; documents are not kept.
func parallelFiles(ctx context.Context, files []string, n int, f func(path string, b []byte)) (int, int64, error) {
	jobs := make(chan string)
	var mu sync.Mutex
	var count int
	var total int64
	var firstErr error
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for p := range jobs {
				b, err := os.ReadFile(p)
				if err != nil {
					mu.Lock()
					firstErr = errors.Join(firstErr, err)
					mu.Unlock()
					continue
				}
				f(p, b)
				mu.Lock()
				count++
				total += int64(len(b))
				mu.Unlock()
			}
		})
	}
	for _, p := range files {
		if ctx.Err() != nil {
			break
		}
		jobs <- p
	}
	close(jobs)
	wg.Wait()
	return count, total, firstErr
}

// scoreCorpus extracts every document again and scores it against its directory's
// labels, one directory at a time.
func scoreCorpus(ctx context.Context, cfg Config, conv *convert.Converter) (*Score, error) {
	byDir := map[string][]string{}
	files, err := listFiles(cfg.Dirs)
	if err != nil {
		return nil, err
	}
	var dirs []string
	for _, f := range files {
		d := filepath.Dir(f)
		if byDir[d] == nil {
			dirs = append(dirs, d)
		}
		byDir[d] = append(byDir[d], f)
	}
	sc := newScorer()
	for _, d := range dirs {
		if err := sc.loadLabels(d); err != nil {
			return nil, err
		}
		_, _, err := parallelFiles(ctx, byDir[d], cfg.Workers, func(path string, b []byte) {
			rep := data.Report{}
			if doc, err := conv.Convert(ctx, path, "", b); err == nil {
				rep = extract.Extract(doc)
			}
			sc.add(path, &rep)
		})
		if err != nil {
			return nil, err
		}
	}
	s := sc.s
	return &s, nil
}

// listFiles returns the *.src files under dirs, sorted.
func listFiles(dirs []string) ([]string, error) {
	var files []string
	for _, d := range dirs {
		err := filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !e.IsDir() && strings.HasSuffix(p, ".src") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("bench: %w", err)
		}
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("bench: no *.src files in %s", strings.Join(dirs, ", "))
	}
	sort.Strings(files)
	return files, nil
}

func fileSize(p string) int64 {
	fi, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// WriteTable prints the result as one table.
func (r *Result) WriteTable(w io.Writer, title string) {
	fmt.Fprintf(w, "== %s: %d files, %.1f MB\n", title, r.Files, float64(r.Bytes)/1e6)
	fmt.Fprintf(w, "%-40s %9s %10s %10s %10s  %s\n", "phase", "files", "seconds", "files/s", "peak RSS", "note")
	var tok, ext, ing float64
	for _, p := range r.Phases {
		fmt.Fprintf(w, "%-40s %9d %10.2f %10.0f %8.0f MB  %s\n", p.Name, p.Files, p.Elapsed.Seconds(), p.Rate(), float64(p.PeakRSS)/(1<<20), p.Note)
		switch {
		case strings.HasPrefix(p.Name, "html tokenizer"):
			tok = p.Rate()
		case strings.HasPrefix(p.Name, "extract only"):
			ext = p.Rate()
		case strings.HasPrefix(p.Name, "ingest"):
			ing = p.Rate()
		}
	}
	if ext > 0 && ing > 0 {
		fmt.Fprintf(w, "ratio tokenizer/extract-only %.1fx, tokenizer/ingest %.1fx\n", tok/ext, tok/ing)
	}
	fmt.Fprintf(w, "database size %.1f MB; peak RSS of the run %.0f MB\n", float64(r.DBBytes)/1e6, float64(r.PeakRSS)/(1<<20))
	if r.APINote != "" {
		fmt.Fprintln(w, r.APINote)
	}
	for _, l := range r.API {
		fmt.Fprintf(w, "api %-40s p50 %v p95 %v p99 %v errors %d\n", l.Endpoint, l.P50, l.P95, l.P99, l.Errors)
	}
	if s := r.Score; s != nil {
		fmt.Fprintf(w, "score: recall=%.4f precision=%.4f labeled=%d correct=%d wrong=%d missing=%d spurious=%d (docs %d, report flag right %d, year right %d)\n",
			s.Overall.Recall(), s.Overall.Precision(), s.Overall.Labeled, s.Overall.Correct, s.Overall.Wrong,
			s.Overall.Missing, s.Overall.Spurious, s.Docs, s.FlagRight, s.YearRight)
	}
}
