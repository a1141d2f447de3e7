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
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/html"

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
	// DBPath is the database file to create; it must not exist when the ingest phase is
	// run (a fresh ingest is measured). Without it, the other phases use the database
	// there, as a previous run with Keep left it.
	DBPath string
	// Phases to run, in their fixed order (PhaseTokenizer, …); empty means all. At 10⁶
	// reports a whole run takes hours on 2 cores, so a run may be split: ingest now, the
	// API on the same database later.
	Phases []string
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
	// BulkGC is ingest.Config.BulkGC for the ingest and re-extract phases, as the ingest
	// command sets it.
	BulkGC bool
}

// The phases, in the order they run.
const (
	PhaseRead      = "read"      // every file read once: the disk's bound, and a warm page cache after
	PhaseTokenizer = "tokenizer" // the bare HTML tokenizer over the corpus: the bound
	PhaseExtract   = "extract"   // read + convert + extract, no database
	PhaseStore     = "store"     // the extracted items written to a scratch database, only the writes timed
	PhaseIngest    = "ingest"    // into a fresh database
	PhaseRefresh   = "refresh"   // the serving tables rebuilt from what ingest stored
	PhaseSkip      = "skip"      // re-ingest of unchanged files
	PhaseReextract = "reextract" // every document re-extracted, its rows replaced
	PhaseAPI       = "api"       // every endpoint and page (Config.API)
	PhaseScore     = "score"     // accuracy against the corpus labels
)

// AllPhases lists the phases in order.
func AllPhases() []string {
	return []string{PhaseRead, PhaseTokenizer, PhaseExtract, PhaseStore, PhaseIngest, PhaseRefresh, PhaseSkip, PhaseReextract, PhaseAPI, PhaseScore}
}

// APIBench measures request latencies against a database: the hook for the dashboard's
// endpoints and pages (p50/p95/p99 of each).
type APIBench func(ctx context.Context, dbPath string) ([]Latency, error)

// Latency is one endpoint's measured percentiles.
type Latency struct {
	Endpoint      string
	N             int // requests measured (fewer than asked when the endpoint's time budget ran out)
	URLs          int // distinct URLs the measured requests asked (0: not counted, as for the load)
	P50, P95, P99 time.Duration
	// CPU is the process's CPU time per request measured (server and client, DuckDB's
	// threads included; 0: not measured, as for the load). Requests go one at a time, so
	// it is what each costs the cores: 2 cores serve at most 2s/CPU requests a second
	// of an endpoint that no cache answers.
	CPU    time.Duration
	Errors int
}

