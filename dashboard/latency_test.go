package dashboard_test

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestAPILatency prints p50/p95 latency of each API endpoint on the fixture database
// (the bundled reports). Run with NIANBAO_LATENCY=1; it is a measurement, not a check.
func TestAPILatency(t *testing.T) {
	if os.Getenv("NIANBAO_LATENCY") == "" {
		t.Skip("set NIANBAO_LATENCY=1 to measure API latency")
	}
	const n = 50
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-52s %9s %9s\n", "endpoint", "p50", "p95")
	for _, p := range []string{
		"/api/v1/reports", "/api/v1/facts", "/api/v1/facts?format=csv", "/api/v1/indicators",
		"/api/v1/growth", "/api/v1/rankings", "/api/v1/coverage", "/api/v1/quality",
		"/api/v1/dictionary", "/api/v1/reports?format=parquet", "/api/v1/search?q=%E4%B8%8D%E4%BA%88%E5%85%AC%E5%BC%80",
	} {
		var ds []time.Duration
		for range n {
			start := time.Now()
			resp, err := http.Get(fx.ts.URL + p)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body) //nolint:errcheck // measuring
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d", p, resp.StatusCode)
			}
			ds = append(ds, time.Since(start))
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		fmt.Fprintf(&b, "%-52s %9s %9s\n", p, ds[n/2].Round(10*time.Microsecond), ds[n*95/100].Round(10*time.Microsecond))
	}
	t.Log(b.String())
}
