package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"nianbao/dashboard"
	"nianbao/data/duckdb"
	"nianbao/ingest"
	"nianbao/ingest/convert"
)

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, parse := serveFlags("demo", "demo [--addr HOST:PORT]\n\n"+
		"Ingests the bundled real reports (data/sample) into a fresh database in a temporary\n"+
		"directory, then serves the dashboard on it and prints the URL.", stderr, false)
	if err := parse(args); err != nil {
		return err
	}
	if err := dashboard.CheckAssets(); err != nil {
		return err // before minutes of ingest
	}
	sample, err := findSample()
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "nianbao-demo-")
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	defer os.RemoveAll(dir)
	cfg.DB = filepath.Join(dir, "demo.duckdb")
	if err := buildDemoDB(ctx, cfg.DB, sample, stdout, stderr); err != nil {
		return err
	}
	return serve(ctx, *cfg, stdout, stderr)
}

// buildDemoDB ingests dir into a new database at path and closes it, so that serve can
// open it read-only.
func buildDemoDB(ctx context.Context, path, dir string, stdout, stderr io.Writer) error {
	db, err := duckdb.Open(ctx, duckdb.Config{Path: path})
	if err != nil {
		return err
	}
	ing := ingest.New(ingest.Config{
		Log:    slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
		BulkGC: gcUnset(),
	}, convert.New(convert.Config{}), db)
	sum, runErr := ing.Run(ctx, []string{dir})
	if runErr == nil {
		fmt.Fprintf(stdout, "nianbao demo: ingested %d files from %s: %d reports, %d facts\n", sum.Files, dir, sum.Reports, sum.Facts)
		return closeAndRefresh(ctx, db, path, stdout, nil)
	}
	return errors.Join(runErr, db.Close())
}

// findSample locates data/sample from the working directory or the executable's.
func findSample() (string, error) {
	cands := []string{filepath.Join("data", "sample")}
	if exe, err := os.Executable(); err == nil {
		d := filepath.Dir(exe)
		cands = append(cands, filepath.Join(d, "..", "data", "sample"), filepath.Join(d, "data", "sample"))
	}
	for _, c := range cands {
		if st, err := os.Stat(c); err == nil && st.IsDir() {
			return c, nil
		}
	}
	return "", fmt.Errorf("demo: data/sample not found; run nianbao demo from the repository root")
}
