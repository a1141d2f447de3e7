package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"nianbao/data"
	"nianbao/ingest/convert"
	"nianbao/ingest/extract"
)

func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("extract", "extract [--format jsonl|table] FILE…", stderr)
	format := fs.String("format", "jsonl", "output: jsonl (one record per line, METRICS.md) or table (human-readable)")
	pdftotext := fs.String("pdftotext", "", "pdftotext binary for PDF input (default: from PATH)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *format != "jsonl" && *format != "table" {
		fmt.Fprintf(stderr, "extract: unknown --format %q (want jsonl or table)\n", *format)
		return errUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	conv := convert.New(convert.Config{PDFToText: *pdftotext})
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, path := range fs.Args() {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec := extractFile(ctx, conv, path)
		if *format == "jsonl" {
			if err := enc.Encode(rec); err != nil {
				return fmt.Errorf("write: %w", err)
			}
			continue
		}
		writeTable(w, rec)
	}
	return nil
}

// extractFile always returns a record: an unreadable input becomes a record with
// is_annual_report false and a warning saying why.
func extractFile(ctx context.Context, conv *convert.Converter, path string) data.Report {
	fail := func(err error) data.Report {
		return data.Report{SourcePath: path, Metrics: []data.Metric{}, Checks: []data.Check{},
			KeyAreas: []data.KeyAreaMention{}, Warnings: []string{err.Error()}, Extractor: extract.Version}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return fail(fmt.Errorf("read: %w", err))
	}
	doc, err := conv.Convert(ctx, path, "", b)
	if err != nil {
		return fail(fmt.Errorf("convert: %w", err))
	}
	rec := extract.Extract(doc)
	rec.SourcePath = path
	return rec
}

func writeTable(w io.Writer, r data.Report) {
	fmt.Fprintf(w, "== %s\n", r.SourcePath)
	fmt.Fprintf(w, "report %s  annual=%v  organ=%s  year=%d  published=%s  template=%s  level=%s\n",
		r.ReportID, r.IsAnnualReport, r.Organ, r.Year, r.Published, r.Template, r.Level)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "key\tvalue\tsemantic\tscope\tmethod\toffset\tevidence")
	for _, m := range r.Metrics {
		v := "—"
		if m.Value != nil {
			v = strconv.FormatFloat(*m.Value, 'f', -1, 64)
		}
		ev := strings.ReplaceAll(m.Evidence, "\n", " ")
		if len([]rune(ev)) > 60 {
			ev = string([]rune(ev)[:60]) + "…"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\n", m.Key, v, m.Semantic, m.Scope, m.Method, m.Offset, ev)
	}
	tw.Flush()
	for _, c := range r.Checks {
		mark := "ok  "
		if !c.OK {
			mark = "FAIL"
		}
		fmt.Fprintf(w, "check %s %s: %s\n", mark, c.Name, c.Detail)
	}
	for _, k := range r.KeyAreas {
		fmt.Fprintf(w, "key area %s: %s\n", k.Area, k.Evidence)
	}
	for _, s := range r.Warnings {
		fmt.Fprintf(w, "warning: %s\n", s)
	}
	fmt.Fprintln(w)
}
