package crawl

import (
	"context"
	"fmt"
	"net/http"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"nianbao/data/duckdb"
)

// reportSite is a TRS column of n report articles over pages of 10, at ip.
func reportSite(t testing.TB, ip string, n int, robots string) *farmHost {
	h := newFarmHost(t, ip)
	h.mux.HandleFunc("/robots.txt", serve("text/plain", []byte(robots)))
	pages := (n + 9) / 10
	for p := 0; p < pages; p++ {
		var items [][2]string
		for i := p * 10; i < min(n, p*10+10); i++ {
			title := fmt.Sprintf("第%d单位%d年度政府信息公开工作年度报告", i, 2010+i%15)
			href := fmt.Sprintf("/gknb/2024%02d/t202401%02d_%d.html", i%12+1, i%28+1, 5000+i)
			items = append(items, [2]string{href, title})
			body := fmt.Sprintf("<p>%s（%s）</p><p>一、总体情况</p><p>本年度共收到政府信息公开申请%d件。</p>", title, ip, i)
			h.mux.HandleFunc(href, serve(htmlUTF8, []byte(article(title, "2024-01-30", body, "", ""))))
		}
		name := "/gknb/index.html"
		if p > 0 {
			name = fmt.Sprintf("/gknb/index_%d.html", p)
		}
		h.mux.HandleFunc(name, serve(htmlUTF8, []byte(listPage("政府信息公开年报", items, fmt.Sprintf("createPageHTML(%d, %d, \"index\", \"html\");", pages, p)))))
	}
	return h
}

// maxInWindow returns the most requests the host saw within any window of length w.
func maxInWindow(hits []hit, w time.Duration) int {
	best := 0
	for i := range hits {
		j := i
		for j < len(hits) && hits[j].at.Sub(hits[i].at) < w {
			j++
		}
		best = max(best, j-i)
	}
	return best
}

func TestRate(t *testing.T) {
	if testing.Short() {
		t.Skip("takes a few seconds")
	}
	fast := reportSite(t, "127.0.0.6", 12, "User-agent: *\nAllow: /\n")
	delayed := reportSite(t, "127.0.0.7", 5, "User-agent: *\nCrawl-delay: 0.5\n")
	c, _ := testCrawler(t, t.TempDir(), Config{PerHostRate: 5, Seeds: []string{fast.url("/gknb/index.html"), delayed.url("/gknb/index.html")}})
	if _, err := c.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	// A token bucket of burst 1 at 5/s lets at most 5 requests start in any second
	// (measured at the server: allow one for network jitter at the window's edge).
	hits := fast.log()
	if len(hits) < 15 {
		t.Fatalf("only %d requests", len(hits))
	}
	if n := maxInWindow(hits, time.Second); n > 6 {
		t.Errorf("fast host: %d requests within one second at 5/s", n)
	}
	for i := 1; i < len(hits); i++ {
		if d := hits[i].at.Sub(hits[i-1].at); d < 190*time.Millisecond {
			t.Logf("gap %v before %s", d, hits[i].uri)
		}
	}
	if n := maxInWindow(hits, 150*time.Millisecond); n > 1 {
		t.Errorf("fast host: %d requests within 190 ms at 5/s", n)
	}
	// Crawl-delay: 0.5 lowers the rate to 2/s.
	if n := maxInWindow(delayed.log(), 450*time.Millisecond); n > 1 {
		t.Errorf("crawl-delay host: %d requests within 450 ms, Crawl-delay 0.5", n)
	}
}

// TestResumeAfterKill builds the binary, kills it (SIGKILL) in the middle of a crawl,
// runs it again, and checks that every report is stored once and that only what was in
// flight at the kill was fetched twice.
func TestResumeAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "nianbao")
	build := exec.Command("go", "build", "-o", bin, "nianbao/cmd/nianbao")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	const n = 60
	site := reportSite(t, "127.0.0.8", n, "User-agent: *\nAllow: /\n")
	db := filepath.Join(dir, "crawl.duckdb")
	cmd := func() *exec.Cmd {
		return exec.Command(bin, "crawl", "--db", db, "--per-host-rate", "20", "--seed", site.url("/gknb/index.html"))
	}
	first := cmd()
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for site.count("/gknb/2024") < n/3 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	first.Process.Signal(syscall.SIGKILL) //nolint:errcheck // it may have just exited
	first.Wait()                          //nolint:errcheck // killed
	killedAt := site.count("/gknb/2024")
	if killedAt >= n {
		t.Fatalf("the crawl finished (%d articles) before it was killed", killedAt)
	}
	if out, err := cmd().CombinedOutput(); err != nil {
		t.Fatalf("second run: %v\n%s", err, out)
	} else {
		t.Logf("second run after a kill at %d/%d articles:\n%s", killedAt, n, out)
	}

	ro, err := duckdb.OpenReadOnly(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if got := queryInt(t, ro, "SELECT count(DISTINCT url) FROM documents WHERE url LIKE '%/gknb/2024%'"); got != n {
		t.Errorf("%d report documents after resume, want %d", got, n)
	}
	if got := queryInt(t, ro, "SELECT count(*) FROM crawl_frontier WHERE state = 'queued'"); got != 0 {
		t.Errorf("%d frontier entries still queued", got)
		rows, _ := ro.QueryContext(context.Background(), "SELECT key, state, coalesce(reason, '') FROM crawl_frontier WHERE state <> 'fetched'")
		for rows.Next() {
			var k, s, r string
			rows.Scan(&k, &s, &r) //nolint:errcheck // diagnostics
			t.Log(k, s, r)
		}
		rows.Close()
	}
	twice := map[string]int{}
	for _, x := range site.log() {
		if strings.HasPrefix(x.uri, "/gknb/2024") && x.method == http.MethodGet {
			twice[x.uri]++
		}
	}
	var again []string
	for u, k := range twice {
		if k > 1 {
			again = append(again, u)
		}
	}
	sort.Strings(again)
	// One request in flight per host, plus the results of one group commit.
	if len(again) > 2 {
		t.Errorf("fetched twice after resume: %v", again)
	}
	t.Logf("fetched again after the kill: %v", again)
}
