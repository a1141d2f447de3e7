package load

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"sort"
	"sync"
	"time"
)

// Config is one load run.
type Config struct {
	Base     string        // base URL, e.g. http://127.0.0.1:8080
	Targets  []Target      // cycled in order
	Rate     float64       // requests started per second
	Duration time.Duration // how long requests keep starting
	Timeout  time.Duration // per request (default 10s)
	Client   *http.Client  // default: one with enough idle connections for Rate
}

// Error kinds.
const (
	ErrStatus    = "status"    // a response that is not 2xx
	ErrTimeout   = "timeout"   // no full response within Timeout
	ErrTransport = "transport" // connection refused, reset, …
)

// Stats are the latencies and errors of a set of requests.
type Stats struct {
	Requests           int
	Errors             map[string]int // by kind
	Statuses           map[int]int    // non-2xx statuses seen
	P50, P95, P99, Max time.Duration
}

// Result is a load run: all requests, and each target's.
type Result struct {
	Stats
	Elapsed   time.Duration
	PerTarget map[string]Stats
}

type outcome struct {
	target  string
	latency time.Duration
	kind    string
	status  int
}

// Run sends requests at cfg.Rate for cfg.Duration, open loop, and waits for the last.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	if cfg.Rate <= 0 || cfg.Duration <= 0 || len(cfg.Targets) == 0 {
		return nil, fmt.Errorf("load: rate, duration and targets are required")
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	client := cfg.Client
	if client == nil {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.MaxIdleConnsPerHost = int(cfg.Rate) + 16
		tr.MaxIdleConns = tr.MaxIdleConnsPerHost
		client = &http.Client{Transport: tr}
	}
	interval := time.Duration(float64(time.Second) / cfg.Rate)
	n := int(cfg.Duration / interval)
	out := make(chan outcome, 1024)
	var wg sync.WaitGroup
	start := time.Now()
	go func() {
		defer func() { wg.Wait(); close(out) }()
		for i := 0; i < n; i++ {
			due := start.Add(time.Duration(i) * interval)
			if d := time.Until(due); d > 0 {
				select {
				case <-time.After(d):
				case <-ctx.Done():
					return
				}
			}
			t := cfg.Targets[i%len(cfg.Targets)]
			wg.Add(1)
			go func() {
				defer wg.Done()
				out <- do(ctx, client, cfg, t, due)
			}()
		}
	}()
	all := []outcome{}
	for o := range out {
		all = append(all, o)
	}
	res := &Result{Elapsed: time.Since(start), PerTarget: map[string]Stats{}}
	res.Stats = stats(all)
	by := map[string][]outcome{}
	for _, o := range all {
		by[o.target] = append(by[o.target], o)
	}
	for name, os := range by {
		res.PerTarget[name] = stats(os)
	}
	return res, ctx.Err()
}

// do sends one request; its latency counts from when it was due.
func do(ctx context.Context, client *http.Client, cfg Config, t Target, due time.Time) outcome {
	o := outcome{target: t.Name}
	rctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, cfg.Base+t.Path, nil)
	if err != nil {
		o.kind = ErrTransport
		return o
	}
	resp, err := client.Do(req)
	if err == nil {
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	o.latency = time.Since(due)
	switch {
	case err != nil && (errors.Is(err, context.DeadlineExceeded) || isTimeout(err)):
		o.kind = ErrTimeout
	case err != nil:
		o.kind = ErrTransport
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		o.kind, o.status = ErrStatus, resp.StatusCode
	}
	return o
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func stats(os []outcome) Stats {
	s := Stats{Requests: len(os), Errors: map[string]int{}, Statuses: map[int]int{}}
	lat := make([]time.Duration, 0, len(os))
	for _, o := range os {
		lat = append(lat, o.latency)
		if o.kind != "" {
			s.Errors[o.kind]++
		}
		if o.status != 0 {
			s.Statuses[o.status]++
		}
	}
	slices.Sort(lat)
	s.P50, s.P95, s.P99 = Percentile(lat, 50), Percentile(lat, 95), Percentile(lat, 99)
	if len(lat) > 0 {
		s.Max = lat[len(lat)-1]
	}
	return s
}

// Percentile returns the p-th percentile (nearest rank) of sorted durations; 0 for none.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p/100+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

// ErrorCount is the number of failed requests of any kind.
func (s Stats) ErrorCount() int {
	n := 0
	for _, c := range s.Errors {
		n += c
	}
	return n
}

// WriteTable prints the run and each target's figures.
func (r *Result) WriteTable(w io.Writer) error {
	_, err := fmt.Fprintf(w, "%d requests in %s: errors %d %v, statuses %v; p50 %v p95 %v p99 %v max %v\n",
		r.Requests, r.Elapsed.Round(time.Millisecond), r.ErrorCount(), r.Errors, r.Statuses,
		r.P50.Round(time.Microsecond), r.P95.Round(time.Microsecond), r.P99.Round(time.Microsecond), r.Max.Round(time.Microsecond))
	if err != nil {
		return err
	}
	names := make([]string, 0, len(r.PerTarget))
	for n := range r.PerTarget {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		s := r.PerTarget[n]
		if _, err := fmt.Fprintf(w, "  %-34s n %5d err %3d p50 %9v p95 %9v p99 %9v max %9v\n", n, s.Requests, s.ErrorCount(),
			s.P50.Round(time.Microsecond), s.P95.Round(time.Microsecond), s.P99.Round(time.Microsecond), s.Max.Round(time.Microsecond)); err != nil {
			return err
		}
	}
	return nil
}
