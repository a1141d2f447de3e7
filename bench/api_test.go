package bench_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"nianbao/bench"
	"nianbao/data/duckdb"
	"nianbao/ingest"
	"nianbao/ingest/convert"
	"nianbao/load"
)

// TestAPIBench: the hook measures every endpoint and page of load.Targets on the bundled
// reports, each answering without error and with its CPU per request, then a short load
// on the server with the response cache, whose row says so.
func TestAPIBench(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "api.duckdb")
	db, err := duckdb.Open(ctx, duckdb.Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.New(ingest.Config{}, convert.New(convert.Config{}), db).Run(ctx, []string{"../data/sample"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := bench.NewAPIBench(bench.APIConfig{Requests: 2, Load: 20, LoadFor: time.Second})(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	want := load.Targets(load.Sample{})
	if len(got) != len(want)+1 {
		t.Fatalf("%d rows, want one per target (%d) and the load", len(got), len(want))
	}
	if l := got[len(got)-1]; !strings.HasPrefix(l.Endpoint, "load 20/s for 1s") ||
		!strings.Contains(l.Endpoint, "served with the response cache") || l.Errors != 0 || l.P50 <= 0 || l.N < 15 || l.N > 25 {
		t.Errorf("load row %q: %d requests, errors %d, p50 %v", l.Endpoint, l.N, l.Errors, l.P50)
	}
	// CPU per request: measured for the endpoints (getrusage may round a fast one to 0),
	// not for the load, whose requests overlap
	var cpu time.Duration
	for _, l := range got[:len(want)] {
		if l.CPU < 0 {
			t.Errorf("%s: CPU %v", l.Endpoint, l.CPU)
		}
		cpu += l.CPU
	}
	if cpu <= 0 || got[len(got)-1].CPU != 0 {
		t.Errorf("CPU per request: endpoints' sum %v (want > 0), load's %v (want 0)", cpu, got[len(got)-1].CPU)
	}
	for i, tc := range want {
		t.Run(tc.Name, func(t *testing.T) {
			l := got[i]
			if !strings.HasPrefix(l.Endpoint, tc.Name+" ") {
				t.Errorf("row %d is %q, want %q", i, l.Endpoint, tc.Name)
			}
			if l.Errors != 0 || l.P50 <= 0 || l.P99 < l.P50 {
				t.Errorf("%s: errors %d, p50 %v, p99 %v", l.Endpoint, l.Errors, l.P50, l.P99)
			}
			if l.URLs < 1 || l.URLs > l.N {
				t.Errorf("%s: %d URLs in %d requests", l.Endpoint, l.URLs, l.N)
			}
		})
	}

	// Samples: the filtered requests cycle through the URLs of that many reports, the
	// unfiltered ones ask their one URL.
	got, err = bench.NewAPIBench(bench.APIConfig{Requests: 6, Samples: 6})(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	urls := map[string]int{}
	for _, l := range got {
		// the target's name and its first path, or its filters: "api reports ?year&region"
		urls[strings.Join(strings.Fields(l.Endpoint)[:3], " ")] = l.URLs
	}
	for _, tc := range []struct {
		target   string
		min, max int
	}{
		{"api reports /api/v1/reports", 1, 1},
		{"api reports ?year&region", 2, 6},
		{"api search ?year&region", 2, 6},
		{"page / ?year&region", 2, 6},
	} {
		if n, ok := urls[tc.target]; !ok || n < tc.min || n > tc.max {
			t.Errorf("%s: %d URLs (row found: %v), want %d-%d", tc.target, n, ok, tc.min, tc.max)
		}
	}
}
