package main

import (
	"context"
	"errors"
	"log/slog"
	"maps"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"nianbao/dashboard"
	"nianbao/data/duckdb"
	"nianbao/ingest"
	"nianbao/ingest/convert"
	"nianbao/ingest/crawl"
)

// crawlJob is the dashboard's dashboard.Crawler over ingest/crawl: one crawl at a time,
// in the background, on the database serve opened read-write, until the crawl ends or
// the server's context is done.
type crawlJob struct {
	ctx  context.Context // the server's lifetime: cancelling it stops the crawl
	db   *duckdb.DB
	base crawl.Config // everything but the seeds, page limit and rate
	log  *slog.Logger

	wg sync.WaitGroup
	mu sync.Mutex
	st dashboard.CrawlStatus
}

var _ dashboard.Crawler = (*crawlJob)(nil)

// newCrawlJob returns the job; base.Log (failed fetches, ingest warnings) also serves
// the ingest pipeline, log gets a line when a crawl starts and ends.
func newCrawlJob(ctx context.Context, db *duckdb.DB, base crawl.Config, log *slog.Logger) *crawlJob {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	base.Progress = nil // no terminal line from a server
	return &crawlJob{ctx: ctx, db: db, base: base, log: log, st: dashboard.CrawlStatus{State: dashboard.CrawlIdle}}
}

// Start begins a crawl unless one is running. ctx (the request's) is not the crawl's: the
// crawl runs on the job's context.
func (j *crawlJob) Start(_ context.Context, req dashboard.CrawlRequest) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.st.Running {
		return dashboard.ErrCrawlRunning
	}
	if j.ctx.Err() != nil {
		return errors.New("the server is shutting down")
	}
	cfg := j.base
	cfg.Seeds = append([]string(nil), req.Seeds...)
	cfg.MaxPages = req.MaxPages
	cfg.PerHostRate = req.PerHostRate
	ing := ingest.New(ingest.Config{Log: j.base.Log}, convert.New(convert.Config{}), j.db)
	c, err := crawl.New(cfg, j.db, ing)
	if err != nil {
		return err
	}
	c.OnProgress(j.progress)
	j.st = dashboard.CrawlStatus{State: dashboard.CrawlRunning, Running: true, Seeds: cfg.Seeds,
		MaxPages: req.MaxPages, PerHostRate: req.PerHostRate, Started: time.Now(), Errors: map[string]int{}}
	j.wg.Add(1)
	go j.run(c)
	j.log.Info("crawl started", "seeds", len(cfg.Seeds), "max_pages", req.MaxPages, "per_host_rate", req.PerHostRate)
	return nil
}

func (j *crawlJob) run(c *crawl.Crawler) {
	defer j.wg.Done()
	sum, err := c.Run(j.ctx)
	if sum != nil && sum.Stored > 0 {
		// What the crawl stored is served once the serving tables include it; a refresh
		// is worth doing even after a stopped crawl, hence not under j.ctx.
		if _, rerr := j.db.Refresh(context.WithoutCancel(j.ctx)); rerr != nil {
			err = errors.Join(err, rerr)
		}
	}
	var table strings.Builder
	if sum != nil {
		if werr := sum.WriteTable(&table); werr != nil {
			err = errors.Join(err, werr)
		}
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	st := &j.st
	st.Running, st.Finished, st.InFlight = false, time.Now(), 0
	if sum != nil {
		st.Pass, st.Hosts = sum.Gen, sum.Hosts
		st.Fetched, st.Lists, st.Articles, st.Attachments = sum.Fetches, sum.Lists, sum.Articles, sum.Attach
		st.ReportsNew, st.ReportsChanged, st.ReportsUnchanged = sum.ReportsNew, sum.ReportsChanged, sum.ReportsUnchanged
		st.Stored, st.AnnualReports = sum.Stored, sum.AnnualReports
		st.Errors = maps.Clone(sum.Errors)
		st.Summary = table.String()
	}
	switch {
	case err == nil:
		st.State = dashboard.CrawlFinished
	case errors.Is(err, context.Canceled) && j.ctx.Err() != nil:
		st.State = dashboard.CrawlStopped
	default:
		st.State, st.Error = dashboard.CrawlFailed, err.Error()
	}
	j.log.Info("crawl ended", "state", st.State, "fetched", st.Fetched, "reports_new", st.ReportsNew, "err", err)
}

// progress takes a snapshot from the running crawl.
func (j *crawlJob) progress(p crawl.Progress) {
	j.mu.Lock()
	defer j.mu.Unlock()
	st := &j.st
	if !st.Running {
		return
	}
	// Fetched counts pages answered, as the summary does; failures are in Errors.
	st.Pass, st.Fetched, st.Queued, st.InFlight, st.Hosts = p.Gen, p.Lists+p.Articles+p.Attach, p.Queued, p.InFlight, p.Hosts
	st.Lists, st.Articles, st.Attachments = p.Lists, p.Articles, p.Attach
	st.ReportsNew, st.ReportsChanged, st.ReportsUnchanged = p.ReportsNew, p.ReportsChanged, p.ReportsUnchanged
	st.Stored, st.Errors = p.Stored, p.Errors
}

// Status returns a copy of the crawl's status.
func (j *crawlJob) Status() dashboard.CrawlStatus {
	j.mu.Lock()
	defer j.mu.Unlock()
	st := j.st
	st.Seeds = append([]string(nil), st.Seeds...)
	st.Errors = maps.Clone(st.Errors)
	return st
}

// Wait returns once no crawl runs (after the job's context is done, the running crawl
// stops fetching, stores what it fetched and ends).
func (j *crawlJob) Wait() { j.wg.Wait() }

// crawlArchive is where serve --crawl keeps the raw bytes: where crawl keeps them by
// default, unless archive says otherwise.
func crawlArchive(db, archive string) string {
	if archive != "" {
		return archive
	}
	return filepath.Join(filepath.Dir(db), filepath.Base(db)+".archive")
}
