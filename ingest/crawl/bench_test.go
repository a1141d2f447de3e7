package crawl

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// TestPolitenessBench crawls H hosts × P report pages at R requests/s per host and
// reports the wall time against the politeness bound (the busiest host's requests / R)
// and the peak heap. It runs only when NIANBAO_CRAWL_BENCH is set; the size is
// NIANBAO_CRAWL_BENCH=200x50 (≈ 50 s), a quick one 40x10. Hosts listen on 127.0.1.x.
func TestPolitenessBench(t *testing.T) {
	spec := os.Getenv("NIANBAO_CRAWL_BENCH")
	if spec == "" {
		t.Skip("set NIANBAO_CRAWL_BENCH=HOSTSxPAGES (e.g. 200x50) to run")
	}
	var hosts, pages int
	if _, err := fmt.Sscanf(spec, "%dx%d", &hosts, &pages); err != nil || hosts <= 0 || hosts > 250 || pages <= 0 {
		t.Fatalf("NIANBAO_CRAWL_BENCH=%q: want HOSTSxPAGES, hosts ≤ 250", spec)
	}
	rate := 1.0
	if r, err := strconv.ParseFloat(os.Getenv("NIANBAO_CRAWL_RATE"), 64); err == nil && r > 0 {
		rate = r
	}
	var seeds []string
	perHost := 0
	for i := range hosts {
		h := reportSite(t, fmt.Sprintf("127.0.1.%d", i+1), pages, "User-agent: *\nAllow: /\n")
		seeds = append(seeds, h.url("/gknb/index.html"))
		perHost = 1 + (pages+9)/10 + pages // robots.txt, list pages, articles
	}
	c, db := testCrawler(t, t.TempDir(), Config{Seeds: seeds, PerHostRate: rate, Concurrency: 64})
	var peak atomic.Uint64
	stop := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(100 * time.Millisecond):
			}
		}
	}()
	start := time.Now()
	sum, err := c.Run(context.Background())
	wall := time.Since(start)
	close(stop)
	if err != nil {
		t.Fatal(err)
	}
	bound := time.Duration(float64(perHost-1) / rate * float64(time.Second))
	stored := queryInt(t, db, "SELECT count(*) FROM documents WHERE url LIKE '%/gknb/2024%'")
	t.Logf("%d hosts × %d pages at %.1f req/s/host: wall %v, politeness bound %v (%.2f×), fetches %d, stored reports %d, peak heap %.1f MB",
		hosts, pages, rate, wall.Round(time.Millisecond), bound, wall.Seconds()/bound.Seconds(), sum.Fetches, stored, float64(peak.Load())/1e6)
	t.Logf("timing: %v", sum.timing)
	if stored != hosts*pages {
		t.Errorf("stored %d reports, want %d", stored, hosts*pages)
	}
}
