package dashboard

import (
	"bytes"
	"container/list"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/labstack/echo/v4"
)

// The response cache exists because serve opens the database read-only: nothing can
// change the data while the process lives, so the response to a GET of a page or of the
// JSON API is a pure function of its URL, and a dashboard reloaded by a supervisor, a
// link shared by a journalist or a load test cycling through a few hundred URLs would
// otherwise run the same DuckDB queries again and again. A cold URL still costs what
// it costs; the bench measures those cold paths on a server without the cache.
//
// The cache sits behind the rate limiter (a hit still counts against the client) and
// the security headers, and in front of the gzip middleware, so a hit is a copy of
// stored bytes with no query and no compression; whether the client takes gzip is part
// of the key. Which routes are cached is decided where they are registered (routes);
// anything else — the SQL console, crawls, static files, exports — passes through.

// DefaultCacheBytes is the response cache size serve and the bench use.
const DefaultCacheBytes = 64 << 20

// Limits of one stored response: a larger one (a big export, a huge report) is passed
// through untouched and not kept, so that one URL cannot flush the rest.
const (
	maxCachedBody  = 1 << 20
	cacheEntryCost = 256 // bytes of bookkeeping counted per entry beyond key, headers and body
	headerXCache   = "X-Cache"
)

// replayed are the response headers that describe the content, stored and replayed with
// the body. Everything else is per request (X-Request-Id, the security headers set by
// the middleware in front of the cache) or per connection.
var replayed = []string{
	echo.HeaderContentType, echo.HeaderContentEncoding, echo.HeaderContentDisposition,
	"Content-Language", echo.HeaderCacheControl, echo.HeaderVary, "Expires", "Etag",
	echo.HeaderLastModified, "Link",
}

// CacheStats are the response cache's counters since the server started (all zero when
// the cache is off).
type CacheStats struct {
	Hits      int64 // responses served from the cache, waiters for a concurrent miss included
	Coalesced int64 // of Hits, requests that waited for another request's miss of the same URL
	Misses    int64 // cacheable requests that ran the handler
	Stored    int64 // responses stored
	Evictions int64 // entries dropped to make room (least recently used first)
	Entries   int   // entries now, URLs known to be too large to keep included
	Bytes     int64 // bytes held now: bodies, keys, headers and bookkeeping
	Waiting   int   // requests waiting now for a concurrent miss of their URL
}

// CacheStats returns the response cache's counters.
func (s *Server) CacheStats() CacheStats {
	if s.cache == nil {
		return CacheStats{}
	}
	return s.cache.stats()
}

// responseCache is an LRU of status-200 responses bounded by bytes, with single flight: of
// concurrent misses of one key, one request (the leader) runs the handler and the
// others wait for its response.
type responseCache struct {
	max, maxBody int64
	routes       map[string]bool // echo route paths (c.Path()) whose GETs are cached

	mu      sync.Mutex
	size    int64
	lru     *list.List               // of *cacheEntry, most recently used first
	items   map[string]*list.Element // by key
	flight  map[string]*flight       // misses being computed, by key
	waiting int

	hits, coalesced, misses, stored, evictions atomic.Int64
}

type cacheEntry struct {
	key    string
	header http.Header // the replayed headers
	body   []byte
	big    bool // the response is larger than maxBody: pass the URL through, no single flight
	cost   int64
}

// flight is a miss being computed. entry is set, before done is closed, to what the
// leader stored, or nil if it failed (an error, a panic, a status other than 200, its
// client gone): its waiters then try again, one of them leading.
type flight struct {
	done  chan struct{}
	entry *cacheEntry
}

func newResponseCache(maxBytes int64) *responseCache {
	return &responseCache{
		max: maxBytes, maxBody: min(maxCachedBody, maxBytes/16),
		routes: map[string]bool{}, lru: list.New(),
		items: map[string]*list.Element{}, flight: map[string]*flight{},
	}
}

func (k *responseCache) stats() CacheStats {
	k.mu.Lock()
	defer k.mu.Unlock()
	return CacheStats{Hits: k.hits.Load(), Coalesced: k.coalesced.Load(), Misses: k.misses.Load(),
		Stored: k.stored.Load(), Evictions: k.evictions.Load(), Entries: k.lru.Len(), Bytes: k.size,
		Waiting: k.waiting}
}

// key is what a response may depend on: the host (the export page prints it in its
// examples), whether the gzip middleware will compress (it checks exactly this), and
// the path with the query parameters sorted by name, so that ?year=2020&region=32 and
// ?region=32&year=2020 share an entry. The language is a query parameter (?lang=en);
// no handler reads cookies or Accept-Language. ok is false if the query does not parse
// (checkQuery refuses those before the cache).
func cacheKey(r *http.Request) (key string, ok bool) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return "", false
	}
	enc := "-"
	if strings.Contains(r.Header.Get(echo.HeaderAcceptEncoding), "gzip") {
		enc = "gzip"
	}
	return r.Host + " " + enc + " " + r.URL.EscapedPath() + "?" + q.Encode(), true
}

// cacheable: a GET of a cached route, other than a CSV or Parquet export (those stream
// whole selections, and a download is not worth a place in memory).
func (k *responseCache) cacheable(c echo.Context) bool {
	if c.Request().Method != http.MethodGet || !k.routes[c.Path()] {
		return false
	}
	f := c.QueryParam("format")
	return f != "csv" && f != "parquet"
}

