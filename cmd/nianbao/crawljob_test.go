package main

import (
	"context"
	"encoding/json"
	"html"
	"io"
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
}

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
	mux.HandleFunc("/zwgk/gknb/202001/t20200131_1001.html", func(w http.ResponseWriter, r *http.Request) {
		p.once.Do(func() { close(p.asked) })
		select {
		case <-p.release:
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, report) //nolint:errcheck // test server
	})
	p.srv = httptest.NewServer(mux)
	t.Cleanup(func() {
		p.free.Do(func() { close(p.release) })
		p.srv.Close()
	})
	return p
}

func (p *testPortal) seed() string { return p.srv.URL + "/zwgk/gknb/index.html" }

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
	s := &crawlServer{db: db, job: job, ts: httptest.NewServer(srv.Handler()), stop: stop,
		client: &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	t.Cleanup(func() {
		s.ts.Close()
		stop()
		job.Wait()
		db.Close()
	})
	return s
}

func (s *crawlServer) post(t *testing.T, form url.Values) (int, string) {
	t.Helper()
	resp, err := s.client.PostForm(s.ts.URL+"/crawl", form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (s *crawlServer) get(t *testing.T, path string) string {
	t.Helper()
	resp, err := s.client.Get(s.ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d: %.300s", path, resp.StatusCode, b)
	}
	return string(b)
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

// TestServeCrawl: the /crawl page of serve --crawl starts a background crawl over the
// read-write database, refuses a second one while it runs, shows its progress, and the
// report it finds is stored.
func TestServeCrawl(t *testing.T) {
	portal := newTestPortal(t)
	s := newCrawlServer(t)
	if st := s.status(t); !st.Enabled || st.State != dashboard.CrawlIdle {
		t.Fatalf("before any crawl: %+v", st)
	}
	form := url.Values{"seeds": {portal.seed() + "\n"}, "max_pages": {"50"}, "rate": {"10"}}
	code, body := s.post(t, form)
	if code != http.StatusSeeOther {
		t.Fatalf("start: status %d, want 303: %.500s", code, body)
	}
	portal.waitAsked(t)

	// Running: a second start is refused, the page reloads itself and has no form.
	code, body = s.post(t, form)
	if code != http.StatusConflict || !strings.Contains(body, `id="crawl-error"`) || !strings.Contains(body, "采集任务在运行") {
		t.Errorf("second start: status %d, want 409 with a message: %.500s", code, body)
	}
	page := s.get(t, "/crawl?lang=en")
	for _, want := range []string{`<meta http-equiv="refresh" content="2">`, `data-state="running"`, portal.seed()} {
		if !strings.Contains(page, want) {
			t.Errorf("running page lacks %q", want)
		}
	}
	if strings.Contains(page, `id="crawl-form"`) || strings.Contains(page, "<script>") {
		t.Errorf("running page has the start form or an inline script")
	}
	if st := s.status(t); !st.Running || st.State != dashboard.CrawlRunning {
		t.Errorf("while running: %+v", st)
	}

	portal.answer()
	st := s.waitDone(t)
	t.Logf("final status: %+v", st.CrawlStatus)
	if st.State != dashboard.CrawlFinished || st.Error != "" {
		t.Fatalf("state %q (%s), want finished", st.State, st.Error)
	}
	if st.Fetched != 2 || st.Lists != 1 || st.Articles != 1 || st.Hosts != 1 || st.ReportsNew != 1 || len(st.Errors) != 0 {
		t.Errorf("counters: fetched %d (lists %d, articles %d), hosts %d, new %d, errors %v; want 2 (1, 1), 1, 1, none",
			st.Fetched, st.Lists, st.Articles, st.Hosts, st.ReportsNew, st.Errors)
	}
	if !strings.Contains(st.Summary, "1 new, 0 changed, 0 unchanged") {
		t.Errorf("summary: %s", st.Summary)
	}
	// The report is in the database, as the status says.
	if n := queryCount(t, s.db, `SELECT count(*) FROM documents WHERE url LIKE '%/t20200131_1001.html'`); n != 1 {
		t.Errorf("report page: %d documents rows, want 1", n)
	}
	if n := queryCount(t, s.db, `SELECT count(*) FROM documents`); n != st.Stored {
		t.Errorf("documents rows %d, status says %d stored", n, st.Stored)
	}
	if n := queryCount(t, s.db, `SELECT count(*) FROM reports r JOIN documents d ON d.sha256 = r.document_sha256
		WHERE r.is_annual_report AND d.url LIKE '%/t20200131_1001.html'`); n != 1 || st.AnnualReports != 1 {
		t.Errorf("annual reports: %d in the database, %d in the status; want 1", n, st.AnnualReports)
	}
	if n := queryCount(t, s.db, `SELECT count(*) FROM report_texts WHERE text LIKE '%平潭综合实验区%'`); n != 1 {
		t.Errorf("report text stored %d times, want 1", n)
	}
	// Finished: no reload, the summary, the form again.
	page = s.get(t, "/crawl")
	for _, want := range []string{`data-state="finished"`, `id="crawl-summary"`, `id="crawl-form"`} {
		if !strings.Contains(page, want) {
			t.Errorf("finished page lacks %q", want)
		}
	}
	if strings.Contains(page, `http-equiv="refresh"`) {
		t.Errorf("finished page still reloads itself")
	}
	// The dashboard sees the new report (the same read-write connection).
	if b := s.get(t, "/api/v1/reports?limit=5"); !strings.Contains(b, "平潭综合实验区") {
		t.Errorf("the crawled report is not in /api/v1/reports: %.300s", b)
	}
}

// TestServeCrawlStops: the server's shutdown stops a running crawl; the status says so.
func TestServeCrawlStops(t *testing.T) {
	portal := newTestPortal(t)
	s := newCrawlServer(t)
	if code, body := s.post(t, url.Values{"seeds": {portal.seed()}, "rate": {"10"}}); code != http.StatusSeeOther {
		t.Fatalf("start: status %d: %.300s", code, body)
	}
	portal.waitAsked(t)
	s.stop()
	portal.answer()
	done := make(chan struct{})
	go func() { s.job.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the crawl did not stop with the server")
	}
	if st := s.job.Status(); st.Running || st.State != dashboard.CrawlStopped {
		t.Errorf("after shutdown: state %q running %v (%s), want stopped", st.State, st.Running, st.Error)
	}
	if code, _ := s.post(t, url.Values{"seeds": {portal.seed()}}); code == http.StatusSeeOther {
		t.Errorf("a crawl started after shutdown")
	}
}
