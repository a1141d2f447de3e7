package crawl

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"nianbao/data/duckdb"
	"nianbao/ingest"
	"nianbao/ingest/convert"
)

// testCrawler opens a real DuckDB in dir and returns a crawler over it with fast
// politeness settings.
func testCrawler(t testing.TB, dir string, cfg Config) (*Crawler, *duckdb.DB) {
	t.Helper()
	db, err := duckdb.Open(context.Background(), duckdb.Config{Path: filepath.Join(dir, "crawl.duckdb")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if cfg.PerHostRate == 0 {
		cfg.PerHostRate = 50
	}
	cfg.Archive = filepath.Join(dir, "archive")
	cfg.RetryBase = 10 * time.Millisecond
	cfg.Timeout = 5 * time.Second
	if cfg.MaxPerShape == 0 {
		cfg.MaxPerShape = 50
	}
	ing := ingest.New(ingest.Config{}, convert.New(convert.Config{}), db)
	c, err := New(cfg, db, ing)
	if err != nil {
		t.Fatal(err)
	}
	return c, db
}

func queryInt(t testing.TB, db *duckdb.DB, q string, args ...any) int {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), q, args...)
	if err != nil {
		t.Fatal(err)
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

func TestFarm(t *testing.T) {
	f := newFarm(t)
	dir := t.TempDir()
	c, db := testCrawler(t, dir, Config{Seeds: f.seeds})
	ctx := context.Background()
	sum, err := c.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	sum.WriteTable(&sb) //nolint:errcheck // strings.Builder
	t.Logf("summary:\n%s", sb.String())

	// Every report body stored exactly once, wherever it was found and however often.
	for name, b := range f.reports {
		if n := queryInt(t, db, "SELECT count(*) FROM documents WHERE sha256 = ?", shaOf(b)); n != 1 {
			t.Errorf("report %s: %d documents rows, want 1", name, n)
		}
	}
	if n := queryInt(t, db, "SELECT count(*) FROM documents WHERE url LIKE '%t20200131_1001%' OR url LIKE '%t20200131_9001%'"); n != 1 {
		t.Errorf("the report under two URLs: %d documents rows, want 1", n)
	}
	if sum.ReportsNew != len(f.reports)+3 { // + the three article pages that only link their attachment
		t.Errorf("reports new = %d, want %d", sum.ReportsNew, len(f.reports)+3)
	}
	// Attachments point at the article page they came from.
	if n := queryInt(t, db, `SELECT count(*) FROM documents d JOIN documents p ON d.parent = p.sha256
		WHERE d.url LIKE '%P020250301001.pdf' AND p.url LIKE '%t20250301_1002.html'`); n != 1 {
		t.Errorf("pdf attachment without its parent page")
	}
	// The extractor saw real reports in what was fetched, including the mislabelled GBK page.
	if n := queryInt(t, db, `SELECT count(*) FROM reports r JOIN documents d ON d.sha256 = r.document_sha256
		WHERE r.is_annual_report AND d.url LIKE '%t20240301_1006%'`); n != 1 {
		t.Errorf("mislabelled-charset report not read as a report")
	}
	if n := queryInt(t, db, `SELECT count(*) FROM report_texts WHERE text LIKE '%平潭综合实验区%'`); n < 2 {
		t.Errorf("GBK reports decoded: %d texts mention 平潭综合实验区, want ≥ 2", n)
	}
	annual := queryInt(t, db, `SELECT count(*) FROM reports WHERE is_annual_report`)
	t.Logf("annual reports per the extractor: %d of %d report bodies", annual, len(f.reports))

	trs := f.trs
	for _, p := range []string{"/private/", "/internal", "/calendar/", "/zwgk/zn/", "/zwgk/gknb/202403/t20240305_1009.html", "/zwgk/gknb/202403/t20240306_1010.html", "/news/", "/zwgk/gknb/index.html?month"} {
		if n := trs.count(p); n != 0 {
			t.Errorf("fetched %s %d times; it is disallowed, a trap or not a report", p, n)
		}
	}
	if n := trs.count("/zwgk/gknb/more.html"); n > c.cfg.MaxDepth {
		t.Errorf("endless list fetched %d times", n)
	}
	if n := trs.count("/zwgk/gknb/202401/t20240115_1007.html"); n != 2 {
		t.Errorf("500-then-success page requested %d times, want 2", n)
	}
	if n := trs.count("/loop/"); n < 2 || n > c.cfg.MaxRedirects+2 {
		t.Errorf("redirect loop requested %d times", n)
	}
	if n := trs.count("/zwgk/gknb/202301/P0big.pdf"); n != 1 {
		t.Errorf("20 MB file requested %d times, want 1 (not retried)", n)
	}
	if sum.Errors[ErrKindTooLarge] != 1 || sum.Errors[ErrKindRedirect] != 1 {
		t.Errorf("errors = %v, want one too_large and one redirect", sum.Errors)
	}
	if n := queryInt(t, db, "SELECT count(*) FROM crawl_frontier WHERE state = 'failed' AND reason LIKE 'too_large%'"); n != 1 {
		t.Errorf("frontier: too_large failures = %d", n)
	}
	for _, h := range []*farmHost{f.trs, f.hanweb, f.gkmlpt} {
		log := h.log()
		if len(log) == 0 || log[0].uri != "/robots.txt" {
			t.Errorf("%s: first request is not robots.txt", h.srv.URL)
		}
		seen := map[string]int{}
		for _, x := range log {
			if !strings.Contains(x.ua, "nianbao") || !strings.Contains(x.ua, "https://") {
				t.Errorf("user agent %q", x.ua)
			}
			if x.method == "GET" && !strings.HasPrefix(x.uri, "/loop/") && !strings.HasPrefix(x.uri, "/zwgk/gknb/202401/") {
				seen[x.uri]++
				if seen[x.uri] > 1 {
					t.Errorf("%s fetched twice", x.uri)
				}
			}
		}
	}
	// Hanweb paging: both dataproxy calls; gkmlpt paging: pages until an empty one.
	if n := f.hanweb.count("/module/web/jpage/dataproxy.jsp"); n != 2 {
		t.Errorf("hanweb dataproxy calls = %d, want 2", n)
		for _, x := range f.hanweb.log() {
			t.Log(x.method, x.uri)
		}
	}
	if n := f.gkmlpt.count("/gkmlpt/api/all/2400"); n != 3 {
		t.Errorf("gkmlpt api calls = %d, want 3", n)
	}

	// A second pass: everything is asked for conditionally and nothing has changed.
	before := map[*farmHost]int{f.trs: len(f.trs.log()), f.hanweb: len(f.hanweb.log()), f.gkmlpt: len(f.gkmlpt.log())}
	docs := queryInt(t, db, "SELECT count(*) FROM documents")
	sum2, err := c.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if sum2.Gen != sum.Gen+1 || sum2.ReportsNew != 0 || sum2.ReportsChanged != 0 || sum2.ReportsUnchanged == 0 {
		t.Errorf("re-crawl: gen %d, new %d, changed %d, unchanged %d", sum2.Gen, sum2.ReportsNew, sum2.ReportsChanged, sum2.ReportsUnchanged)
	}
	if n := queryInt(t, db, "SELECT count(*) FROM documents"); n != docs {
		t.Errorf("re-crawl added documents: %d → %d", docs, n)
	}
	conditional := 0
	for h, from := range before {
		for _, x := range h.log()[from:] {
			if x.inm != "" {
				conditional++
			}
		}
	}
	if conditional < len(f.reports) {
		t.Errorf("re-crawl sent %d conditional requests, want ≥ %d", conditional, len(f.reports))
	}
}

func TestMain(m *testing.M) {
	os.Exit(m.Run())
}
