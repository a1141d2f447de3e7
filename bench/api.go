package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"time"

	"nianbao/analytics"
	"nianbao/dashboard"
	"nianbao/data/duckdb"
	"nianbao/load"
)

// APIConfig says how NewAPIBench measures.
type APIConfig struct {
	// Requests per endpoint, after one warm-up (default 50), sent one at a time.
	Requests int
	// Samples is how many reports (years, provinces, organs) the filtered requests cycle
	// through (default 8), so that no cache, of responses or of DuckDB's blocks, answers
	// one URL repeated. A request for a sample already asked runs on warmer buffers, so
	// the share of first visits, Samples of Requests, is what p95 and p99 mostly measure:
	// Samples = Requests makes every filtered request a first visit.
	Samples int
	// Budget bounds the time spent on one endpoint (default 20s; at least 3 requests are
	// measured): a slow endpoint at 10⁶ reports would otherwise take an hour of the run.
	Budget time.Duration
	// Load, when > 0, also runs load.Run at this many requests per second for LoadFor
	// (default 60s) over the same endpoints, reported as one more row ("load …"). The load
	// goes to a second server with the response cache on, as serve runs by default (the
	// row says so), starting cold; LoadCacheOff sends it to the server without the cache.
	Load         float64
	LoadFor      time.Duration
	LoadCacheOff bool
	// Report, when set, gets the load run's table.
	Report io.Writer
	// MemoryLimit is the server database's (duckdb.ServingConfig; "": serve's default).
	MemoryLimit string
}

// NewAPIBench returns the bench hook measuring every API endpoint and dashboard page
// (load.Targets) on the real server over the database, opened read-only as serve does.
// The server's rate limit is lifted for the run: it limits per client IP, and the bench
// is one client standing for many. The per-endpoint rows measure the cold paths: that
// server has no response cache, so every request runs its queries. Like serve, it reads
// the serving tables requests filter once before the first request (duckdb.DB.Warm).
func NewAPIBench(cfg APIConfig) APIBench {
	if cfg.Requests <= 0 {
		cfg.Requests = 50
	}
	if cfg.Samples <= 0 {
		cfg.Samples = 8
	}
	if cfg.Budget <= 0 {
		cfg.Budget = 20 * time.Second
	}
	if cfg.LoadFor <= 0 {
		cfg.LoadFor = 60 * time.Second
	}
	return func(ctx context.Context, dbPath string) ([]Latency, error) {
		db, err := duckdb.OpenServing(ctx, dbPath, duckdb.ServingConfig{MemoryLimit: cfg.MemoryLimit})
		if err != nil {
			return nil, err
		}
		defer db.Close()
		// as serve does: an older schema would be measured as errors on every facts page
		if err := db.CheckSchema(ctx); err != nil {
			return nil, err
		}
		// as serve does as it starts: the figures are those of a server up for a few seconds
		if err := db.Warm(ctx); err != nil {
			return nil, err
		}
		an, err := analytics.New(db)
		if err != nil {
			return nil, err
		}
		console, err := duckdb.OpenConsole(ctx, duckdb.ConsoleConfig{Path: dbPath})
		if err != nil {
			return nil, err
		}
		defer console.Close()
		srv, err := dashboard.New(dashboard.Config{RateLimit: 1e6, Burst: 1e6}, db, an, console)
		if err != nil {
			return nil, err
		}
		ts := httptest.NewServer(srv.Handler())
		defer ts.Close()
		client := ts.Client()
		samples, err := load.DiscoverN(ctx, client, ts.URL, cfg.Samples)
		if err != nil {
			return nil, err
		}
		targets := load.Mix(samples)
		var out []Latency
		for _, t := range byName(targets) {
			l, err := measure(ctx, client, ts.URL, t, cfg.Requests, cfg.Budget)
			if err != nil {
				return nil, err
			}
			out = append(out, l)
		}
		if cfg.Load > 0 {
			l, err := runLoad(ctx, cfg, ts.URL, targets, func(c dashboard.Config) (*dashboard.Server, error) {
				return dashboard.New(c, db, an, console)
			})
			if err != nil {
				return nil, err
			}
			out = append(out, l)
		}
		return out, nil
	}
}

