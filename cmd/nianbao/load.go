package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"nianbao/load"
)

func runLoad(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("load", "load --url http://127.0.0.1:PORT [--rate 200] [--duration 60s]\n\n"+
		"Sends requests open loop at a fixed rate to a running nianbao serve, cycling over every\n"+
		"API endpoint and page (filtered with a year, province, organ and report found in its\n"+
		"data), then prints the requests sent, errors by kind (non-2xx, timeout, transport) and\n"+
		"p50/p95/p99/max latency, overall and per endpoint. serve limits /api, /sql and exports\n"+
		"per client IP: start it with --rate-limit above --rate for a test from one machine.", stderr)
	base := fs.String("url", "", "base URL of the server")
	rate := fs.Float64("rate", 200, "requests started per second")
	dur := fs.Duration("duration", 60*time.Second, "how long to send")
	timeout := fs.Duration("timeout", 10*time.Second, "per-request time limit")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *base == "" || fs.NArg() != 0 {
		fs.Usage()
		return errUsage
	}
	b := strings.TrimRight(*base, "/")
	sample, err := load.Discover(ctx, http.DefaultClient, b)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "load: %s at %.0f/s for %s; sample year %d, region %s, organ %s, report %s\n",
		b, *rate, *dur, sample.Year, sample.Province, sample.Organ, sample.ReportID)
	res, err := load.Run(ctx, load.Config{Base: b, Targets: load.Targets(sample), Rate: *rate, Duration: *dur, Timeout: *timeout})
	if err != nil {
		return err
	}
	return res.WriteTable(stdout)
}
