package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"nianbao/analytics"
	"nianbao/data"
	"nianbao/data/duckdb"
)

// exportConfig is the typed form of export's flags.
type exportConfig struct {
	db, out, lake, format string
	memory                string
	view                  analytics.View
	params                analytics.Params
}

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("export", "export [--db FILE] --what VIEW [--year Y] [--region CODE] [--level L] [--organ NAME] [--report-id ID] [--key KEY] --format csv|json|jsonl|parquet [--out PATH]\n"+
		"       nianbao export [--db FILE] --lake DIR\n\n"+
		"Writes one view of the database. csv, json and jsonl are written row by row; a whole\n"+
		"large view is read a chunk at a time (every fact of 10⁵ reports: 0.9 GB resident as csv).\n"+
		"parquet and the --lake are written by DuckDB within --memory-limit, spilling to $TMPDIR\n"+
		"(1.3 GB and 1.5 GB resident at 10⁵ reports); the lake's facts a report year at a time.\n"+
		"The views:\n"+
		"  reports     every stored report, one column per METRICS.md key (scope whole)\n"+
		"  facts       the long-form facts with their report's identity and evidence\n"+
		"  indicators  derived indicators per annual report: rates with numerator,\n"+
		"              denominator and Wilson 95% interval; on_time; consistency_ok\n"+
		"  growth      yoy_<metric> and cagr_<metric> per organ, metric and year\n"+
		"  rankings    organs ranked by an indicator within their peer group, with\n"+
		"              empirical-Bayes shrinkage and a small-n flag\n"+
		"  coverage    key-area coverage, one row per report and listed area, with evidence\n"+
		"  quality     missing (needs --region), late, failed checks, cross-year mismatches\n"+
		"  dictionary  every column of every view: type, unit, definition\n"+
		"json is one JSON array; jsonl one object per line. parquet is written by DuckDB\n"+
		"itself (COPY). --lake writes DIR/<table>/year=Y/province_code=P/*.parquet (hive\n"+
		"partitioning) for Spark, Trino or DuckDB: read_parquet('DIR/facts/**/*.parquet',\n"+
		"hive_partitioning=true, hive_types={'year': INTEGER, 'province_code': VARCHAR}).\n"+
		"The database is opened read-only, so exports can run beside one another.", stderr)
	var cfg exportConfig
	fs.StringVar(&cfg.db, "db", "nianbao.duckdb", "DuckDB database file")
	what := fs.String("what", "", "view: reports, facts, indicators, growth, rankings, coverage, quality, dictionary")
	fs.StringVar(&cfg.format, "format", "csv", "csv, json, jsonl or parquet")
	fs.StringVar(&cfg.out, "out", "", "output file (default: standard output)")
	fs.StringVar(&cfg.lake, "lake", "", "write the hive-partitioned Parquet lake into this directory instead")
	fs.StringVar(&cfg.memory, "memory-limit", duckdb.ExportMemory, "DuckDB's memory_limit, past which it spills to $TMPDIR")
	fs.IntVar(&cfg.params.Year, "year", 0, "report year (default: all)")
	fs.IntVar(&cfg.params.From, "from", 0, "first report year of a span (rankings sum it; growth shows it)")
	fs.IntVar(&cfg.params.To, "to", 0, "last report year of a span")
	fs.StringVar(&cfg.params.Region, "region", "", "GB/T 2260 code: only organs under this region (350000 = 福建省)")
	fs.StringVar(&cfg.params.Level, "level", "", "only reports of this level: national, province, city, county, township or department")
	fs.StringVar(&cfg.params.Organ, "organ", "", "only this organ's reports (its exact name)")
	fs.StringVar(&cfg.params.ReportID, "report-id", "", "only this report")
	fs.StringVar(&cfg.params.Key, "key", "", "facts: only this METRICS.md key")
	fs.StringVar(&cfg.params.Indicator, "indicator", "grant_rate", "rankings: grant_rate, refusal_rate, nondisclosure_rate or correction_rate")
	fs.StringVar(&cfg.params.Group, "group", analytics.GroupPeer, "rankings: peer (same level and province) or parent (parent region)")
	fs.StringVar(&cfg.params.Metric, "metric", "", "growth: one METRICS.md key (default: all)")
	fs.IntVar(&cfg.params.BaseYear, "base-year", 0, "growth: first year of cagr (default: each organ's first year)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 || (cfg.lake == "") == (*what == "") {
		fmt.Fprintln(stderr, "export: give either --what or --lake")
		fs.Usage()
		return errUsage
	}
	if *what != "" {
		v, err := analytics.ParseView(*what)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return errUsage
		}
		cfg.view = v
	}
	if cfg.params.Level != "" && !data.IsLevel(cfg.params.Level) {
		fmt.Fprintf(stderr, "export: unknown level %q\n", cfg.params.Level)
		return errUsage
	}
	switch cfg.format {
	case "csv", "json", "jsonl", "parquet":
	default:
		fmt.Fprintf(stderr, "export: unknown format %q\n", cfg.format)
		return errUsage
	}
	if cfg.view == analytics.ViewQuality && cfg.params.Region != "" {
		cfg.params.Expected = analytics.ExpectedGovernments(data.LoadRegions(), cfg.params.Region)
	}
	return export(ctx, cfg, stdout, stderr)
}