// runLoad runs the load phase: on the measuring server at base if cfg.LoadCacheOff, else
// on a new server over the same database with the response cache of serve's default
// size, empty at the start.
func runLoad(ctx context.Context, cfg APIConfig, base string, targets []load.Target,
	newServer func(dashboard.Config) (*dashboard.Server, error)) (Latency, error) {
	name := fmt.Sprintf("load %.0f/s for %s (all)", cfg.Load, cfg.LoadFor)
	var cached *dashboard.Server
	if !cfg.LoadCacheOff {
		var err error
		cached, err = newServer(dashboard.Config{RateLimit: 1e6, Burst: 1e6, CacheBytes: dashboard.DefaultCacheBytes})
		if err != nil {
			return Latency{}, err
		}
		ts := httptest.NewServer(cached.Handler())
		defer ts.Close()
		base = ts.URL
		name = fmt.Sprintf("load %.0f/s for %s (all, served with the response cache)", cfg.Load, cfg.LoadFor)
	}
	res, err := load.Run(ctx, load.Config{Base: base, Targets: targets, Rate: cfg.Load, Duration: cfg.LoadFor})
	if err != nil {
		return Latency{}, err
	}
	if cfg.Report != nil {
		if err := res.WriteTable(cfg.Report); err != nil {
			return Latency{}, err
		}
		if cached != nil {
			st := cached.CacheStats()
			if _, err := fmt.Fprintf(cfg.Report, "response cache: %d hits (%d waited for a concurrent miss), %d misses, %d entries, %.1f MiB, %d evictions\n",
				st.Hits, st.Coalesced, st.Misses, st.Entries, float64(st.Bytes)/(1<<20), st.Evictions); err != nil {
				return Latency{}, err
			}
		}
	}
	return Latency{Endpoint: name, N: res.Requests, P50: res.P50, P95: res.P95, P99: res.P99, Errors: res.ErrorCount()}, nil
}

// named is one target's requests: the same endpoint with each sample's filters.
type named struct {
	name  string
	paths []string
}

// byName groups the targets by name, in the order of their first appearance.
func byName(ts []load.Target) []named {
	var out []named
	at := map[string]int{}
	for _, t := range ts {
		i, ok := at[t.Name]
		if !ok {
			i = len(out)
			at[t.Name] = i
			out = append(out, named{name: t.Name})
		}
		if !slices.Contains(out[i].paths, t.Path) {
			out[i].paths = append(out[i].paths, t.Path)
		}
	}
	return out
}

// measure sends n sequential requests after one warm-up, cycling through the target's
// paths, or fewer (never under 3) when budget runs out; a non-2xx answer or a transport
// error counts as an error and its latency is kept. The first path names the row.
func measure(ctx context.Context, client *http.Client, base string, t named, n int, budget time.Duration) (Latency, error) {
	l := Latency{Endpoint: t.name + " " + t.paths[0]}
	var lat []time.Duration
	var cpu time.Duration
	urls := map[string]bool{}
	began := time.Now()
	for i := 0; i <= n; i++ {
		if len(lat) >= 3 && time.Since(began) > budget {
			break
		}
		if err := ctx.Err(); err != nil {
			return l, err
		}
		// the warm-up and the first request take the first path
		path := t.paths[max(0, i-1)%len(t.paths)]
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+path, nil)
		if err != nil {
			return l, fmt.Errorf("bench: api %s: %w", t.name, err)
		}
		start, cpu0 := time.Now(), cpuTime()
		resp, err := client.Do(req)
		ok := err == nil
		if ok {
			_, err = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			ok = err == nil && resp.StatusCode >= 200 && resp.StatusCode < 300
		}
		el, used := time.Since(start), cpuTime()-cpu0
		if i == 0 {
			continue // warm-up: caches, first plans
		}
		if !ok {
			l.Errors++
		}
		lat = append(lat, el)
		cpu += used
		urls[path] = true
	}
	slices.Sort(lat)
	l.N, l.URLs = len(lat), len(urls)
	if l.N > 0 {
		l.CPU = cpu / time.Duration(l.N)
	}
	l.P50, l.P95, l.P99 = load.Percentile(lat, 50), load.Percentile(lat, 95), load.Percentile(lat, 99)
	return l, nil
}
