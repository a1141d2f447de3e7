package main

// The crawl tests' harness: a one-report portal served by httptest, and serve --crawl's
// dashboard over a fresh database.

import (
	"context"
	"encoding/json"
	"html"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"nianbao/analytics"
	"nianbao/dashboard"
	"nianbao/data/duckdb"
	"nianbao/ingest/crawl"
)

const reportTitle = "平潭综合实验区2019年政府信息公开工作年度报告"

// testPortal is a one-column portal: robots.txt allowing all, a 年报 list page linking
// one report page built from data/sample/t2019/002.src. The report page waits for
// release, so that a test can look at a crawl while it runs.
type testPortal struct {
	srv     *httptest.Server
	asked   chan struct{} // closed when the report page is first requested
	release chan struct{} // close to let the report page answer
	once    sync.Once
	free    sync.Once

	mu    sync.Mutex
	paths []string // every path requested, in order
}

// reportPath is the report page the list links; any other path but the list and
// robots.txt is a 404.
const reportPath = "/zwgk/gknb/202001/t20200131_1001.html"

func newTestPortal(t *testing.T) *testPortal {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "data", "sample", "t2019", "002.src"))
	if err != nil {
		t.Fatal(err)
	}
	report := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>` + reportTitle + `</title>
<meta name="ArticleTitle" content="` + reportTitle + `"><meta name="PubDate" content="2020-01-31 09:00"></head><body>
<div class="header"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div>
<h1>` + reportTitle + `</h1><div class="TRS_Editor"><p>` + html.EscapeString(string(b)) + `</p></div>
<div class="footer">主办：平潭综合实验区管委会办公室</div></body></html>`
	list := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body>
<div class="header"><a href="/">首页</a></div><div class="overview_right"><ul>
<li><a href="/zwgk/gknb/202001/t20200131_1001.html" target="_blank">` + reportTitle + `</a><span>2020-01-31</span></li>
</ul></div></body></html>`
	p := &testPortal{asked: make(chan struct{}), release: make(chan struct{})}
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "User-agent: *\nAllow: /\n") //nolint:errcheck // test server
	})
	mux.HandleFunc("/zwgk/gknb/index.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, list) //nolint:errcheck // test server
	})
	mux.HandleFunc(reportPath, func(w http.ResponseWriter, r *http.Request) {
		p.once.Do(func() { close(p.asked) })
		select {
		case <-p.release:
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, report) //nolint:errcheck // test server
	})
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.paths = append(p.paths, r.URL.Path)
		p.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(func() {
		p.free.Do(func() { close(p.release) })
		p.srv.Close()
	})
	return p
}

func (p *testPortal) seed() string { return p.srv.URL + "/zwgk/gknb/index.html" }

// requested returns the paths asked for so far, robots.txt aside.
func (p *testPortal) requested() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for _, path := range p.paths {
		if path != "/robots.txt" {
			out = append(out, path)
		}
	}
	return out
}

// times counts the requests for path.
func (p *testPortal) times(path string) int {
	n := 0
	for _, got := range p.requested() {
		if got == path {
			n++
		}
	}
	return n
}

func (p *testPortal) waitAsked(t *testing.T) {
	t.Helper()
	select {
	case <-p.asked:
	case <-time.After(20 * time.Second):
		t.Fatal("the crawl never asked for the report page")
	}
}

func (p *testPortal) answer() { p.free.Do(func() { close(p.release) }) }

// crawlServer is the dashboard over a fresh read-write database with a crawl job, as
// serve --crawl wires it.
type crawlServer struct {
	db     *duckdb.DB
	job    *crawlJob
	ts     *httptest.Server
	client *http.Client // does not follow redirects
	stop   context.CancelFunc
}

