package crawl

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"nianbao/data"
	"nianbao/ingest"
)

// Entry kinds, as stored in the frontier.
const (
	kindSeed       = data.CrawlSeed
	kindList       = data.CrawlList
	kindArticle    = data.CrawlArticle
	kindAttachment = data.CrawlAttachment
	kindAPI        = data.CrawlAPI
)

// Frontier is the durable crawl state; *duckdb.DB satisfies it.
type Frontier interface {
	CrawlBegin(ctx context.Context) (gen int, resumed bool, err error)
	CrawlQueued(ctx context.Context, gen int) ([]data.CrawlEntry, error)
	CrawlKeys(ctx context.Context, gen int) ([]string, error)
	CrawlUnstored(ctx context.Context) ([]data.CrawlEntry, error)
	CrawlCommit(ctx context.Context, gen int, done, found []data.CrawlEntry, log []data.CrawlLog) ([]data.CrawlEntry, error)
}

// Crawler discovers, fetches and archives reports and hands them to the ingest pipeline.
type Crawler struct {
	cfg      Config
	frontier Frontier
	ing      *ingest.Ingester
	fetch    *fetcher
	arch     archive
}

// New returns a Crawler that records its frontier in frontier and converts, extracts and
// stores what it fetches with ing.
func New(cfg Config, frontier Frontier, ing *ingest.Ingester) (*Crawler, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	return &Crawler{cfg: cfg, frontier: frontier, ing: ing, fetch: newFetcher(cfg), arch: archive{dir: cfg.Archive}}, nil
}

// result is what one fetch produced, sent from a fetching goroutine to the writer.
type result struct {
	entry    data.CrawlEntry // updated: state, status, sha, validators
	outcome  string          // new, changed, unchanged, failed, skipped
	errKind  string
	err      error
	body     []byte // for the pipeline; nil when unchanged or failed
	children []data.CrawlEntry
	traps    int
	log      data.CrawlLog
	stop     bool // cancelled: leave the entry queued
}

// run is the writer's state: only the goroutine running Run touches it.
type run struct {
	c        *Crawler
	gen      int
	known    map[string]bool
	shapes   map[string]int
	queues   map[string][]data.CrawlEntry
	busy     map[string]bool
	inflight int
	fetched  int
	results  chan result
	pipe     *pipeline
	sum      *Summary
	hosts    map[string]bool
}

// Run crawls until the frontier is empty, MaxPages fetches are done or ctx is done, and
// returns what it did. An interrupted run (ctx, or a kill) resumes when run again: what
// was queued stays queued, what was fetched is not fetched again, and a fetched body that
// had not reached the documents table is stored from the archive.
func (c *Crawler) Run(ctx context.Context) (*Summary, error) {
	start := time.Now()
	sum := newSummary()
	gen, resumed, err := c.frontier.CrawlBegin(ctx)
	if err != nil {
		return sum, fmt.Errorf("crawl: %w", err)
	}
	sum.Gen, sum.Resumed = gen, resumed
	r := &run{c: c, gen: gen, known: map[string]bool{}, shapes: map[string]int{}, queues: map[string][]data.CrawlEntry{},
		busy: map[string]bool{}, results: make(chan result, 64), sum: sum, hosts: map[string]bool{}}
	// Documents already fetched are stored even when ctx ends: a signal stops fetching,
	// not storing.
	r.pipe = newPipeline(context.WithoutCancel(ctx), c.ing, c.cfg.Workers)

	unstored, err := c.frontier.CrawlUnstored(ctx)
	if err != nil {
		return sum, r.finish(fmt.Errorf("crawl: %w", err), start)
	}
	for _, e := range unstored {
		b, err := c.arch.get(e.SHA256)
		if err != nil {
			sum.Errors["archive"]++
			continue
		}
		sum.Recovered++
		r.pipe.add(docFor(e, b, c.arch.path(e.SHA256)))
	}
	keys, err := c.frontier.CrawlKeys(ctx, gen)
	if err != nil {
		return sum, r.finish(fmt.Errorf("crawl: %w", err), start)
	}
	for _, k := range keys {
		r.known[k] = true
	}
	var seeds []data.CrawlEntry
	for _, s := range c.cfg.Seeds {
		u := canonical(nil, s)
		if u == nil {
			sum.Errors["bad_seed"]++
			continue
		}
		seeds = append(seeds, entryFor(u, kindSeed, 0, nil, ""))
	}
	if err := r.commit(ctx, nil, seeds, nil); err != nil {
		return sum, r.finish(err, start)
	}
	clear(r.queues) // the seeds just queued come back with the rest of the queue
	queued, err := c.frontier.CrawlQueued(ctx, gen)
	if err != nil {
		return sum, r.finish(fmt.Errorf("crawl: %w", err), start)
	}
	for _, e := range queued {
		r.push(e)
	}
	return sum, r.finish(r.loop(ctx), start)
}

func (r *run) finish(err error, start time.Time) error {
	perr := r.pipe.close()
	r.sum.addPipeline(r.pipe)
	r.sum.Hosts = len(r.hosts)
	r.sum.Elapsed = time.Since(start)
	if err == nil {
		err = perr
	}
	return err
}

