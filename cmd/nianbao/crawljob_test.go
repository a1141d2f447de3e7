package main

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"nianbao/dashboard"
)

// TestServeCrawl: the /crawl page of serve --crawl starts a background crawl over the
// read-write database, refuses a second one while it runs, shows its progress, and the
// report it finds is stored.
func TestServeCrawl(t *testing.T) {
	portal := newTestPortal(t)
	s := newCrawlServer(t)
	if st := s.status(t); !st.Enabled || st.State != dashboard.CrawlIdle {
		t.Fatalf("before any crawl: %+v", st)
	}
	// Idle: the start form, no reload.
	page := s.get(t, "/crawl")
	if !strings.Contains(page, `id="crawl-form"`) || !strings.Contains(page, `data-state="idle"`) ||
		strings.Contains(page, `http-equiv="refresh"`) {
		t.Errorf("idle page: %.800s", page)
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
	page = s.get(t, "/crawl?lang=en")
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

	// Once it has finished, a new crawl may start, and it fetches the seed again.
	if code, body := s.post(t, form); code != http.StatusSeeOther {
		t.Fatalf("start after the first finished: status %d, want 303: %.500s", code, body)
	}
	again := s.waitDone(t)
	if again.State != dashboard.CrawlFinished || again.Error != "" || !again.Started.After(st.Finished) {
		t.Errorf("second crawl: state %q (%s), started %v, first finished %v", again.State, again.Error, again.Started, st.Finished)
	}
	if n := portal.times("/zwgk/gknb/index.html"); n != 2 {
		t.Errorf("the seed was fetched %d times over two crawls, want 2", n)
	}
}

// TestServeNoCrawl: serve without --crawl says how to enable crawling, refuses a start
// and reports crawling as off.
func TestServeNoCrawl(t *testing.T) {
	portal := newTestPortal(t)
	s := newPlainServer(t)
	form := url.Values{"seeds": {portal.seed()}, "max_pages": {"5"}, "rate": {"10"}}
	for _, tc := range []struct {
		name    string
		method  string
		path    string
		form    url.Values
		code    int
		want    []string
		notWant []string
	}{
		{name: "the page says how to enable crawling", method: http.MethodGet, path: "/crawl", code: http.StatusOK,
			want: []string{`id="crawl-off"`, "serve --crawl"}, notWant: []string{`id="crawl-form"`, `http-equiv="refresh"`}},
		{name: "the English page too", method: http.MethodGet, path: "/crawl?lang=en", code: http.StatusOK,
			want: []string{`id="crawl-off"`, "Crawling is off", "serve --crawl"}, notWant: []string{`id="crawl-form"`}},
		{name: "a start is refused", method: http.MethodPost, path: "/crawl", form: form, code: http.StatusForbidden,
			want: []string{`id="crawl-error"`, "serve --crawl"}, notWant: []string{`id="crawl-form"`}},
		{name: "a same-origin browser start is refused too", method: http.MethodPost, path: "/crawl?lang=en", form: form,
			code: http.StatusForbidden, want: []string{`id="crawl-error"`, "serve --crawl"}},
		{name: "the API says crawling is off", method: http.MethodGet, path: "/api/v1/crawl", code: http.StatusOK,
			want: []string{`"enabled":false`, `"state":"idle"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			header := map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": s.ts.URL}
			code, body, _ := s.do(t, tc.method, tc.path, tc.form, header)
			if code != tc.code {
				t.Errorf("status %d, want %d: %.500s", code, tc.code, body)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("the response lacks %q: %.500s", w, body)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(body, w) {
					t.Errorf("the response has %q", w)
				}
			}
		})
	}
	if got := portal.requested(); len(got) != 0 {
		t.Errorf("the portal was crawled without --crawl: %v", got)
	}
}

// TestServeCrawlRefused: a start with a bad form or from another site is refused with
// the reason, and no crawl starts.
func TestServeCrawlRefused(t *testing.T) {
	portal := newTestPortal(t)
	s := newCrawlServer(t)
	seed := portal.seed()
	sameOrigin := map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": s.ts.URL}
	tooMany := make([]string, 201)
	for i := range tooMany {
		tooMany[i] = fmt.Sprintf("%s?p=%d", seed, i)
	}
	for _, tc := range []struct {
		name   string
		form   url.Values
		header map[string]string
		code   int
		reason string
	}{
		{name: "no seeds", form: url.Values{"seeds": {""}}, code: http.StatusBadRequest, reason: "give at least one seed URL"},
		{name: "only blank lines and comments", form: url.Values{"seeds": {"\r\n  \n# " + seed + "\n"}},
			code: http.StatusBadRequest, reason: "give at least one seed URL"},
		{name: "ftp seed", form: url.Values{"seeds": {"ftp://example.org/"}}, code: http.StatusBadRequest, reason: "not an http(s) URL"},
		{name: "javascript seed", form: url.Values{"seeds": {"javascript:alert(1)"}}, code: http.StatusBadRequest, reason: "not an http(s) URL"},
		{name: "relative seed", form: url.Values{"seeds": {"/zwgk/gknb/index.html"}}, code: http.StatusBadRequest, reason: "not an http(s) URL"},
		{name: "one bad seed among good ones", form: url.Values{"seeds": {seed + "\nhttp:///nohost\n"}},
			code: http.StatusBadRequest, reason: "not an http(s) URL"},
		{name: "too many seeds", form: url.Values{"seeds": {strings.Join(tooMany, "\n")}}, code: http.StatusBadRequest,
			reason: "at most 200 seed URLs"},
		{name: "negative max pages", form: url.Values{"seeds": {seed}, "max_pages": {"-1"}}, code: http.StatusBadRequest,
			reason: "max pages must be a whole number"},
		{name: "fractional max pages", form: url.Values{"seeds": {seed}, "max_pages": {"2.5"}}, code: http.StatusBadRequest,
			reason: "max pages must be a whole number"},
		{name: "max pages above the limit", form: url.Values{"seeds": {seed}, "max_pages": {"1000001"}}, code: http.StatusBadRequest,
			reason: "max pages must be a whole number"},
		{name: "rate 0", form: url.Values{"seeds": {seed}, "rate": {"0"}}, code: http.StatusBadRequest,
			reason: "per-host rate must be a number above 0"},
		{name: "negative rate", form: url.Values{"seeds": {seed}, "rate": {"-1"}}, code: http.StatusBadRequest,
			reason: "per-host rate must be a number above 0"},
		{name: "rate above 10", form: url.Values{"seeds": {seed}, "rate": {"1000"}}, code: http.StatusBadRequest,
			reason: "per-host rate must be a number above 0"},
		{name: "rate NaN", form: url.Values{"seeds": {seed}, "rate": {"NaN"}}, code: http.StatusBadRequest,
			reason: "per-host rate must be a number above 0"},
		{name: "rate not a number", form: url.Values{"seeds": {seed}, "rate": {"fast"}}, code: http.StatusBadRequest,
			reason: "per-host rate must be a number above 0"},
		{name: "cross-site form post", form: url.Values{"seeds": {seed}, "max_pages": {"7"}, "rate": {"0.5"}},
			header: map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
			code:   http.StatusForbidden, reason: "cross-origin request refused"},
		{name: "post from another origin without Sec-Fetch-Site", form: url.Values{"seeds": {seed}},
			header: map[string]string{"Origin": "https://evil.example"}, code: http.StatusForbidden, reason: "cross-origin request refused"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			header := tc.header
			if header == nil {
				header = sameOrigin
			}
			code, body, _ := s.do(t, http.MethodPost, "/crawl?lang=en", tc.form, header)
			if code != tc.code || !strings.Contains(body, `id="crawl-error"`) || !strings.Contains(body, tc.reason) {
				t.Errorf("status %d, want %d saying %q: %.800s", code, tc.code, tc.reason, body)
			}
			if !strings.Contains(body, `id="crawl-form"`) || strings.Contains(body, `http-equiv="refresh"`) {
				t.Errorf("the refusal does not show the form again, or reloads itself")
			}
			if st := s.status(t); st.Running || st.State != dashboard.CrawlIdle || !st.Started.IsZero() || len(st.Seeds) != 0 {
				t.Errorf("a crawl started: %+v", st)
			}
		})
	}
	if got := portal.requested(); len(got) != 0 {
		t.Errorf("refused requests crawled %v", got)
	}
}

// TestServeCrawlForm: the form's seeds, page limit and rate become the crawl the job
// runs, as its status and the pages it asks the portal for show.
func TestServeCrawlForm(t *testing.T) {
	const list, missing = "/zwgk/gknb/index.html", "/zwgk/nosuch.html"
	for _, tc := range []struct {
		name     string
		path     string // where the form posts
		seeds    func(base string) string
		maxPages string
		rate     string
		location string         // the redirect after the start
		seedsOut []string       // the seeds crawled, as paths on the portal
		pages    int            // the status's page limit
		perHost  float64        // the status's per-host rate
		asked    []string       // the pages the crawl asks for
		errors   map[string]int // the failures it counts
	}{
		{
			name: "seeds one per line with CRLF, blank lines, comments and spaces",
			path: "/crawl?lang=en",
			seeds: func(base string) string {
				return "  " + base + missing + "  \r\n\r\n# a comment\r\n\t" + base + list + " \n\n"
			},
			maxPages: " 7 ", rate: "2.5", location: "/crawl?lang=en",
			seedsOut: []string{missing, list}, pages: 7, perHost: 2.5,
			asked: []string{missing, list, reportPath}, errors: map[string]int{"http_4xx": 1},
		},
		{
			name:     "empty page limit and rate take the defaults",
			path:     "/crawl",
			seeds:    func(base string) string { return base + list },
			location: "/crawl", seedsOut: []string{list}, pages: 200, perHost: 1,
			asked: []string{list, reportPath},
		},
		{
			name:     "page limit 0 is no limit",
			path:     "/crawl",
			seeds:    func(base string) string { return base + list },
			maxPages: "0", rate: "10", location: "/crawl", seedsOut: []string{list}, pages: 0, perHost: 10,
			asked: []string{list, reportPath},
		},
		{
			name:     "page limit 1 fetches the seed only",
			path:     "/crawl",
			seeds:    func(base string) string { return base + list },
			maxPages: "1", rate: "10", location: "/crawl", seedsOut: []string{list}, pages: 1, perHost: 10,
			asked: []string{list},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			portal := newTestPortal(t)
			s := newCrawlServer(t)
			base := portal.srv.URL
			form := url.Values{"seeds": {tc.seeds(base)}, "max_pages": {tc.maxPages}, "rate": {tc.rate}}
			// As a browser posts it: from the dashboard's own page.
			code, body, loc := s.do(t, http.MethodPost, tc.path, form, map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": s.ts.URL})
			if code != http.StatusSeeOther || loc != tc.location {
				t.Fatalf("start: status %d to %q, want 303 to %q: %.500s", code, loc, tc.location, body)
			}
			var seeds []string
			for _, p := range tc.seedsOut {
				seeds = append(seeds, base+p)
			}
			st := s.status(t)
			if strings.Join(st.Seeds, " ") != strings.Join(seeds, " ") || st.MaxPages != tc.pages || st.PerHostRate != tc.perHost {
				t.Errorf("crawl of %q, %d pages at %g/s; want %q, %d at %g/s", st.Seeds, st.MaxPages, st.PerHostRate, seeds, tc.pages, tc.perHost)
			}
			if slices.Contains(tc.asked, reportPath) {
				// Running, held at the report page: the page reloads itself and shows
				// the failures so far.
				portal.waitAsked(t)
				s.waitErrors(t, tc.errors)
				page := s.get(t, "/crawl")
				if !strings.Contains(page, `<meta http-equiv="refresh" content="2">`) || !strings.Contains(page, `data-state="running"`) {
					t.Errorf("running page: %.800s", page)
				}
				for kind, n := range tc.errors {
					if want := fmt.Sprintf("%s %d<br>", kind, n); !strings.Contains(page, want) {
						t.Errorf("running page lacks %q", want)
					}
				}
			}
			portal.answer()
			st = s.waitDone(t)
			if st.State != dashboard.CrawlFinished || st.Error != "" {
				t.Fatalf("state %q (%s), want finished", st.State, st.Error)
			}
			// In whatever order the frontier hands them out.
			if got := portal.requested(); !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(tc.asked))) {
				t.Errorf("the crawl asked for %q, want %q", got, tc.asked)
			}
			if len(st.Errors) != len(tc.errors) {
				t.Errorf("errors %v, want %v", st.Errors, tc.errors)
			}
			for kind, n := range tc.errors {
				if st.Errors[kind] != n {
					t.Errorf("errors %v, want %v", st.Errors, tc.errors)
				}
			}
			// Finished: the summary and the form, no reload.
			page := s.get(t, "/crawl")
			if !strings.Contains(page, `id="crawl-summary"`) || !strings.Contains(page, `id="crawl-form"`) ||
				strings.Contains(page, `http-equiv="refresh"`) {
				t.Errorf("finished page: %.800s", page)
			}
		})
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
