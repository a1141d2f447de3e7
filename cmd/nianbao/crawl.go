package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"nianbao/data"
	"nianbao/data/duckdb"
	"nianbao/ingest"
	"nianbao/ingest/convert"
	"nianbao/ingest/crawl"
)

// seedList collects repeated --seed flags.
type seedList []string

func (s *seedList) String() string     { return strings.Join(*s, " ") }
func (s *seedList) Set(v string) error { *s = append(*s, v); return nil }

func runCrawl(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("crawl", "crawl [--db FILE] [--portals FILE] [--seed URL]… [--max-pages N] [--per-host-rate R]\n"+
		"             [--concurrency C] [--since YEAR] [--archive DIR] [URL…]\n\n"+
		"Finds annual reports on government portals from seeds (a home page, a disclosure column or\n"+
		"a 年报 column), fetches them and their attachments politely (robots.txt, a token bucket per\n"+
		"host, retries with backoff, conditional GETs), archives the raw bytes by SHA-256 and stores\n"+
		"them through convert → extract → store like ingest. The frontier lives in the database: an\n"+
		"interrupted crawl (even killed) resumes where it stopped; a crawl run after a finished one\n"+
		"re-checks everything, fetching only what changed. Without --seed, URLs or --portals, the\n"+
		"bundled seed list (data/portals/seeds.tsv, not verified from here) is used.", stderr)
	dbPath := fs.String("db", "nianbao.duckdb", "DuckDB database file (created if missing)")
	portals := fs.String("portals", "", "seed list file: TSV with a url column (as data/portals/seeds.tsv) or one URL per line")
	var seeds seedList
	fs.Var(&seeds, "seed", "a URL to start from (repeatable)")
	maxPages := fs.Int("max-pages", 0, "stop after this many fetches (0: no limit); run again to continue")
	perHost := fs.Float64("per-host-rate", 1, "requests per second to one host (robots.txt Crawl-delay may lower it)")
	concurrency := fs.Int("concurrency", 16, "requests in flight across all hosts")
	since := fs.Int("since", 0, "skip reports of years before this one")
	archiveDir := fs.String("archive", "", "directory of raw fetched bytes (default: <db>.archive next to the database)")
	maxDepth := fs.Int("max-depth", 6, "links followed from a seed")
	maxBody := fs.Int64("max-body", 16<<20, "largest body fetched, in bytes")
	timeout := fs.Duration("timeout", 0, "per-request timeout (default 30s)")
	userAgent := fs.String("user-agent", "", "User-Agent header (default names nianbao and its URL)")
	pdftotext := fs.String("pdftotext", "", "pdftotext binary for PDF input (default: from PATH)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	seeds = append(seeds, fs.Args()...)
	if *perHost <= 0 || *concurrency <= 0 || *maxPages < 0 {
		fs.Usage()
		return errUsage
	}
	if *portals != "" || len(seeds) == 0 {
		list, err := loadSeeds(*portals)
		if err != nil {
			return err
		}
		for _, s := range list {
			seeds = append(seeds, s.URL)
		}
	}
	if *archiveDir == "" {
		*archiveDir = filepath.Join(filepath.Dir(*dbPath), filepath.Base(*dbPath)+".archive")
	}
	db, err := duckdb.Open(ctx, duckdb.Config{Path: *dbPath})
	if err != nil {
		return err
	}
	progress := terminal(stderr)
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	ing := ingest.New(ingest.Config{Log: log}, convert.New(convert.Config{PDFToText: *pdftotext}), db)
	c, err := crawl.New(crawl.Config{
		Seeds: seeds, MaxPages: *maxPages, MaxDepth: *maxDepth, PerHostRate: *perHost, Concurrency: *concurrency,
		Since: *since, Archive: *archiveDir, UserAgent: *userAgent, Timeout: *timeout, MaxBody: *maxBody,
		Progress: progress, Log: log,
	}, db, ing)
	if err != nil {
		return errors.Join(err, db.Close())
	}
	sum, runErr := c.Run(ctx)
	if err := sum.WriteTable(stdout); err != nil {
		runErr = errors.Join(runErr, err)
	}
	if sum != nil && sum.Stored > 0 && ctx.Err() == nil {
		return errors.Join(runErr, closeAndRefresh(ctx, db, *dbPath, stdout, progress))
	}
	return errors.Join(runErr, db.Close())
}

func loadSeeds(path string) ([]data.PortalSeed, error) {
	if path == "" {
		return data.PortalSeeds()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("crawl: seeds: %w", err)
	}
	defer f.Close()
	return data.ParsePortalSeeds(f)
}
