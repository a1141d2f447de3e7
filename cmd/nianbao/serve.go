package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"nianbao/analytics"
	"nianbao/dashboard"
	"nianbao/data/duckdb"
	"nianbao/ingest/crawl"
)

// serveConfig is what serve and demo need to run the dashboard.
type serveConfig struct {
	DB         string
	Addr       string
	Timeout    time.Duration
	SQLTimeout time.Duration
	SQLRows    int
	// Crawl opens the database read-write and lets the /crawl page start crawls; Archive
	// is where they keep the raw bytes (default <db>.archive, as crawl).
	Crawl   bool
	Archive string
	// RateLimit and Burst are the per-IP limits of /api, /sql and exports (0: defaults).
	RateLimit float64
	Burst     int
	// CacheMB is the response cache size in MiB (0: off); with Crawl it is off.
	CacheMB int
	// MemoryLimit is DuckDB's memory for the reads (duckdb.ServingConfig); refused with
	// Crawl, which opens the database read-write with the writer's own.
	MemoryLimit string
}

func serveFlags(name, synopsis string, stderr io.Writer, withDB bool) (*serveConfig, func([]string) error) {
	fs := newFlags(name, synopsis, stderr)
	cfg := &serveConfig{}
	if withDB {
		fs.StringVar(&cfg.DB, "db", "nianbao.duckdb", "DuckDB database file (opened read-only, or read-write with --crawl)")
		fs.BoolVar(&cfg.Crawl, "crawl", false, "let the dashboard's /crawl page start crawls in the background: opens the\n"+
			"database read-write (no other process may open it meanwhile) and turns the SQL console off")
		fs.StringVar(&cfg.Archive, "archive", "", "with --crawl: directory of raw fetched bytes (default: <db>.archive, as crawl)")
	}
	fs.StringVar(&cfg.Addr, "addr", "127.0.0.1:8080", "listen address")
	fs.DurationVar(&cfg.Timeout, "timeout", 15*time.Second, "per-request time limit")
	fs.DurationVar(&cfg.SQLTimeout, "sql-timeout", 5*time.Second, "time limit of one SQL console query")
	fs.IntVar(&cfg.SQLRows, "sql-rows", 1000, "rows the SQL console returns at most")
	fs.Float64Var(&cfg.RateLimit, "rate-limit", 0, "requests/s per client IP on /api, /sql and exports (default 10;\n"+
		"raise it for a load test from one machine, e.g. nianbao load)")
	fs.IntVar(&cfg.Burst, "burst", 0, "requests per client IP allowed at once above --rate-limit (default 30)")
	fs.StringVar(&cfg.MemoryLimit, "memory-limit", duckdb.ServingMemoryAuto, "DuckDB's memory for the reads' cached blocks (e.g. 2GB); more sheds fewer\n"+
		"requests under a heavy load of first visits, at the cost of resident memory. auto: a\n"+
		"third of the database file, at least 1GB and at most 2GB (2GB from 6 GB, about 8·10⁵ reports)")
	fs.IntVar(&cfg.CacheMB, "cache-mb", dashboard.DefaultCacheBytes>>20, "MiB of memory for the response cache of the pages and the JSON API (0: off);\n"+
		"always off with --crawl, whose crawls change the database under the cached pages")
	return cfg, func(args []string) error {
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		if fs.NArg() != 0 {
			fs.Usage()
			return errUsage
		}
		if cfg.CacheMB < 0 {
			fmt.Fprintln(stderr, "--cache-mb must be 0 (off) or more")
			return errUsage
		}
		explicit := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { explicit[f.Name] = true })
		if cfg.Crawl && explicit["cache-mb"] && cfg.CacheMB != 0 {
			fmt.Fprintln(stderr, "--cache-mb cannot be used with --crawl: crawls write to the database and cached pages would go stale")
			return errUsage
		}
		if cfg.Crawl && explicit["memory-limit"] {
			// --crawl opens the database read-write, with the writer's own memory_limit
			fmt.Fprintln(stderr, "--memory-limit cannot be used with --crawl: it sets the read-only server's memory")
			return errUsage
		}
		return nil
	}
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, parse := serveFlags("serve", "serve [--db FILE] [--addr HOST:PORT] [--crawl [--archive DIR]]\n\n"+
		"Serves the dashboard, the API (/api/v1) and the read-only SQL console over the\n"+
		"database, opened read-only (so ingest can't run on it at the same time; stop serve first).\n\n"+
		"As the data cannot change while serve runs, the pages and the JSON API are answered from\n"+
		"an in-memory response cache after their first request (--cache-mb, default 64; 0 turns it\n"+
		"off); responses say X-Cache: hit or miss. The SQL console, crawls, static files and CSV or\n"+
		"Parquet exports are never cached.\n\n"+
		"With --crawl, serve opens the database read-write and runs crawls itself: the /crawl page\n"+
		"takes seed URLs, a page limit and a per-host rate and starts one crawl at a time in the\n"+
		"background (as nianbao crawl would, same frontier and archive), showing its progress\n"+
		"there and at /api/v1/crawl; stopping serve stops the crawl, which resumes when started\n"+
		"again. The SQL console is off then: it reads the file through a second DuckDB instance,\n"+
		"which is not safe while this process writes it. The response cache is off too: the\n"+
		"crawls change the data, and cached pages would go stale.", stderr, true)
	if err := parse(args); err != nil {
		return err
	}
	return serve(ctx, *cfg, stdout, stderr)
}