func (k *responseCache) middleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !k.cacheable(c) {
			return next(c)
		}
		key, ok := cacheKey(c.Request())
		if !ok {
			return next(c)
		}
		ctx := c.Request().Context()
		for {
			e, fl, lead := k.acquire(key)
			switch {
			case lead:
				return k.lead(c, key, fl, next)
			case e != nil:
				return k.serve(c, e, next, false)
			}
			select {
			case <-fl.done:
			case <-ctx.Done():
				k.leave()
				return fmt.Errorf("dashboard: cache: waiting for a concurrent request: %w", ctx.Err())
			}
			k.leave()
			if fl.entry != nil {
				return k.serve(c, fl.entry, next, true)
			}
			// The leader failed: look again, and lead if no one else does.
		}
	}
}

// acquire returns the stored entry of key, or the flight to wait for, or a new flight
// the caller leads.
func (k *responseCache) acquire(key string) (*cacheEntry, *flight, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if el, ok := k.items[key]; ok {
		k.lru.MoveToFront(el)
		return el.Value.(*cacheEntry), nil, false
	}
	if fl, ok := k.flight[key]; ok {
		k.waiting++
		return nil, fl, false
	}
	fl := &flight{done: make(chan struct{})}
	k.flight[key] = fl
	return nil, fl, true
}

func (k *responseCache) leave() {
	k.mu.Lock()
	k.waiting--
	k.mu.Unlock()
}

// serve replays e, or runs the handler for a URL known to be too large to keep.
func (k *responseCache) serve(c echo.Context, e *cacheEntry, next echo.HandlerFunc, waited bool) error {
	res := c.Response()
	if e.big {
		k.misses.Add(1)
		res.Header().Set(headerXCache, "miss")
		return next(c)
	}
	k.hits.Add(1)
	if waited {
		k.coalesced.Add(1)
	}
	h := res.Header()
	for name, vs := range e.header {
		h[name] = slices.Clone(vs)
	}
	h.Set(headerXCache, "hit")
	h.Set(echo.HeaderContentLength, strconv.Itoa(len(e.body)))
	res.WriteHeader(http.StatusOK)
	_, err := res.Write(e.body)
	return err
}

// lead runs the handler, recording what it writes, and stores a complete 200. The
// deferred release runs on a panic too, so waiters are never left waiting.
func (k *responseCache) lead(c echo.Context, key string, fl *flight, next echo.HandlerFunc) (err error) {
	k.misses.Add(1)
	res := c.Response()
	res.Header().Set(headerXCache, "miss")
	rec := &recorder{ResponseWriter: res.Writer, limit: k.maxBody}
	res.Writer = rec
	var e *cacheEntry
	defer func() {
		res.Writer = rec.ResponseWriter
		k.release(key, fl, e)
	}()
	err = next(c)
	switch {
	case err != nil || rec.failed || rec.status != http.StatusOK || c.Request().Context().Err() != nil:
	case rec.over:
		e = &cacheEntry{key: key, big: true}
	default:
		e = &cacheEntry{key: key, header: rec.header, body: bytes.Clone(rec.body.Bytes())}
	}
	return err
}

// release ends the flight of key, storing e if not nil.
func (k *responseCache) release(key string, fl *flight, e *cacheEntry) {
	k.mu.Lock()
	delete(k.flight, key)
	if e != nil {
		k.add(e)
	}
	k.mu.Unlock()
	fl.entry = e
	close(fl.done)
}

// add stores e, evicting the least recently used entries to make room. k.mu is held.
func (k *responseCache) add(e *cacheEntry) {
	e.cost = int64(len(e.key)+len(e.body)) + cacheEntryCost
	for name, vs := range e.header {
		e.cost += int64(len(name))
		for _, v := range vs {
			e.cost += int64(len(v))
		}
	}
	if e.cost > k.max {
		return
	}
	if el, ok := k.items[e.key]; ok {
		k.remove(el)
	}
	for k.size+e.cost > k.max {
		k.remove(k.lru.Back())
		k.evictions.Add(1)
	}
	k.items[e.key] = k.lru.PushFront(e)
	k.size += e.cost
	if !e.big {
		k.stored.Add(1)
	}
}

func (k *responseCache) remove(el *list.Element) {
	e := k.lru.Remove(el).(*cacheEntry)
	delete(k.items, e.key)
	k.size -= e.cost
}

// recorder passes the response through to the client as it is written and keeps a copy
// of the status, the replayed headers and the body, up to limit bytes: past that it
// drops the copy and stops recording, so a stream is never held in memory.
type recorder struct {
	http.ResponseWriter
	limit  int64
	status int
	header http.Header
	body   bytes.Buffer
	over   bool // the body passed limit
	failed bool // a write to the client failed: the response may be cut short
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
		r.header = http.Header{}
		for _, name := range replayed {
			if vs := r.Header().Values(name); len(vs) > 0 {
				r.header[name] = slices.Clone(vs)
			}
		}
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.WriteHeader(http.StatusOK)
	}
	if !r.over {
		if int64(r.body.Len()+len(b)) > r.limit {
			r.over = true
			r.body = bytes.Buffer{}
		} else {
			r.body.Write(b)
		}
	}
	n, err := r.ResponseWriter.Write(b)
	if err != nil {
		r.failed = true
	}
	return n, err
}

func (r *recorder) Flush() {
	_ = http.NewResponseController(r.ResponseWriter).Flush()
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
