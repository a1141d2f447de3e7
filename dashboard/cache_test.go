package dashboard_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"nianbao/analytics"
	"nianbao/dashboard"
)

// The response cache's tests run servers with the cache over the fixture's database; the
// fixture's own server (fx.ts), without it, is the reference for what each URL answers.

// testHost is the Host every request names, so that the export page, which prints it,
// reads the same on every server.
const testHost = "nianbao.test"

// cacheServer is a server over the fixture's database with a response cache of size n;
// an, if not nil, wraps the real analytics.
func cacheServer(t *testing.T, n int64, wrap func(dashboard.Analytics) dashboard.Analytics) (*dashboard.Server, *httptest.Server) {
	t.Helper()
	var an dashboard.Analytics
	an, err := analytics.New(fx.db)
	if err != nil {
		t.Fatal(err)
	}
	if wrap != nil {
		an = wrap(an)
	}
	srv, err := dashboard.New(dashboard.Config{RequestTimeout: 10 * time.Second, RateLimit: 10000, Burst: 10000, CacheBytes: n},
		fx.db, an, fx.console)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return srv, ts
}

type reply struct {
	code   int
	header http.Header
	body   []byte // as sent: gzip-compressed if Content-Encoding says so
}

// raw does not decompress, so bodies are compared as sent.
var raw = &http.Client{Transport: &http.Transport{DisableCompression: true}}

func gzipped(r *http.Request) { r.Header.Set("Accept-Encoding", "gzip") }

