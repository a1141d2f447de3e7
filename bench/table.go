package bench

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// WriteTable prints the result as one table.
func (r *Result) WriteTable(w io.Writer, title string) {
	fmt.Fprintf(w, "== %s: %d files, %.1f MB\n", title, r.Files, float64(r.Bytes)/1e6)
	fmt.Fprintf(w, "%-40s %9s %10s %10s %8s %6s %10s  %s\n", "phase", "files", "seconds", "files/s", "CPU µs/f", "cores", "peak RSS", "note")
	var tok, ext, sto, ing float64
	var ingPh, refPh *Phase
	for i, p := range r.Phases {
		fmt.Fprintf(w, "%-40s %9d %10.2f %10.0f %8.0f %6.2f %8.0f MB  %s\n", p.Name, p.Files, p.Elapsed.Seconds(), p.Rate(),
			p.CPUPerFile(), p.Cores(), float64(p.PeakRSS)/(1<<20), p.Note)
		switch {
		case strings.HasPrefix(p.Name, "html tokenizer"):
			tok = p.Rate()
		case strings.HasPrefix(p.Name, "extract only"):
			ext = p.Rate()
		case strings.HasPrefix(p.Name, "store only"):
			sto = p.Rate()
		case strings.HasPrefix(p.Name, "ingest"):
			ing = p.Rate()
			ingPh = &r.Phases[i]
		case strings.HasPrefix(p.Name, "refresh"):
			refPh = &r.Phases[i]
		}
	}
	if tok > 0 && ext > 0 && ing > 0 {
		fmt.Fprintf(w, "ratio tokenizer/extract-only %.1fx, tokenizer/ingest %.1fx\n", tok/ext, tok/ing)
	}
	if tok > 0 && sto > 0 {
		fmt.Fprintf(w, "ratio tokenizer/store-only %.1fx (the floor of tokenizer/ingest: its writes alone)\n", tok/sto)
	}
	if ingPh != nil && refPh != nil {
		both := ingPh.Elapsed + refPh.Elapsed
		fmt.Fprintf(w, "ingest + refresh: %d files in %.1f s, %.0f files/s\n", ingPh.Files, both.Seconds(), float64(ingPh.Files)/both.Seconds())
	}
	fmt.Fprintf(w, "database size %.1f MB; peak RSS of the run %.0f MB\n", float64(r.DBBytes)/1e6, float64(r.PeakRSS)/(1<<20))
	if r.APINote != "" {
		fmt.Fprintln(w, r.APINote)
	}
	for _, l := range r.API {
		urls := ""
		if l.URLs > 0 {
			urls = fmt.Sprintf(" urls %d", l.URLs)
		}
		cpu := ""
		if l.CPU > 0 {
			cpu = " cpu " + ms(l.CPU)
		}
		fmt.Fprintf(w, "%-64s n %3d%s p50 %8s p95 %8s p99 %8s%s errors %d\n", l.Endpoint, l.N, urls, ms(l.P50), ms(l.P95), ms(l.P99), cpu, l.Errors)
	}
	if s := r.Score; s != nil {
		fmt.Fprintf(w, "score: recall=%.4f precision=%.4f labeled=%d correct=%d wrong=%d missing=%d spurious=%d (docs %d, report flag right %d, year right %d)\n",
			s.Overall.Recall(), s.Overall.Precision(), s.Overall.Labeled, s.Overall.Correct, s.Overall.Wrong,
			s.Overall.Missing, s.Overall.Spurious, s.Docs, s.FlagRight, s.YearRight)
	}
}

// ms formats a latency in milliseconds, as a table column.
func ms(d time.Duration) string {
	return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond))
}