func export(ctx context.Context, cfg exportConfig, stdout, stderr io.Writer) (err error) {
	if _, err := os.Stat(cfg.db); err != nil {
		return fmt.Errorf("database: %w", err)
	}
	db, err := duckdb.OpenExport(ctx, cfg.db, duckdb.ExportConfig{MemoryLimit: cfg.memory})
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, db.Close()) }()
	if err := db.CheckSchema(ctx); err != nil {
		return fmt.Errorf("%s: %w", cfg.db, err)
	}
	a, err := analytics.New(db)
	if err != nil {
		return err
	}
	if cfg.lake != "" {
		dir, err := filepath.Abs(cfg.lake)
		if err != nil {
			return err
		}
		sum, err := a.Lake(ctx, dir)
		if err != nil {
			return err
		}
		tables := make([]string, 0, len(sum))
		for t := range sum {
			tables = append(tables, t)
		}
		sort.Strings(tables)
		for _, t := range tables {
			fmt.Fprintf(stdout, "%-18s %d rows\n", t, sum[t])
		}
		fmt.Fprintf(stdout, "lake written to %s\n", dir)
		return nil
	}
	if cfg.format == "parquet" {
		return exportParquet(ctx, a, cfg, stdout, stderr)
	}
	var w io.Writer = stdout
	if cfg.out != "" {
		f, err := os.Create(cfg.out)
		if err != nil {
			return err
		}
		defer func() { err = errors.Join(err, f.Close()) }()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	cur, err := a.Open(ctx, cfg.view, cfg.params)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, cur.Close()) }()
	var n int64
	switch cfg.format {
	case "csv":
		n, err = analytics.WriteCSV(bw, cur)
	default:
		n, err = analytics.WriteJSON(bw, cur, cfg.format == "jsonl")
	}
	if err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	if cfg.out != "" {
		fmt.Fprintf(stderr, "%d rows of %s written to %s\n", n, cfg.view, cfg.out)
	}
	return nil
}

// exportParquet has DuckDB write the file; to standard output it goes through a
// temporary file, since Parquet's footer is written last.
func exportParquet(ctx context.Context, a *analytics.Analytics, cfg exportConfig, stdout, stderr io.Writer) error {
	path := cfg.out
	if path == "" {
		tmp, err := os.MkdirTemp("", "nianbao-export-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		path = filepath.Join(tmp, "out.parquet")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if strings.ContainsRune(abs, 0) {
		return fmt.Errorf("bad output path %q", path)
	}
	n, err := a.CopyParquet(ctx, cfg.view, cfg.params, abs)
	if err != nil {
		return err
	}
	if cfg.out != "" {
		fmt.Fprintf(stderr, "%d rows of %s written to %s\n", n, cfg.view, cfg.out)
		return nil
	}
	f, err := os.Open(abs)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := io.Copy(stdout, f); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}