func newCrawlServer(t *testing.T) *crawlServer {
	t.Helper()
	if err := dashboard.CheckAssets(); err != nil {
		t.Skip(err)
	}
	dir := t.TempDir()
	ctx, stop := context.WithCancel(context.Background())
	db, err := duckdb.Open(ctx, duckdb.Config{Path: filepath.Join(dir, "serve.duckdb")})
	if err != nil {
		t.Fatal(err)
	}
	an, err := analytics.New(db)
	if err != nil {
		t.Fatal(err)
	}
	job := newCrawlJob(ctx, db, crawl.Config{Archive: filepath.Join(dir, "archive"), Timeout: 10 * time.Second,
		RetryBase: 10 * time.Millisecond}, nil)
	srv, err := dashboard.New(dashboard.Config{RequestTimeout: 10 * time.Second, RateLimit: 1000, Burst: 1000, Crawler: job}, db, an, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := &crawlServer{db: db, job: job, ts: httptest.NewServer(srv.Handler()), stop: stop, client: noRedirect}
	t.Cleanup(func() {
		s.ts.Close()
		stop()
		job.Wait()
		db.Close()
	})
	return s
}

// newPlainServer is the dashboard as serve without --crawl wires it: the database
// opened read-only and no crawler.
func newPlainServer(t *testing.T) *crawlServer {
	t.Helper()
	if err := dashboard.CheckAssets(); err != nil {
		t.Skip(err)
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "serve.duckdb")
	rw, err := duckdb.Open(ctx, duckdb.Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	rw.Close()
	db, err := duckdb.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	an, err := analytics.New(db)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := dashboard.New(dashboard.Config{RequestTimeout: 10 * time.Second, RateLimit: 1000, Burst: 1000}, db, an, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := &crawlServer{db: db, ts: httptest.NewServer(srv.Handler()), stop: func() {}, client: noRedirect}
	t.Cleanup(func() {
		s.ts.Close()
		db.Close()
	})
	return s
}

// noRedirect does not follow redirects, so that a test sees the 303 after a start.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// do sends a request to the dashboard, form-encoded when form is not nil, and returns
// the response's status, body and Location.
func (s *crawlServer) do(t *testing.T, method, path string, form url.Values, header map[string]string) (int, string, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, s.ts.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := s.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header.Get("Location")
}

func (s *crawlServer) post(t *testing.T, form url.Values) (int, string) {
	t.Helper()
	code, body, _ := s.do(t, http.MethodPost, "/crawl", form, nil)
	return code, body
}

func (s *crawlServer) get(t *testing.T, path string) string {
	t.Helper()
	code, body, _ := s.do(t, http.MethodGet, path, nil, nil)
	if code != http.StatusOK {
		t.Fatalf("GET %s: status %d: %.300s", path, code, body)
	}
	return body
}

type apiStatus struct {
	Enabled bool `json:"enabled"`
	dashboard.CrawlStatus
}

func (s *crawlServer) status(t *testing.T) apiStatus {
	t.Helper()
	var st apiStatus
	if err := json.Unmarshal([]byte(s.get(t, "/api/v1/crawl")), &st); err != nil {
		t.Fatal(err)
	}
	return st
}

// waitDone polls /api/v1/crawl until the crawl is no longer running.
func (s *crawlServer) waitDone(t *testing.T) apiStatus {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		st := s.status(t)
		if !st.Running {
			return st
		}
		if time.Now().After(deadline) {
			t.Fatalf("crawl still running after 60s: %+v", st)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// waitErrors polls /api/v1/crawl until the running crawl counts the failures want.
func (s *crawlServer) waitErrors(t *testing.T, want map[string]int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		st := s.status(t)
		if maps.Equal(st.Errors, want) { // nil and empty are equal
			return
		}
		if !st.Running || time.Now().After(deadline) {
			t.Fatalf("errors %v, want %v (running %v)", st.Errors, want, st.Running)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func queryCount(t *testing.T, db *duckdb.DB, q string) int {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	n := 0
	if rows.Next() {
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
	}
	return n
}