func fetch(ctx context.Context, base, method, path string, opts ...func(*http.Request)) (reply, error) {
	req, err := http.NewRequestWithContext(ctx, method, base+path, nil)
	if err != nil {
		return reply{}, err
	}
	req.Host = testHost
	for _, o := range opts {
		o(req)
	}
	resp, err := raw.Do(req)
	if err != nil {
		return reply{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return reply{resp.StatusCode, resp.Header, b}, err
}

func mustFetch(t *testing.T, base, path string, opts ...func(*http.Request)) reply {
	t.Helper()
	r, err := fetch(context.Background(), base, http.MethodGet, path, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// content is the body decompressed, to compare the responses of two servers (one
// server's cached copy is compared byte for byte).
func (r reply) content(t *testing.T) string {
	t.Helper()
	body := r.body
	if r.header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(r.body))
		if err == nil {
			body, err = io.ReadAll(zr)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return string(body)
}

func TestCacheHit(t *testing.T) {
	_, body := get(t, "/api/v1/reports?limit=1")
	id := regexp.MustCompile(`"report_id":"([0-9a-f]+)"`).FindStringSubmatch(body + `"report_id":"0"`)[1]
	tests := []struct {
		name, path string
		gzip       bool
	}{
		{"overview page", "/", false},
		{"overview page gzipped", "/", true},
		{"english page", "/regions?lang=en&metric=refusal_rate", false},
		{"report page", "/report/" + id, true},
		{"report as json", "/report/" + id + "?format=json", false},
		{"export page printing the host", "/export", false},
		{"api view", "/api/v1/reports?limit=5", false},
		{"api view gzipped", "/api/v1/facts?limit=50", true},
		{"api search", "/api/v1/search?q=" + url.QueryEscape("不予公开"), false},
	}
	srv, ts := cacheServer(t, dashboard.DefaultCacheBytes, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts []func(*http.Request)
			if tt.gzip {
				opts = append(opts, gzipped)
			}
			before := srv.CacheStats()
			first, second := mustFetch(t, ts.URL, tt.path, opts...), mustFetch(t, ts.URL, tt.path, opts...)
			ref := mustFetch(t, fx.ts.URL, tt.path, opts...)
			if first.code != 200 || second.code != 200 {
				t.Fatalf("status %d then %d", first.code, second.code)
			}
			if a, b := first.header.Get("X-Cache"), second.header.Get("X-Cache"); a != "miss" || b != "hit" {
				t.Errorf("X-Cache %q then %q, want miss then hit", a, b)
			}
			if !bytes.Equal(first.body, second.body) {
				t.Errorf("the hit's body differs from the miss's (%d and %d bytes)", len(first.body), len(second.body))
			}
			if second.content(t) != ref.content(t) {
				t.Errorf("the hit's body differs from the server's without the cache")
			}
			if tt.gzip != (second.header.Get("Content-Encoding") == "gzip") && len(ref.body) >= 1024 {
				t.Errorf("Content-Encoding %q for a client that takes gzip: %v", second.header.Get("Content-Encoding"), tt.gzip)
			}
			// what describes the content is replayed; the security headers are the middleware's
			for _, h := range []string{"Content-Type", "Content-Encoding", "Content-Disposition", "Vary",
				"Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"} {
				if a, b, r := first.header.Get(h), second.header.Get(h), ref.header.Get(h); a != b || b != r {
					t.Errorf("%s: miss %q, hit %q, without the cache %q", h, a, b, r)
				}
			}
			if n, _ := strconv.Atoi(second.header.Get("Content-Length")); n != len(second.body) || second.header.Get("Content-Security-Policy") == "" {
				t.Errorf("hit: Content-Length %q for %d bytes, CSP %q", second.header.Get("Content-Length"), len(second.body), second.header.Get("Content-Security-Policy"))
			}
			if a, b := first.header.Get("X-Request-Id"), second.header.Get("X-Request-Id"); a == "" || b == "" || a == b {
				t.Errorf("X-Request-Id %q then %q, want a fresh one each time", a, b)
			}
			after := srv.CacheStats()
			if after.Hits != before.Hits+1 || after.Misses != before.Misses+1 || after.Stored != before.Stored+1 {
				t.Errorf("stats went from %+v to %+v, want one miss stored and one hit", before, after)
			}
		})
	}
}

// TestCacheKey: two requests share an entry exactly when they ask for the same response.
func TestCacheKey(t *testing.T) {
	host := func(h string) func(*http.Request) { return func(r *http.Request) { r.Host = h } }
	tests := []struct {
		name          string
		first, second string
		opts1, opts2  []func(*http.Request)
		shared        bool
	}{
		{name: "parameter order", first: "/api/v1/reports?year=2019&region=320000", second: "/api/v1/reports?region=320000&year=2019", shared: true},
		{name: "parameter order on a page", first: "/regions?metric=grant_rate&peer=parent", second: "/regions?peer=parent&metric=grant_rate", shared: true},
		{name: "escaping of the same value", first: "/api/v1/search?q=a+b", second: "/api/v1/search?q=a%20b", shared: true},
		{name: "trailing slash removed", first: "/quality/", second: "/quality", shared: true},
		{name: "different year", first: "/api/v1/reports?year=2019", second: "/api/v1/reports?year=2020"},
		{name: "different region", first: "/?region=320000", second: "/?region=350000"},
		{name: "another language", first: "/trends", second: "/trends?lang=en"},
		{name: "another page of results", first: "/api/v1/facts?limit=5&page=1", second: "/api/v1/facts?limit=5&page=2"},
		{name: "gzip and identity", first: "/", second: "/", opts1: []func(*http.Request){gzipped}},
		{name: "another host", first: "/export", second: "/export", opts1: []func(*http.Request){host("a.example")},
			opts2: []func(*http.Request){host("b.example")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, ts := cacheServer(t, dashboard.DefaultCacheBytes, nil)
			a, b := mustFetch(t, ts.URL, tt.first, tt.opts1...), mustFetch(t, ts.URL, tt.second, tt.opts2...)
			if a.code != 200 || b.code != 200 {
				t.Fatalf("status %d and %d", a.code, b.code)
			}
			want, entries := "miss", 2
			if tt.shared {
				want, entries = "hit", 1
			}
			if got := b.header.Get("X-Cache"); got != want {
				t.Errorf("second request: X-Cache %q, want %q", got, want)
			}
			if st := srv.CacheStats(); st.Entries != entries {
				t.Errorf("%d entries, want %d", st.Entries, entries)
			}
			ref := mustFetch(t, fx.ts.URL, tt.second, tt.opts2...)
			if b.content(t) != ref.content(t) || b.header.Get("Content-Encoding") != ref.header.Get("Content-Encoding") {
				t.Errorf("second response differs from the server's without the cache")
			}
		})
	}
}

// TestCacheNeverStores: the console, the crawl pages, static files, exports and
// anything but a 200 pass through the cache and are not kept.
func TestCacheNeverStores(t *testing.T) {
	form := func(r *http.Request) {
		r.Body = io.NopCloser(strings.NewReader("sql=SELECT+42"))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	tests := []struct {
		name, method, path string
		opts               []func(*http.Request)
		code               int
	}{
		{"sql console", "GET", "/sql", nil, 200},
		{"sql query in the url", "GET", "/sql?sql=SELECT+42", nil, 200},
		{"sql query posted", "POST", "/sql", []func(*http.Request){form}, 200},
		{"crawl page", "GET", "/crawl", nil, 200},
		{"crawl status", "GET", "/api/v1/crawl", nil, 200},
		{"static file", "GET", "/static/app.css", nil, 200},
		{"health check", "GET", "/healthz", nil, 200},
		{"csv export", "GET", "/api/v1/reports?format=csv", nil, 200},
		{"csv of a chart", "GET", "/api/v1/indicators?format=csv&limit=3", []func(*http.Request){gzipped}, 200},
		{"parquet export", "GET", "/api/v1/reports?format=parquet", nil, 200},
		{"bad parameter", "GET", "/api/v1/reports?year=abc", nil, 400},
		{"page asked for csv", "GET", "/?format=csv", nil, 400},
		{"unknown parameter", "GET", "/api/v1/reports?foo=1", nil, 400},
		{"unknown report", "GET", "/report/ffffffffffffffff", nil, 404},
		{"unknown path", "GET", "/nowhere", nil, 404},
		{"post to a page", "POST", "/", nil, 405},
	}
	srv, ts := cacheServer(t, dashboard.DefaultCacheBytes, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i := range 2 {
				r, err := fetch(context.Background(), ts.URL, tt.method, tt.path, tt.opts...)
				if err != nil {
					t.Fatal(err)
				}
				if r.code != tt.code {
					t.Fatalf("request %d: status %d, want %d: %.200s", i+1, r.code, tt.code, r.body)
				}
				if r.header.Get("X-Cache") == "hit" {
					t.Errorf("request %d: served from the cache", i+1)
				}
			}
			if st := srv.CacheStats(); st.Entries != 0 || st.Stored != 0 || st.Hits != 0 {
				t.Errorf("stored: %+v", st)
			}
		})
	}
}

// TestCacheLargeBody: a response over the entry limit (1/16 of a 16 KiB cache here) is
// passed to the client whole and not kept, and later requests of its URL go straight
// to the handler.
func TestCacheLargeBody(t *testing.T) {
	tests := []struct{ name, path string }{
		{"overview page", "/"},
		{"api page", "/api/v1/facts?limit=200"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, ts := cacheServer(t, 16<<10, nil)
			ref := mustFetch(t, fx.ts.URL, tt.path)
			if len(ref.body) <= 1<<10 {
				t.Fatalf("%s is %d bytes: not over the limit", tt.path, len(ref.body))
			}
			for i := range 3 {
				r := mustFetch(t, ts.URL, tt.path)
				if r.code != 200 || r.header.Get("X-Cache") != "miss" || r.content(t) != ref.content(t) {
					t.Errorf("request %d: status %d, X-Cache %q, %d bytes (want %d)", i+1, r.code, r.header.Get("X-Cache"), len(r.body), len(ref.body))
				}
			}
			if st := srv.CacheStats(); st.Stored != 0 || st.Hits != 0 || st.Misses != 3 || st.Bytes > 1<<10 {
				t.Errorf("stats %+v, want 3 misses and nothing stored", st)
			}
		})
	}
}