// loop starts fetches and records their results until nothing is left to do.
func (r *run) loop(ctx context.Context) error {
	r.startAll(ctx)
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for r.inflight > 0 {
		var batch []result
		select {
		case res := <-r.results:
			batch = append(batch, res)
		case <-tick.C:
			r.progress()
			continue
		}
	drain:
		for len(batch) < 256 {
			select {
			case res := <-r.results:
				batch = append(batch, res)
			default:
				break drain
			}
		}
		if err := r.record(ctx, batch); err != nil {
			// Wait for the fetches in flight so no goroutine outlives Run.
			for ; r.inflight > 0; r.inflight-- {
				<-r.results
			}
			return err
		}
		r.startAll(ctx)
	}
	r.progress()
	if r.c.cfg.Progress != nil {
		fmt.Fprintln(r.c.cfg.Progress)
	}
	return ctx.Err()
}

// record commits a batch of results in one transaction, then queues what they found and
// hands their bodies to the pipeline.
func (r *run) record(ctx context.Context, batch []result) error {
	var done []data.CrawlEntry
	var found []data.CrawlEntry
	var logs []data.CrawlLog
	for _, res := range batch {
		r.inflight--
		r.busy[res.entry.Host] = false
		if res.stop {
			continue
		}
		done = append(done, res.entry)
		logs = append(logs, res.log)
		found = append(found, res.children...)
	}
	if err := r.commit(ctx, done, found, logs); err != nil {
		return err
	}
	for _, res := range batch {
		if res.stop {
			continue
		}
		r.fetched++
		r.sum.count(res)
		if res.errKind != "" && r.c.cfg.Log != nil {
			r.c.cfg.Log.Warn("crawl: fetch failed", "url", res.entry.URL, "kind", res.errKind, "err", res.err)
		}
		if res.body != nil {
			r.pipe.add(docFor(res.entry, res.body, r.c.arch.path(res.entry.SHA256)))
		}
	}
	return nil
}

// commit records done entries and queues the found ones not yet known in this pass
// (and within the shape cap), then schedules them.
func (r *run) commit(ctx context.Context, done, found []data.CrawlEntry, logs []data.CrawlLog) error {
	var fresh []data.CrawlEntry
	for _, e := range found {
		if r.known[e.Key] {
			continue
		}
		if u, err := url.Parse(e.URL); err == nil && e.Kind != kindSeed {
			s := shape(u)
			if r.shapes[s] >= r.c.cfg.MaxPerShape {
				r.sum.Traps++
				continue
			}
			r.shapes[s]++
		}
		r.known[e.Key] = true
		fresh = append(fresh, e)
	}
	if len(done) == 0 && len(fresh) == 0 && len(logs) == 0 {
		return nil
	}
	queued, err := r.c.frontier.CrawlCommit(ctx, r.gen, done, fresh, logs)
	if err != nil {
		return fmt.Errorf("crawl: %w", err)
	}
	for _, e := range queued {
		r.push(e)
	}
	return nil
}

func (r *run) push(e data.CrawlEntry) {
	r.queues[e.Host] = append(r.queues[e.Host], e)
}

// startAll starts one fetch on every idle host that has work: one request in flight per
// host, paced by its token bucket; the fetcher's semaphore bounds them across hosts.
func (r *run) startAll(ctx context.Context) {
	if ctx.Err() != nil {
		return
	}
	for h, q := range r.queues {
		if r.busy[h] || len(q) == 0 {
			continue
		}
		if max := r.c.cfg.MaxPages; max > 0 && r.fetched+r.inflight >= max {
			return
		}
		e := q[0]
		q[0] = data.CrawlEntry{}
		r.queues[h] = q[1:]
		if len(r.queues[h]) == 0 {
			delete(r.queues, h)
		}
		r.busy[h] = true
		r.hosts[h] = true
		r.inflight++
		go func() { r.results <- r.c.work(ctx, e) }()
	}
}

func (r *run) queued() int {
	n := 0
	for _, q := range r.queues {
		n += len(q)
	}
	return n
}

func (r *run) progress() {
	w := r.c.cfg.Progress
	if w == nil {
		return
	}
	fmt.Fprintf(w, "\rcrawl: %d fetched, %d queued, %d in flight, %d hosts, %d reports, %d stored, %d errors   ",
		r.fetched, r.queued(), r.inflight, len(r.hosts), r.sum.reports(), r.pipe.stored(), r.sum.failed())
}

// docFor is the pipeline input for a fetched body.
func docFor(e data.CrawlEntry, b []byte, path string) pipeDoc {
	return pipeDoc{kind: e.Kind, doc: ingest.Doc{Bytes: b, Source: data.Source{
		SHA256: e.SHA256, URL: e.URL, Path: path, FetchedAt: e.FetchedAt, HTTPStatus: e.HTTPStatus,
		ContentType: e.ContentType, Parent: e.ParentSHA,
	}}}
}

// entryFor builds a frontier entry for u found on parent (nil for a seed).
func entryFor(u *url.URL, kind string, depth int, parent *data.CrawlEntry, anchor string) data.CrawlEntry {
	e := data.CrawlEntry{Key: u.String(), URL: u.String(), Method: "GET", Host: u.Host, Kind: kind, Depth: depth,
		Anchor: anchor, Year: yearOf(anchor)}
	if parent != nil {
		e.ParentURL, e.ParentSHA = parent.URL, parent.SHA256
	}
	return e
}
