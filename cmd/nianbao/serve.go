package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"nianbao/analytics"
	"nianbao/dashboard"
	"nianbao/data/duckdb"
)

// serveConfig is what serve and demo need to run the dashboard.
type serveConfig struct {
	DB         string
	Addr       string
	Timeout    time.Duration
	SQLTimeout time.Duration
	SQLRows    int
}

func serveFlags(name, synopsis string, stderr io.Writer, withDB bool) (*serveConfig, func([]string) error) {
	fs := newFlags(name, synopsis, stderr)
	cfg := &serveConfig{}
	if withDB {
		fs.StringVar(&cfg.DB, "db", "nianbao.duckdb", "DuckDB database file (opened read-only)")
	}
	fs.StringVar(&cfg.Addr, "addr", "127.0.0.1:8080", "listen address")
	fs.DurationVar(&cfg.Timeout, "timeout", 15*time.Second, "per-request time limit")
	fs.DurationVar(&cfg.SQLTimeout, "sql-timeout", 5*time.Second, "time limit of one SQL console query")
	fs.IntVar(&cfg.SQLRows, "sql-rows", 1000, "rows the SQL console returns at most")
	return cfg, func(args []string) error {
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		if fs.NArg() != 0 {
			fs.Usage()
			return errUsage
		}
		return nil
	}
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, parse := serveFlags("serve", "serve [--db FILE] [--addr HOST:PORT]\n\n"+
		"Serves the dashboard, the API (/api/v1) and the read-only SQL console over the\n"+
		"database, opened read-only (so ingest can't run on it at the same time; stop serve first).", stderr, true)
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
	db, err := duckdb.OpenReadOnly(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer db.Close()
	an, err := analytics.New(db)
	if err != nil {
		return err
	}
	console, err := duckdb.OpenConsole(ctx, duckdb.ConsoleConfig{Path: cfg.DB, MaxRows: cfg.SQLRows, Timeout: cfg.SQLTimeout})
	if err != nil {
		return err
	}
	defer console.Close()
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	srv, err := dashboard.New(dashboard.Config{Addr: cfg.Addr, RequestTimeout: cfg.Timeout, Log: log}, db, an, console)
	if err != nil {
		return err
	}
	err = srv.Run(ctx, func(url string) { fmt.Fprintf(stdout, "nianbao: serving %s on %s (Ctrl-C to stop)\n", cfg.DB, url) })
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}
