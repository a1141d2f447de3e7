package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"nianbao/data/duckdb"
)

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", "check [--db FILE]\n\n"+
		"Lists the consistency checks (勾稽关系) that failed in the stored reports: organ, year,\n"+
		"source path, check and the numbers, with the source text of the figures when known.", stderr)
	dbPath := fs.String("db", "nianbao.duckdb", "DuckDB database file")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return errUsage
	}
	if _, err := os.Stat(*dbPath); err != nil {
		return fmt.Errorf("no database: %w (run nianbao ingest first)", err)
	}
	db, err := duckdb.Open(ctx, duckdb.Config{Path: *dbPath})
	if err != nil {
		return err
	}
	fcs, err := db.FailedChecks(ctx)
	if err != nil {
		return errors.Join(err, db.Close())
	}
	rows := [][]string{{"organ", "year", "path", "check", "detail"}}
	for _, f := range fcs {
		year := "?"
		if f.Year != 0 {
			year = fmt.Sprint(f.Year)
		}
		rows = append(rows, []string{orDash(f.Organ), year, f.SourcePath, f.Check, f.Detail})
		if f.Evidence != "" {
			rows = append(rows, []string{"", "", "", "", "evidence: " + strings.ReplaceAll(f.Evidence, "\t", " ")})
		}
	}
	if err := writeColumns(stdout, rows); err != nil {
		return errors.Join(fmt.Errorf("write: %w", err), db.Close())
	}
	fmt.Fprintf(stdout, "%d failed checks\n", len(fcs))
	return db.Close()
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