// TestCacheEvictsLRU fills a small cache with API pages until it first evicts: the
// least recently used entry goes, the one just read stays, and the bytes stay bounded.
func TestCacheEvictsLRU(t *testing.T) {
	const size = 16 << 10
	page := func(i int) string { return "/api/v1/dictionary?limit=1&page=" + strconv.Itoa(i) }
	tests := []struct {
		name        string
		touchFirst  bool   // read page 1 again after each new page
		kept, evict string // after the first eviction
	}{
		{"the first page, read again each time, is kept", true, page(1), page(2)},
		{"the first page, never read again, goes first", false, "", page(1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, ts := cacheServer(t, size, nil)
			n := 0
			for i := 1; srv.CacheStats().Evictions == 0; i++ {
				if i > 200 {
					t.Fatalf("no eviction after %d pages: %+v", i, srv.CacheStats())
				}
				if r := mustFetch(t, ts.URL, page(i)); r.code != 200 || r.header.Get("X-Cache") != "miss" {
					t.Fatalf("%s: status %d, X-Cache %q", page(i), r.code, r.header.Get("X-Cache"))
				}
				if tt.touchFirst && srv.CacheStats().Evictions == 0 && i > 1 {
					if r := mustFetch(t, ts.URL, page(1)); r.header.Get("X-Cache") != "hit" {
						t.Fatalf("page 1 not a hit before any eviction")
					}
				}
				if st := srv.CacheStats(); st.Bytes > size {
					t.Fatalf("%d bytes held in a cache of %d", st.Bytes, size)
				}
				n = i
			}
			if n < 4 {
				t.Fatalf("evicted after %d pages: entries too large for the test", n)
			}
			if tt.kept != "" {
				if r := mustFetch(t, ts.URL, tt.kept); r.header.Get("X-Cache") != "hit" {
					t.Errorf("%s: X-Cache %q, want hit (recently used)", tt.kept, r.header.Get("X-Cache"))
				}
			}
			if r := mustFetch(t, ts.URL, tt.evict); r.header.Get("X-Cache") != "miss" {
				t.Errorf("%s: X-Cache %q, want miss (least recently used)", tt.evict, r.header.Get("X-Cache"))
			}
		})
	}
}

