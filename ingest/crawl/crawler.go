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

	onProgress func(Progress) // see OnProgress
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

	began, ended time.Time // the fetch, for Summary.timing
}

// maxUnsaved is how many results of one host may wait for their commit while the host
// fetches its next URL. A host does not wait for the writer (at the politeness rate a
// commit is done long before the host's next token), yet a kill loses at most this many
// recorded-nowhere fetches per host, plus the one in flight: the resume guarantee.
const maxUnsaved = 1

// run is the writer's state: only the goroutine running Run touches it.
type run struct {
	c        *Crawler
	gen      int
	known    map[string]bool
	shapes   map[string]int
	queues   map[string][]data.CrawlEntry
	busy     map[string]bool // a fetch of the host is in flight
	unsaved  map[string]int  // results of the host received but not yet committed
	inflight int             // fetches in flight
	pending  []result        // results received, for the next commit
	saving   int             // results in the commit running, 0 when none runs
	fetched  int
	results  chan result
	commits  chan committed
	failed   error // a commit failed: fetch nothing more, return it
	pipe     *pipeline
	sum      *Summary
	hosts    map[string]bool
	lastEnd  map[string]time.Time // when the host's last fetch ended, for Summary.timing
}

// committed is what a group commit, run off the loop, sends back.
type committed struct {
	batch  []result
	queued []data.CrawlEntry
	took   time.Duration
	err    error
}

// Run crawls until the frontier is empty, MaxPages fetches are done or ctx is done, and
// returns what it did. An interrupted run (ctx, or a kill) resumes when run again: what
// was queued stays queued, what was fetched is not fetched again (after a kill, at most
// the fetches in flight or awaiting their commit: two per host), and a fetched body that
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
		busy: map[string]bool{}, unsaved: map[string]int{}, results: make(chan result, 256), commits: make(chan committed, 1),
		sum: sum, hosts: map[string]bool{}, lastEnd: map[string]time.Time{}}
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
	if _, err := c.frontier.CrawlCommit(ctx, gen, nil, r.fresh(seeds), nil); err != nil {
		return sum, r.finish(fmt.Errorf("crawl: %w", err), start)
	}
	// The seeds just queued come back with the rest of the queue.
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

// loop starts fetches and records their results until nothing is left to do. Results
// are recorded in group commits that run beside the loop: while one commits, the results
// arriving meanwhile gather for the next, so the groups grow with the load, and a host
// goes on to its next URL without waiting (up to maxUnsaved results of it uncommitted).
func (r *run) loop(ctx context.Context) error {
	// What was fetched is recorded even when ctx ends: a signal stops fetching, not
	// recording, so a clean stop refetches nothing.
	wctx := context.WithoutCancel(ctx)
	r.startAll(ctx)
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for r.inflight > 0 || r.saving > 0 || len(r.pending) > 0 {
		if r.saving == 0 && len(r.pending) > 0 {
			r.commitAsync(wctx)
		}
		select {
		case res := <-r.results:
			r.receive(res)
		drain:
			for {
				select {
				case res := <-r.results:
					r.receive(res)
				default:
					break drain
				}
			}
		case c := <-r.commits:
			r.recorded(c)
		case <-tick.C:
			r.progress()
			continue
		}
		r.startAll(ctx)
	}
	r.progress()
	if r.c.cfg.Progress != nil {
		fmt.Fprintln(r.c.cfg.Progress)
	}
	if r.failed != nil {
		return r.failed
	}
	return ctx.Err()
}

// receive takes a fetch's result: the host is free for its next fetch, and the result
// waits for the next commit.
func (r *run) receive(res result) {
	r.inflight--
	r.busy[res.entry.Host] = false
	r.lastEnd[res.entry.Host] = res.ended
	if res.stop || r.failed != nil {
		return // left queued in the frontier
	}
	r.unsaved[res.entry.Host]++
	r.pending = append(r.pending, res)
}

// commitAsync starts the group commit of the pending results: the fetches' outcomes, the
// entries they found not yet known in this pass (within the shape cap) and their log.
func (r *run) commitAsync(ctx context.Context) {
	batch := r.pending
	r.pending = nil
	r.saving = len(batch)
	done := make([]data.CrawlEntry, 0, len(batch))
	logs := make([]data.CrawlLog, 0, len(batch))
	var found []data.CrawlEntry
	for _, res := range batch {
		done = append(done, res.entry)
		logs = append(logs, res.log)
		found = append(found, res.children...)
	}
	fresh := r.fresh(found)
	go func() {
		start := time.Now()
		queued, err := r.c.frontier.CrawlCommit(ctx, r.gen, done, fresh, logs)
		r.commits <- committed{batch: batch, queued: queued, took: time.Since(start), err: err}
	}()
}

// recorded schedules what a group commit queued and hands the bodies it recorded to the
// pipeline: a body reaches the pipeline only once the frontier says it was fetched, and
// was archived before that.
func (r *run) recorded(c committed) {
	r.saving = 0
	end := time.Now()
	r.sum.timing.busy += c.took
	r.sum.timing.commits++
	for _, res := range c.batch {
		r.unsaved[res.entry.Host]--
		if r.unsaved[res.entry.Host] == 0 {
			delete(r.unsaved, res.entry.Host)
		}
	}
	if c.err != nil {
		if r.failed == nil {
			r.failed = fmt.Errorf("crawl: %w", c.err)
		}
		r.pending = nil
		return
	}
	for _, res := range c.batch {
		r.fetched++
		r.sum.count(res)
		r.sum.timing.rows++
		r.sum.timing.fetch += res.ended.Sub(res.began)
		r.sum.timing.wait += end.Sub(res.ended)
		if res.errKind != "" && r.c.cfg.Log != nil {
			r.c.cfg.Log.Warn("crawl: fetch failed", "url", res.entry.URL, "kind", res.errKind, "err", res.err)
		}
		if res.body != nil {
			r.pipe.add(docFor(res.entry, res.body, r.c.arch.path(res.entry.SHA256)))
		}
	}
	for _, e := range c.queued {
		r.push(e)
	}
}

// fresh returns the entries of found not yet known in this pass and within the shape
// cap, and marks them known.
func (r *run) fresh(found []data.CrawlEntry) []data.CrawlEntry {
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
	return fresh
}

func (r *run) push(e data.CrawlEntry) {
	r.queues[e.Host] = append(r.queues[e.Host], e)
}

// startAll starts one fetch on every idle host that has work: one request in flight per
// host, paced by its token bucket, and at most maxUnsaved of its results uncommitted; the
// fetcher's semaphore bounds the requests across hosts.
func (r *run) startAll(ctx context.Context) {
	if ctx.Err() != nil || r.failed != nil {
		return
	}
	for h, q := range r.queues {
		if r.busy[h] || r.unsaved[h] > maxUnsaved || len(q) == 0 {
			continue
		}
		if max := r.c.cfg.MaxPages; max > 0 && r.fetched+r.saving+len(r.pending)+r.inflight >= max {
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
		if t, ok := r.lastEnd[h]; ok {
			r.sum.timing.idle += time.Since(t)
			r.sum.timing.restarts++
		}
		r.inflight++
		go func() {
			began := time.Now()
			res := r.c.work(ctx, e)
			res.began, res.ended = began, time.Now()
			r.results <- res
		}()
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
	r.notify()
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
