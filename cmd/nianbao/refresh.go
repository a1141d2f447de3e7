package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"nianbao/analytics"
	"nianbao/data/duckdb"
)

func runRefresh(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("refresh", "refresh [--db FILE]\n\n"+
		"Rebuilds the serving tables (report_metrics and serving_*) that the dashboard and API\n"+
		"read, from the stored facts. ingest and crawl do it at their end; run it on a database\n"+
		"written by an older nianbao, or by an ingest that was interrupted. --similarity also\n"+
		"finds the copy-paste suspects of the quality page, which reads every report text and\n"+
		"so is not part of the refresh after each ingest.", stderr)
	dbPath := fs.String("db", "nianbao.duckdb", "DuckDB database file")
	similarity := fs.Bool("similarity", false, "also find the copy-paste suspects the quality page lists (reads every report text: minutes at 10^5 reports)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return errUsage
	}
	db, err := duckdb.Open(ctx, duckdb.Config{Path: *dbPath, RefreshProgress: refreshProgress(terminal(stderr))})
	if err != nil {
		return err
	}
	err = refreshServing(ctx, db, stdout)
	if err == nil && *similarity {
		err = refreshSimilarity(ctx, db, stdout)
	}
	return errors.Join(err, db.Close())
}

// refreshSimilarity finds the copy-paste suspects year by year (each year's reports with
// each other and with the same organ's report of the year before) and stores them.
func refreshSimilarity(ctx context.Context, db *duckdb.DB, stdout io.Writer) error {
	start := time.Now()
	an, err := analytics.New(db)
	if err != nil {
		return err
	}
	t, err := db.Dash(ctx, "levels", 0)
	if err != nil {
		return err
	}
	years := map[int]bool{}
	for _, r := range t.Rows {
		if y, ok := r["year"].(int32); ok && y != 0 {
			years[int(y)] = true
		}
	}
	var out []duckdb.Suspect
	for y := range years {
		found, err := an.CopyPaste(ctx, db, analytics.Params{Year: y}, analytics.SimilarityOptions{})
		if err != nil {
			return err
		}
		for _, f := range found {
			s := duckdb.Suspect{Kind: f.Kind, Organ: f.A.Organ, RegionCode: f.A.RegionCode, Year: f.A.Year,
				ReportID: f.A.ReportID, DocumentSHA256: f.A.DocumentSHA256, SourcePath: f.A.SourcePath,
				OtherOrgan: f.B.Organ, OtherYear: f.B.Year, OtherReportID: f.B.ReportID, Jaccard: f.Jaccard}
			if len(f.Passages) > 0 {
				s.Evidence = f.Passages[0]
			}
			out = append(out, s)
		}
	}
	if err := db.ReplaceSimilarity(ctx, out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "copy-paste suspects: %d in %.1fs\n", len(out), time.Since(start).Seconds())
	return nil
}

// refreshServing rebuilds the serving tables and says how long it took.
func refreshServing(ctx context.Context, db *duckdb.DB, stdout io.Writer) error {
	st, err := db.Refresh(ctx)
	if err != nil {
		return err
	}
	writeRefresh(stdout, st)
	return nil
}

// closeAndRefresh closes db, which an ingest wrote, and rebuilds the serving tables of its
// file at path in a database opened for it (duckdb.RefreshFile says why). Tables a
// refresh would rebuild as they are (duckdb.ServingState.UpToDate: nothing was stored
// since the last refresh, by this binary's refresh) are left alone: a re-run over 10⁶
// reports with nothing new took 13.5 s, against 100.8 s when it refreshed. With progress
// (the terminal an ingest shows its bar on; nil: none), each table built is told as it is
// done, since the refresh of 10⁶ reports takes a minute and a half.
func closeAndRefresh(ctx context.Context, db *duckdb.DB, path string, stdout, progress io.Writer) error {
	serving, err := db.Serving(ctx)
	if err := errors.Join(err, db.Close()); err != nil {
		return err
	}
	if serving.UpToDate() {
		fmt.Fprintf(stdout, "serving tables up to date: nothing stored since their refresh at %s (nianbao refresh rebuilds them)\n",
			serving.RefreshedAt.Format(time.DateTime))
		return nil
	}
	if progress != nil {
		fmt.Fprintf(progress, "refreshing the serving tables of %d reports\n", serving.ReportsNow)
	}
	st, err := duckdb.RefreshFile(ctx, duckdb.Config{Path: path, RefreshProgress: refreshProgress(progress)})
	if err != nil {
		return err
	}
	writeRefresh(stdout, st)
	return nil
}

func writeRefresh(stdout io.Writer, st duckdb.RefreshStats) {
	var parts []string
	for _, s := range st.Steps {
		parts = append(parts, fmt.Sprintf("%s %.1fs", s.Table, s.Elapsed.Seconds()))
	}
	fmt.Fprintf(stdout, "serving tables refreshed in %.1fs (%s)\n", st.Total.Seconds(), strings.Join(parts, ", "))
}

// terminal returns w if it is a terminal, which progress is shown on, and nil otherwise.
func terminal(w io.Writer) io.Writer {
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return w
	}
	return nil
}

// refreshProgress prints each table a refresh builds, as it is built, to w (nil: none).
func refreshProgress(w io.Writer) func(done, total int, step duckdb.RefreshStep) {
	if w == nil {
		return nil
	}
	return func(done, total int, step duckdb.RefreshStep) {
		fmt.Fprintf(w, "refresh %2d/%d %-24s %6.1fs\n", done, total, step.Table, step.Elapsed.Seconds())
	}
}