// gate wraps the real analytics: the first Open of view waits for release (or its
// request's end), then fails as told; every Open is counted.
type gate struct {
	dashboard.Analytics
	view    analytics.View
	fail    string // "", "error" or "panic"
	opens   atomic.Int32
	release chan struct{}
}

func (g *gate) Open(ctx context.Context, v analytics.View, p analytics.Params) (analytics.Cursor, error) {
	if v == g.view && g.opens.Add(1) == 1 {
		select {
		case <-g.release:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		switch g.fail {
		case "error":
			return nil, errors.New("dashboard test: a failing query")
		case "panic":
			panic("dashboard test: a panicking query")
		}
	}
	return g.Analytics.Open(ctx, v, p)
}

// until waits for cond, polling; the deadline only keeps a broken cache from hanging.
func until(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

const coalesced = "/api/v1/reports?limit=5"

// concurrentMiss sends a request of coalesced (the leader), which g holds in its query,
// then n more; once all n wait for the leader, it calls unblock, and returns the
// leader's reply (or error) and the others'.
func concurrentMiss(ctx context.Context, t *testing.T, srv *dashboard.Server, base string, g *gate, n int, unblock func()) (reply, []reply, error) {
	t.Helper()
	var lr reply
	var lerr error
	lead := make(chan struct{})
	go func() { lr, lerr = fetch(ctx, base, http.MethodGet, coalesced); close(lead) }()
	until(t, "the leader's query", func() bool { return g.opens.Load() > 0 })
	rs, errs := make([]reply, n), make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { rs[i], errs[i] = fetch(context.Background(), base, http.MethodGet, coalesced) })
	}
	until(t, "the waiters", func() bool { return srv.CacheStats().Waiting == n })
	unblock()
	wg.Wait()
	<-lead
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	return lr, rs, lerr
}