// Phase is one timed pass over the corpus.
type Phase struct {
	Name    string
	Files   int
	Bytes   int64
	Elapsed time.Duration
	// CPU is the user and system time of the whole process (DuckDB's threads with the
	// Go code's) during the phase. A phase is slow because each file costs much (CPU per
	// file) or because the cores wait (CPU over Elapsed); the wall time alone does not
	// say which.
	CPU     time.Duration
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

// CPUPerFile is the CPU time per file, in microseconds.
func (p Phase) CPUPerFile() float64 {
	if p.Files == 0 {
		return 0
	}
	return float64(p.CPU.Microseconds()) / float64(p.Files)
}

// Cores is the CPU time over the wall time: how many cores the phase kept busy.
func (p Phase) Cores() float64 {
	if p.Elapsed <= 0 {
		return 0
	}
	return p.CPU.Seconds() / p.Elapsed.Seconds()
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
	want := map[string]bool{}
	for _, p := range cfg.Phases {
		if !slices.Contains(AllPhases(), p) {
			return nil, fmt.Errorf("bench: no phase %q (phases: %s)", p, strings.Join(AllPhases(), ", "))
		}
		want[p] = true
	}
	if len(want) == 0 {
		for _, p := range AllPhases() {
			want[p] = true
		}
	}
	if _, err := os.Stat(cfg.DBPath); want[PhaseIngest] && err == nil {
		return nil, fmt.Errorf("bench: %s exists; the benchmark measures a fresh database", cfg.DBPath)
	}
	var files []string
	if want[PhaseTokenizer] || want[PhaseExtract] || want[PhaseStore] || want[PhaseIngest] || want[PhaseSkip] || want[PhaseReextract] || want[PhaseScore] {
		var err error
		if files, err = listFiles(cfg.Dirs); err != nil {
			return nil, err
		}
	}
	res := &Result{Files: len(files)}
	conv := convert.New(convert.Config{})
	progress := func(p Phase) {
		res.Phases = append(res.Phases, p)
		if cfg.Progress != nil {
			fmt.Fprintf(cfg.Progress, "bench: %-40s %9d files %8.2f s %8.0f files/s %6.0f CPU µs/file %5.2f cores\n",
				p.Name, p.Files, p.Elapsed.Seconds(), p.Rate(), p.CPUPerFile(), p.Cores())
		}
	}

	if want[PhaseRead] {
		// The files read and nothing done with them, by as many readers as ingest has.
		// Without it the tokenizer paid for the first read of the corpus: at 10⁶ reports,
		// most of them not in the page cache, it ran at 7,062 files/s, where after this
		// phase it tokenized 19,043-20,852 a second, and its ratio to ingest, which found
		// the files cached, looked like 3.3× instead of 9×. When the corpus fits in
		// memory, every phase after this one reads it from the page cache.
		ph, err := timed(ctx, "read files (first read)", func() (int, int64, error) {
			return parallelFiles(ctx, files, max(cfg.Workers, ingest.DefaultReaders), func(string, []byte) {})
		})
		if err != nil {
			return nil, err
		}
		res.Bytes = ph.Bytes
		progress(ph)
	}

	if want[PhaseTokenizer] {
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
		progress(ph)
	}

	if want[PhaseExtract] {
		ph, err := timed(ctx, "extract only (read+convert+extract)", func() (int, int64, error) {
			return parallelFiles(ctx, files, cfg.Workers, func(path string, b []byte) {
				if doc, err := conv.Convert(ctx, path, "", b); err == nil {
					extract.Extract(doc)
				}
			})
		})
		if err != nil {
			return nil, err
		}
		res.Bytes = ph.Bytes
		progress(ph)
	}

	if want[PhaseStore] {
		ph, err := storeOnly(ctx, cfg, files, conv)
		if err != nil {
			return nil, err
		}
		progress(ph)
	}

	if want[PhaseIngest] || want[PhaseRefresh] || want[PhaseSkip] || want[PhaseReextract] {
		if err := runStore(ctx, cfg, want, files, conv, res, progress); err != nil {
			return nil, err
		}
	}
	res.DBBytes = fileSize(cfg.DBPath) + fileSize(cfg.DBPath+".wal")

	switch {
	case !want[PhaseAPI]:
		res.APINote = "API/page latency: not measured (phase api not run)"
	case cfg.API == nil:
		res.APINote = "API/page latency: not measured (bench.Config.API not set)"
	default:
		var err error
		if res.API, err = cfg.API(ctx, cfg.DBPath); err != nil {
			return nil, fmt.Errorf("bench: api: %w", err)
		}
	}
	if want[PhaseScore] && cfg.Score {
		sc, err := scoreCorpus(ctx, cfg, conv)
		if err != nil {
			return nil, err
		}
		res.Score = sc
	}
	res.PeakRSS = runPeak(res.Phases, peakRSS())
	return res, nil
}

// runPeak is the run's peak resident set: each phase resets the kernel's high-water mark
// (resetPeakRSS), so what it reads at the end covers only the phases since the last
// reset, and the phases before hold their own peaks.
func runPeak(phases []Phase, sinceReset int64) int64 {
	peak := sinceReset
	for _, p := range phases {
		peak = max(peak, p.PeakRSS)
	}
	return peak
}

// runStore runs the phases that write the database, which stays open across them.
func runStore(ctx context.Context, cfg Config, want map[string]bool, files []string, conv *convert.Converter, res *Result, progress func(Phase)) error {
	db, err := duckdb.Open(ctx, duckdb.Config{Path: cfg.DBPath})
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	runIngest := func(name string, store ingest.Store) error {
		var sum ingest.Summary
		ph, err := timed(ctx, name, func() (int, int64, error) {
			ing := ingest.New(ingest.Config{Workers: cfg.Workers, BulkGC: cfg.BulkGC}, conv, store)
			var err error
			sum, err = ing.Run(ctx, cfg.Dirs)
			return sum.Files, sum.Bytes, err
		})
		if err != nil {
			return err
		}
		ph.Note = fmt.Sprintf("new %d, unchanged %d, failed %d, facts %d", sum.New, sum.Unchanged, sum.Failed(), sum.Facts)
		if res.Bytes == 0 {
			res.Bytes = sum.Bytes
		}
		progress(ph)
		return nil
	}
	// As nianbao ingest does, the refresh runs in the database closed and opened again
	// (duckdb.RefreshFile), and the phase counts the close's checkpoint.
	runRefresh := func(name string) error {
		var st duckdb.RefreshStats
		ph, err := timed(ctx, name, func() (int, int64, error) {
			err := db.Close()
			db = nil
			if err == nil {
				st, err = duckdb.RefreshFile(ctx, duckdb.Config{Path: cfg.DBPath})
			}
			if err == nil {
				db, err = duckdb.Open(ctx, duckdb.Config{Path: cfg.DBPath})
			}
			return len(files), 0, err
		})
		if err != nil {
			return err
		}
		var steps []string
		for _, s := range st.Steps {
			steps = append(steps, fmt.Sprintf("%s %.1fs", s.Table, s.Elapsed.Seconds()))
		}
		ph.Note = strings.Join(steps, ", ")
		progress(ph)
		return nil
	}
	err = func() error {
		if want[PhaseIngest] {
			if err := runIngest("ingest (parse+extract+DuckDB)", db); err != nil {
				return err
			}
		}
		if want[PhaseRefresh] {
			// nianbao ingest ends with this; it is its own row so that both are seen.
			if err := runRefresh("refresh serving tables"); err != nil {
				return err
			}
		}
		if want[PhaseSkip] {
			if err := runIngest("re-ingest, unchanged (skip path)", db); err != nil {
				return err
			}
		}
		if want[PhaseReextract] {
			// ingest has no force flag: a store that claims to hold nothing takes the path
			// a new extractor version takes, every document re-extracted and its rows
			// replaced. The serving tables stay valid: the same documents give the same rows.
			if err := runIngest("re-extract all (forced, rows replaced)", forceStore{db}); err != nil {
				return err
			}
			// The rows moved, and the serving tables still point at the old ones: their
			// queries then take the slow way round (a report page at 10⁶ went from under
			// 50 to 177 ms at p95). nianbao ingest refreshes at its end; so does this,
			// before the API is measured.
			if want[PhaseAPI] && cfg.API != nil {
				if err := runRefresh("refresh after re-extract"); err != nil {
					return err
				}
			}
		}
		return nil
	}()
	// The close is the final checkpoint: its time belongs to the last phase, and is shown.
	start := time.Now()
	if db == nil { // a refresh failed to reopen it
		return err
	}
	if cerr := db.Close(); cerr != nil && err == nil {
		err = fmt.Errorf("bench: close: %w", cerr)
	}
	if n := len(res.Phases); n > 0 {
		res.Phases[n-1].Note += fmt.Sprintf("; close %.1fs", time.Since(start).Seconds())
	}
	return err
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
	start, cpu := time.Now(), cpuTime()
	n, b, err := f()
	ph := Phase{Name: name, Files: n, Bytes: b, Elapsed: time.Since(start), CPU: cpuTime() - cpu, PeakRSS: peakRSS()}
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
				b, err := ingest.ReadFile(p)
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
