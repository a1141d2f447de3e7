// Command nianbao collects government information disclosure annual reports, extracts
// their figures and serves them. Each subcommand lives in its own file; this one only
// dispatches.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

type command struct {
	name  string
	short string
	run   func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"extract", "read documents and print their extraction records (no database)", runExtract},
		{"ingest", "convert, extract and store files and directories in DuckDB", runIngest},
		{"crawl", "find and fetch annual reports on portals politely, then store them like ingest", runCrawl},
		{"check", "list the failed consistency checks stored in the database", runCheck},
		{"export", "write a view (reports, facts, indicators, …) as CSV, JSON or Parquet, or the Parquet lake", runExport},
		{"refresh", "rebuild the serving tables (report_metrics, serving_*) the dashboard and API read", runRefresh},
		{"serve", "serve the dashboard, API and SQL console over a database", runServe},
		{"demo", "ingest the bundled reports into a fresh database and serve it", runDemo},
		{"synth", "generate a synthetic corpus with ground-truth labels", runSynth},
		{"load", "send an open-loop load at a fixed rate to a running server and report latencies and errors", runLoad},
		{"bench", "measure extraction, ingest, re-extraction, memory and accuracy on a corpus", runBench},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			err := c.run(ctx, args[1:], stdout, stderr)
			switch {
			case err == nil:
				return 0
			case errors.Is(err, flag.ErrHelp):
				return 0
			case errors.Is(err, errUsage):
				return 2
			default:
				fmt.Fprintf(stderr, "nianbao %s: %v\n", c.name, err)
				return 1
			}
		}
	}
	fmt.Fprintf(stderr, "nianbao: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

// errUsage reports bad arguments after the flag set has printed its usage.
var errUsage = errors.New("usage")

func usage(w io.Writer) {
	fmt.Fprintln(w, "nianbao: government information disclosure annual reports, as data")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "usage: nianbao COMMAND [flags] [args]")
	fmt.Fprintln(w)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.short)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'nianbao COMMAND -h' for a command's flags.")
}

// newFlags returns a flag set that reports errors instead of exiting.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: nianbao %s\n\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, mapping errors to errUsage.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}