// TestCacheSingleFlight: concurrent misses of one URL run the handler once and all get
// its bytes. When the request computing the miss fails, the ones waiting for it get
// neither its failure nor an empty body: one of them computes the response for the rest.
func TestCacheSingleFlight(t *testing.T) {
	const n = 6 // requests arriving while the first computes
	tests := []struct {
		name       string
		fail       string // how the leader's query ends: "", "error" or "panic"
		cancel     bool   // the leader's client goes away
		leaderCode int    // 0: the leader gets no response
		runs       int32  // times the query runs
	}{
		{name: "the leader succeeds", leaderCode: 200, runs: 1},
		{name: "the leader's client goes away", cancel: true, runs: 2},
		{name: "the leader's query fails", fail: "error", leaderCode: 500, runs: 2},
		{name: "the leader panics", fail: "panic", leaderCode: 500, runs: 2},
	}
	ref := mustFetch(t, fx.ts.URL, coalesced)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &gate{view: analytics.ViewReports, fail: tt.fail, release: make(chan struct{})}
			srv, ts := cacheServer(t, dashboard.DefaultCacheBytes, func(a dashboard.Analytics) dashboard.Analytics { g.Analytics = a; return g })
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			unblock := func() { close(g.release) }
			if tt.cancel {
				unblock = cancel
			}
			lr, rs, err := concurrentMiss(ctx, t, srv, ts.URL, g, n, unblock)
			if (err != nil) != tt.cancel || lr.code != tt.leaderCode || (lr.code == 200 && !bytes.Equal(lr.body, ref.body)) {
				t.Errorf("leader: %v, status %d, want %d", err, lr.code, tt.leaderCode)
			}
			hits := 0
			for i, r := range rs {
				if r.code != 200 || !bytes.Equal(r.body, ref.body) {
					t.Errorf("waiter %d: status %d, %d bytes (want %d): %.200s", i, r.code, len(r.body), len(ref.body), r.body)
				}
				if r.header.Get("X-Cache") == "hit" {
					hits++
				}
			}
			if got := g.opens.Load(); got != tt.runs {
				t.Errorf("the query ran %d times, want %d", got, tt.runs)
			}
			st, want := srv.CacheStats(), int64(n)-int64(tt.runs-1)
			if int64(hits) != want || st.Hits != want || st.Misses != int64(tt.runs) || st.Stored != 1 || st.Waiting != 0 ||
				(tt.runs == 1 && st.Coalesced != n) {
				t.Errorf("%d waiters served from the cache, stats %+v; want %d hits, %d misses", hits, st, want, tt.runs)
			}
			if r := mustFetch(t, ts.URL, coalesced); r.header.Get("X-Cache") != "hit" || !bytes.Equal(r.body, ref.body) {
				t.Errorf("afterwards: X-Cache %q", r.header.Get("X-Cache"))
			}
		})
	}
}

// TestCacheOff: with CacheBytes 0 (the fixture's server) nothing is cached or marked.
func TestCacheOff(t *testing.T) {
	for _, p := range []string{"/", "/api/v1/reports?limit=5", "/export"} {
		t.Run(p, func(t *testing.T) {
			for range 2 {
				if r := mustFetch(t, fx.ts.URL, p); r.code != 200 || r.header.Get("X-Cache") != "" {
					t.Errorf("status %d, X-Cache %q", r.code, r.header.Get("X-Cache"))
				}
			}
		})
	}
	if st := fx.srv.CacheStats(); st != (dashboard.CacheStats{}) {
		t.Errorf("stats %+v", st)
	}
	if _, err := dashboard.New(dashboard.Config{CacheBytes: -1}, fx.db, nil, nil); err == nil {
		t.Errorf("a negative cache size was accepted")
	}
}