// serve opens the database read-only, with a separate sandboxed instance for the SQL
// console, and serves until ctx is cancelled.
func serve(ctx context.Context, cfg serveConfig, stdout, stderr io.Writer) error {
	if err := dashboard.CheckAssets(); err != nil {
		return fmt.Errorf("%w\n(make assets needs npm; it copies ECharts from node_modules into dashboard/static/vendor/)", err)
	}
	var db *duckdb.DB
	var err error
	if cfg.Crawl {
		db, err = duckdb.Open(ctx, duckdb.Config{Path: cfg.DB})
	} else {
		db, err = duckdb.OpenServing(ctx, cfg.DB, duckdb.ServingConfig{MemoryLimit: cfg.MemoryLimit})
	}
	if err != nil {
		return err
	}
	defer db.Close()
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	if !cfg.Crawl {
		// a read-only open does not migrate (--crawl's read-write one did)
		if err := db.CheckSchema(ctx); err != nil {
			return fmt.Errorf("%s: %w", cfg.DB, err)
		}
		mem, err := db.MemoryLimit(ctx)
		if err != nil {
			return err
		}
		log.Info("database opened read-only", "db", cfg.DB, "memory_limit", mem)
	}
	an, err := analytics.New(db)
	if err != nil {
		return err
	}
	if st, err := db.Serving(ctx); err != nil {
		return err
	} else if !st.Refreshed {
		// A database ingested by an older nianbao has no serving tables: every page would
		// fail, so say what to do instead. serve opens read-only and cannot build them.
		return fmt.Errorf("%w: %s has none (run: nianbao refresh --db %s)", duckdb.ErrNotRefreshed, cfg.DB, cfg.DB)
	} else if !st.Fresh() {
		log.Warn("serving tables are older than the data; pages show the data of the last refresh (run nianbao refresh)",
			"refreshed_at", st.RefreshedAt, "reports_then", st.ReportsThen, "reports_now", st.ReportsNow)
	} else if !st.Current {
		log.Warn("serving tables were built by an older nianbao; some pages take slower queries (run nianbao refresh)",
			"refreshed_at", st.RefreshedAt)
	}
	// The serving tables that requests filter are read once in the background, so that
	// the first visitor of an organ or a region does not wait for their blocks to load;
	// the database closes only after it stops.
	wctx, stopWarm := context.WithCancel(ctx)
	warmed := make(chan struct{})
	defer func() { stopWarm(); <-warmed }()
	go func() {
		defer close(warmed)
		start := time.Now()
		if err := db.Warm(wctx); err != nil {
			if wctx.Err() == nil {
				log.Warn("warming the serving tables", "err", err)
			}
			return
		}
		log.Info("serving tables warmed", "took", time.Since(start).Round(time.Millisecond))
	}()
	dcfg := dashboard.Config{Addr: cfg.Addr, RequestTimeout: cfg.Timeout, Log: log, RateLimit: cfg.RateLimit, Burst: cfg.Burst}
	if !cfg.Crawl {
		// read-only: every page and API answer is a function of its URL (dashboard/cache.go)
		dcfg.CacheBytes = int64(cfg.CacheMB) << 20
	}
	var console *duckdb.Console
	if cfg.Crawl {
		// The crawl stops with the server; serve returns once it has stored what it
		// fetched, before the database closes.
		jctx, stop := context.WithCancel(ctx)
		job := newCrawlJob(jctx, db, crawl.Config{
			Archive: crawlArchive(cfg.DB, cfg.Archive),
			Log:     slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
		}, log)
		defer job.Wait()
		defer stop()
		dcfg.Crawler = job
	} else {
		console, err = duckdb.OpenConsole(ctx, duckdb.ConsoleConfig{Path: cfg.DB, MaxRows: cfg.SQLRows, Timeout: cfg.SQLTimeout})
		if err != nil {
			return err
		}
		defer console.Close()
	}
	srv, err := dashboard.New(dcfg, db, an, console)
	if err != nil {
		return err
	}
	mode := ""
	if cfg.Crawl {
		mode = ", crawls from /crawl"
	}
	err = srv.Run(ctx, func(url string) {
		fmt.Fprintf(stdout, "nianbao: serving %s on %s%s (Ctrl-C to stop)\n", cfg.DB, url, mode)
	})
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}
