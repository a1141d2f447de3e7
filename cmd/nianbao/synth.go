package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"time"

	"nianbao/synth"
)

func runSynth(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("synth", "synth --reports N --out DIR [--seed S]\n\n"+
		"Writes a synthetic corpus with ground truth in the corpus format: NNNNNN.src,\n"+
		"labels.jsonl and manifest.jsonl (in subdirectories 000, 001, … of at most\n"+
		"--shard reports when the corpus is larger). The same seed gives the same bytes.", stderr)
	var cfg synth.Config
	fs.IntVar(&cfg.Reports, "reports", 1000, "number of reports")
	fs.StringVar(&cfg.Out, "out", "", "output directory (required)")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "random seed")
	fs.IntVar(&cfg.Organs, "organs", 0, "organ pool size (default max(3000, reports/12))")
	fs.IntVar(&cfg.ShardSize, "shard", 10000, "most reports per directory")
	fs.IntVar(&cfg.Workers, "workers", 0, "generator goroutines (default GOMAXPROCS; output does not depend on it)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if cfg.Out == "" || cfg.Reports <= 0 || fs.NArg() != 0 {
		fs.Usage()
		return errUsage
	}
	start := time.Now()
	st, err := synth.Generate(ctx, cfg)
	if err != nil {
		return err
	}
	el := time.Since(start)
	fmt.Fprintf(stdout, "wrote %d reports (%.1f MB) in %d director%s in %s (%.0f reports/s)\n",
		st.Reports, float64(st.Bytes)/1e6, len(st.Dirs), map[bool]string{true: "y", false: "ies"}[len(st.Dirs) == 1],
		el.Round(time.Millisecond), float64(st.Reports)/el.Seconds())
	keys := make([]string, 0, len(st.ByFormat))
	for k := range st.ByFormat {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(stdout, "  %-28s %d\n", k, st.ByFormat[k])
	}
	return nil
}
