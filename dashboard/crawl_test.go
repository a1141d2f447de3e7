package dashboard_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"nianbao/analytics"
	"nianbao/dashboard"
)

// fakeCrawler records the crawls started and runs until finish is called. The real one
// (ingest/crawl wired by cmd/nianbao) is tested end to end in cmd/nianbao.
type fakeCrawler struct {
	mu     sync.Mutex
	starts []dashboard.CrawlRequest
	st     dashboard.CrawlStatus
}

func (f *fakeCrawler) Start(_ context.Context, req dashboard.CrawlRequest) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.st.Running {
		return dashboard.ErrCrawlRunning
	}
	f.starts = append(f.starts, req)
	f.st = dashboard.CrawlStatus{State: dashboard.CrawlRunning, Running: true, Seeds: req.Seeds, Started: time.Now(),
		Fetched: 3, Errors: map[string]int{"http_4xx": 1}}
	return nil
}

func (f *fakeCrawler) Status() dashboard.CrawlStatus {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.st
}

func (f *fakeCrawler) finish() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.st.Running, f.st.State, f.st.Finished, f.st.Summary = false, dashboard.CrawlFinished, time.Now(), "pass  1\nhosts  1\n"
}

func (f *fakeCrawler) started() []dashboard.CrawlRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]dashboard.CrawlRequest(nil), f.starts...)
}

func crawlTestServer(t *testing.T, c dashboard.Crawler) *httptest.Server {
	t.Helper()
	an, err := analytics.New(fx.db)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := dashboard.New(dashboard.Config{RequestTimeout: 10 * time.Second, RateLimit: 10000, Burst: 10000, Crawler: c}, fx.db, an, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts
}

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func do(t *testing.T, method, u string, form url.Values, header map[string]string) (int, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestCrawlOff: without serve --crawl the page says how to enable crawling and a POST is
// refused.
func TestCrawlOff(t *testing.T) {
	code, body := get(t, "/crawl")
	if code != 200 || !strings.Contains(body, `id="crawl-off"`) || !strings.Contains(body, "serve --crawl") {
		t.Errorf("GET /crawl: status %d: %.300s", code, body)
	}
	if strings.Contains(body, `id="crawl-form"`) {
		t.Errorf("the start form shows without a crawler")
	}
	code, body = do(t, http.MethodPost, fx.ts.URL+"/crawl", url.Values{"seeds": {"http://127.0.0.1/"}}, nil)
	if code != http.StatusForbidden || !strings.Contains(body, "serve --crawl") {
		t.Errorf("POST /crawl: status %d, want 403 saying how to enable it: %.300s", code, body)
	}
	code, body = get(t, "/api/v1/crawl")
	if code != 200 || !strings.Contains(body, `"enabled":false`) {
		t.Errorf("GET /api/v1/crawl: %d %s", code, body)
	}
}

func TestCrawlStart(t *testing.T) {
	fc := &fakeCrawler{st: dashboard.CrawlStatus{State: dashboard.CrawlIdle}}
	ts := crawlTestServer(t, fc)
	code, body := do(t, http.MethodGet, ts.URL+"/crawl", nil, nil)
	if code != 200 || !strings.Contains(body, `id="crawl-form"`) || strings.Contains(body, `http-equiv="refresh"`) {
		t.Fatalf("idle page: status %d: %.500s", code, body)
	}
	// Bad forms are refused with the reason; nothing starts.
	for _, form := range []url.Values{
		{"seeds": {""}},
		{"seeds": {"ftp://example.org/"}},
		{"seeds": {"javascript:alert(1)"}},
		{"seeds": {"http://127.0.0.1/"}, "max_pages": {"-1"}},
		{"seeds": {"http://127.0.0.1/"}, "rate": {"0"}},
		{"seeds": {"http://127.0.0.1/"}, "rate": {"1000"}},
		{"seeds": {"http://127.0.0.1/"}, "rate": {"NaN"}},
	} {
		code, body := do(t, http.MethodPost, ts.URL+"/crawl", form, nil)
		if code != http.StatusBadRequest || !strings.Contains(body, `id="crawl-error"`) {
			t.Errorf("%v: status %d, want 400 with a reason", form, code)
		}
	}
	// A cross-site form post is refused.
	form := url.Values{"seeds": {"http://127.0.0.1:1/a/\r\n\r\n  https://example.org/zwgk/  \n"}, "max_pages": {"7"}, "rate": {"0.5"}}
	code, _ = do(t, http.MethodPost, ts.URL+"/crawl", form, map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"})
	if code != http.StatusForbidden {
		t.Errorf("cross-site POST: status %d, want 403", code)
	}
	if n := len(fc.started()); n != 0 {
		t.Fatalf("%d crawls started by refused requests", n)
	}
	// A same-origin post starts the crawl and redirects to the progress page.
	code, _ = do(t, http.MethodPost, ts.URL+"/crawl?lang=en", form, map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": ts.URL})
	if code != http.StatusSeeOther {
		t.Fatalf("start: status %d, want 303", code)
	}
	got := fc.started()
	if len(got) != 1 || got[0].MaxPages != 7 || got[0].PerHostRate != 0.5 ||
		strings.Join(got[0].Seeds, " ") != "http://127.0.0.1:1/a/ https://example.org/zwgk/" {
		t.Errorf("request %+v", got)
	}
	// While it runs: a second start gets a clear refusal; the page reloads itself.
	code, body = do(t, http.MethodPost, ts.URL+"/crawl?lang=en", form, nil)
	if code != http.StatusConflict || !strings.Contains(body, "already running") {
		t.Errorf("second start: status %d: %.300s", code, body)
	}
	code, body = do(t, http.MethodGet, ts.URL+"/crawl", nil, nil)
	if code != 200 || !strings.Contains(body, `<meta http-equiv="refresh" content="2">`) || !strings.Contains(body, "http_4xx 1") {
		t.Errorf("running page: status %d: %.800s", code, body)
	}
	if strings.Contains(body, "<script>") || strings.Contains(body, `id="crawl-form"`) {
		t.Errorf("running page has an inline script or the form")
	}
	_, body = do(t, http.MethodGet, ts.URL+"/api/v1/crawl", nil, nil)
	var st struct {
		Enabled bool           `json:"enabled"`
		State   string         `json:"state"`
		Running bool           `json:"running"`
		Fetched int            `json:"fetched"`
		Errors  map[string]int `json:"errors"`
	}
	if err := json.Unmarshal([]byte(body), &st); err != nil {
		t.Fatal(err)
	}
	if !st.Enabled || st.State != "running" || !st.Running || st.Fetched != 3 || st.Errors["http_4xx"] != 1 {
		t.Errorf("api: %s", body)
	}
	// Finished: the summary, no reload, and a new crawl may start.
	fc.finish()
	_, body = do(t, http.MethodGet, ts.URL+"/crawl", nil, nil)
	if !strings.Contains(body, `id="crawl-summary"`) || strings.Contains(body, `http-equiv="refresh"`) {
		t.Errorf("finished page: %.800s", body)
	}
	if code, _ := do(t, http.MethodPost, ts.URL+"/crawl", form, nil); code != http.StatusSeeOther {
		t.Errorf("start after the first finished: status %d", code)
	}
}
