package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"nianbao/data/duckdb"
)

func runRefresh(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("refresh", "refresh [--db FILE]\n\n"+
		"Rebuilds the serving tables (report_metrics and serving_*) that the dashboard and API\n"+
		"read, from the stored facts. ingest and crawl do it at their end; run it on a database\n"+
		"written by an older nianbao, or by an ingest that was interrupted.", stderr)
	dbPath := fs.String("db", "nianbao.duckdb", "DuckDB database file")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return errUsage
	}
	db, err := duckdb.Open(ctx, duckdb.Config{Path: *dbPath})
	if err != nil {
		return err
	}
	return errors.Join(refreshServing(ctx, db, stdout), db.Close())
}

// refreshServing rebuilds the serving tables and says how long it took.
func refreshServing(ctx context.Context, db *duckdb.DB, stdout io.Writer) error {
	st, err := db.Refresh(ctx)
	if err != nil {
		return err
	}
	var parts []string
	for _, s := range st.Steps {
		parts = append(parts, fmt.Sprintf("%s %.1fs", s.Table, s.Elapsed.Seconds()))
	}
	fmt.Fprintf(stdout, "serving tables refreshed in %.1fs (%s)\n", st.Total.Seconds(), strings.Join(parts, ", "))
	return nil
}
