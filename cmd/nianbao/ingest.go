package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"

	"nianbao/data/duckdb"
	"nianbao/ingest"
	"nianbao/ingest/convert"
)

func runIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("ingest", "ingest [--db FILE] [--workers N] PATH…\n\n"+
		"Converts, extracts and stores the files and directories named (recursively; *.jsonl,\n"+
		"*.md and hidden files in directories are skipped). Files already stored for this\n"+
		"extractor version are skipped; a newer extractor replaces their rows. Each batch is\n"+
		"one transaction: an interrupted run loses at most one batch and can be re-run.", stderr)
	dbPath := fs.String("db", "nianbao.duckdb", "DuckDB database file (created if missing)")
	workers := fs.Int("workers", 0, "parallel convert+extract workers (default: GOMAXPROCS)")
	batch := fs.Int("batch", 0, "documents saved per transaction (0: the pipeline default, 1024)")
	pdftotext := fs.String("pdftotext", "", "pdftotext binary for PDF input (default: from PATH)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 || *workers < 0 || *batch < 0 {
		fs.Usage()
		return errUsage
	}
	db, err := duckdb.Open(ctx, duckdb.Config{Path: *dbPath})
	if err != nil {
		return err
	}
	progress := terminal(stderr)
	ing := ingest.New(ingest.Config{
		Workers:   *workers,
		BatchSize: *batch,
		Progress:  progress,
		Log:       slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
		BulkGC:    gcUnset(),
	}, convert.New(convert.Config{PDFToText: *pdftotext}), db)
	sum, runErr := ing.Run(ctx, fs.Args())
	if err := sum.WriteTable(stdout); err != nil {
		runErr = errors.Join(runErr, fmt.Errorf("write summary: %w", err))
	}
	// The serving tables are rebuilt even after a failed run: what was stored is served.
	if ctx.Err() == nil {
		return errors.Join(runErr, closeAndRefresh(ctx, db, *dbPath, stdout, progress))
	}
	return errors.Join(runErr, db.Close())
}

// gcUnset reports whether the user left the collector's settings alone (GOGC, GOMEMLIMIT),
// so that a bulk load may choose its own (ingest.Config.BulkGC).
func gcUnset() bool {
	return os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == ""
}
