package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"nianbao/bench"
	"nianbao/data/duckdb"
	"nianbao/synth"
)

// benchConfig is the bench command's flags.
type benchConfig struct {
	reports []int
	dir     string
	work    string
	keep    bool
	seed    uint64
	workers int
	score   bool
	api     bool
	load    float64
	noCache bool
	// apiRequests and apiSamples: bench.APIConfig's Requests and Samples
	apiRequests, apiSamples int
	// apiMemory: bench.APIConfig's MemoryLimit
	apiMemory string
	phases    []string
	db        string
	profile   string
	// progress gets a line per phase as it ends.
	progress io.Writer
}

func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("bench", "bench [--reports N[,N…]] [--dir DIR] [--work DIR] [--keep]\n\n"+
		"Generates a synthetic corpus of each size (or uses the corpus in --dir), then measures\n"+
		"the HTML tokenizer bound, extraction alone, ingest into a fresh DuckDB database, the\n"+
		"unchanged re-run and a forced re-extraction, with peak RSS, database size and the\n"+
		"score against the corpus labels. One table per run.", stderr)
	cfg := benchConfig{progress: stderr}
	reports := fs.String("reports", "10000", "corpus sizes, comma-separated")
	fs.StringVar(&cfg.dir, "dir", "", "measure this existing corpus instead of generating one")
	fs.StringVar(&cfg.work, "work", "", "directory for generated corpora and databases (default: a temporary one)")
	fs.BoolVar(&cfg.keep, "keep", false, "keep the generated corpora and databases")
	fs.Uint64Var(&cfg.seed, "seed", 1, "synthetic corpus seed")
	fs.IntVar(&cfg.workers, "workers", 0, "workers (default GOMAXPROCS)")
	fs.BoolVar(&cfg.score, "score", true, "score the corpus against its labels")
	fs.BoolVar(&cfg.api, "api", true, "measure every API endpoint and page on the database built")
	fs.IntVar(&cfg.apiRequests, "api-requests", 50, "with --api: requests per endpoint and page")
	fs.IntVar(&cfg.apiSamples, "api-samples", 8, "with --api: reports the filtered requests cycle through (as many as --api-requests: each is a first visit)")
	fs.StringVar(&cfg.apiMemory, "api-memory-limit", duckdb.ServingMemoryAuto, "with --api: the server's DuckDB memory for its reads, as serve --memory-limit")
	fs.Float64Var(&cfg.load, "load", 0, "with --api: also run an open-loop load of this many requests/s for 60s")
	fs.BoolVar(&cfg.noCache, "load-no-cache", false, "with --load: send the load to the server without the response cache serve has")
	phases := fs.String("phases", "", "comma-separated phases to run (default all): "+strings.Join(bench.AllPhases(), ","))
	fs.StringVar(&cfg.db, "db", "", "with --dir: the database to use (must not exist if the ingest phase runs; reused otherwise)")
	fs.StringVar(&cfg.profile, "cpuprofile", "", "write a CPU profile of the whole run (pprof format) to this file")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if cfg.profile != "" {
		f, err := os.Create(cfg.profile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("cpuprofile: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	if *phases != "" {
		for _, p := range strings.Split(*phases, ",") {
			cfg.phases = append(cfg.phases, strings.TrimSpace(p))
		}
	}
	for _, s := range strings.Split(*reports, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			fmt.Fprintf(stderr, "bench: bad --reports %q\n", s)
			return errUsage
		}
		cfg.reports = append(cfg.reports, n)
	}
	work := cfg.work
	if work == "" {
		var err error
		if work, err = os.MkdirTemp("", "nianbao-bench-"); err != nil {
			return err
		}
		if !cfg.keep {
			defer os.RemoveAll(work)
		}
	}
	if cfg.dir != "" {
		db := cfg.db
		if db == "" {
			db = filepath.Join(work, "bench.duckdb")
		}
		return benchOne(ctx, cfg, []string{cfg.dir}, db, cfg.dir, stdout)
	}
	for _, n := range cfg.reports {
		out := filepath.Join(work, fmt.Sprintf("synth-%d", n))
		if cfg.work != "" && countSrc(out) == n {
			// A kept corpus of a previous run (same --work): generating 10⁶ reports again
			// costs minutes and gives the same bytes for the same seed.
			fmt.Fprintf(stdout, "synth: using the corpus in %s\n", out)
		} else {
			start := time.Now()
			st, err := synth.Generate(ctx, synth.Config{Reports: n, Out: out, Seed: cfg.seed, Workers: cfg.workers})
			if err != nil {
				return err
			}
			el := time.Since(start)
			fmt.Fprintf(stdout, "synth: %d reports, %.1f MB in %s (%.0f reports/s)\n", st.Reports, float64(st.Bytes)/1e6,
				el.Round(time.Millisecond), float64(st.Reports)/el.Seconds())
		}
		title := fmt.Sprintf("%d synthetic reports (seed %d)", n, cfg.seed)
		if err := benchOne(ctx, cfg, []string{out}, filepath.Join(work, fmt.Sprintf("bench-%d.duckdb", n)), title, stdout); err != nil {
			return err
		}
		if !cfg.keep && cfg.work == "" {
			os.RemoveAll(out)
		}
	}
	return nil
}

func benchOne(ctx context.Context, cfg benchConfig, dirs []string, db, title string, stdout io.Writer) error {
	bc := bench.Config{Dirs: dirs, DBPath: db, Workers: cfg.workers, Score: cfg.score, Progress: cfg.progress, Phases: cfg.phases, BulkGC: gcUnset()}
	if cfg.api {
		bc.API = bench.NewAPIBench(bench.APIConfig{Requests: cfg.apiRequests, Samples: cfg.apiSamples,
			MemoryLimit: cfg.apiMemory, Load: cfg.load, LoadCacheOff: cfg.noCache, Report: stdout})
	}
	res, err := bench.Run(ctx, bc)
	if err != nil {
		return err
	}
	res.WriteTable(stdout, title)
	fmt.Fprintln(stdout)
	return nil
}

// countSrc counts the *.src files under dir (0 if it does not exist).
func countSrc(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error { //nolint:errcheck // a partial count is a mismatch
		if err == nil && !e.IsDir() && strings.HasSuffix(p, ".src") {
			n++
		}
		return nil
	})
	return n
}
