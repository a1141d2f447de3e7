package dashboard

import (
	"context"
	"errors"
	"html/template"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"nianbao/data/duckdb"
)

// report shows one report: its text with every extracted value highlighted and linked to
// the metric, the table lines as a table, the facts, checks, warnings and the source.
func (s *Server) report(c echo.Context) error {
	f, err := parseFilter(c, 50)
	if err != nil {
		return err
	}
	id := c.Param("id")
	if !reHex.MatchString(id) {
		return badf("report id must be hexadecimal")
	}
	ctx := c.Request().Context()
	rp, err := s.loadReport(ctx, id)
	if err != nil {
		return err
	}
	if rp.row == nil {
		return errNotFound
	}
	r, facts, checks, mentions, text := rp.row, rp.facts, rp.checks, rp.mentions, rp.text
	if f.Format == "json" {
		return c.JSON(200, map[string]any{"report": r, "facts": facts.Rows, "checks": checks.Rows,
			"key_areas": mentions.Rows, "text": text})
	}
	hl := highlight(text, facts.Rows)
	return s.render(c, 200, "report", page{Title: str(r["organ"]) + " " + str(r["year"]), Filter: f, Data: map[string]any{
		"R": r, "Facts": facts.Rows, "Checks": checks.Rows, "Mentions": mentions.Rows,
		"HasText": text != "", "Text": hl.html, "Tables": hl.tables, "Unplaced": hl.unplaced,
		"Warnings": r["warnings"],
	}})
}

// reportParts is what the report page shows, from five tables.
type reportParts struct {
	row                     map[string]any // dash_report.sql's row; nil: no such report
	facts, checks, mentions *duckdb.Table
	text                    string
}

// loadReport reads the report with this id and its rows. Its row comes from
// serving_report_ids, in memory; its facts, checks, mentions and text each from a row
// group of a base table that no earlier request may have read (15-60 ms each at 10⁶
// reports), so they are read at once, and a report costs the slowest read instead of
// their sum. When the last refresh did not see the report where it is now stored (no
// text at that doc_seq), the report is found by a scan and its rows read again.
func (s *Server) loadReport(ctx context.Context, id string) (reportParts, error) {
	served, err := s.db.ReportServed(ctx, id)
	if err != nil {
		return reportParts{}, err
	}
	if len(served.Rows) > 0 {
		p, ok, err := s.reportRows(ctx, id, served.Rows[0])
		if err != nil || ok {
			return p, err
		}
	}
	rep, err := s.db.Report(ctx, id)
	if err != nil || len(rep.Rows) == 0 {
		return reportParts{}, err
	}
	p, _, err := s.reportRows(ctx, id, rep.Rows[0])
	return p, err
}

// reportRows reads the facts, checks, key-area mentions and text of the report whose
// dash_report.sql row is r, at once, by its document and doc_seq, and says whether the
// report is stored there. A row without doc_seq is not: every stored row has one since
// migration 012, so it comes from a refresh before that (the facts are found by doc_seq
// alone). The row is kept without its doc_seq, which the page does not show.
func (s *Server) reportRows(ctx context.Context, id string, r map[string]any) (reportParts, bool, error) {
	sha, seq := str(r["document_sha256"]), r["doc_seq"]
	if seq == nil {
		return reportParts{}, false, nil
	}
	delete(r, "doc_seq")
	var (
		p    = reportParts{row: r}
		ok   bool
		errs [4]error
		wg   sync.WaitGroup
	)
	wg.Go(func() { p.facts, errs[0] = s.db.Dash(ctx, "report_facts", 0, id, seq) })
	wg.Go(func() { p.checks, errs[1] = s.db.Dash(ctx, "report_checks", 0, id, sha, seq) })
	wg.Go(func() { p.mentions, errs[2] = s.db.Dash(ctx, "report_mentions", 0, id, sha, seq) })
	wg.Go(func() { p.text, ok, errs[3] = s.db.ReportText(ctx, id, sha, seq) })
	wg.Wait()
	if err := errors.Join(errs[:]...); err != nil {
		return reportParts{}, false, err
	}
	return p, ok, nil
}

// span is a highlighted run of the text, in runes.
type span struct {
	start, end int
	key        string
	scope      string
	title      string // every key the span is evidence of
}

type highlighted struct {
	html     template.HTML   // the whole text, escaped, with <mark> links
	tables   []template.HTML // runs of tab-separated lines as tables, same highlights
	unplaced []string        // keys whose evidence could not be found at its offset
}

// highlight escapes text and wraps each fact's evidence in a link to its row in the facts
// table. The evidence is looked for at its character offset; if the text there differs
// (an older extraction), the nearest occurrence is used; else the fact is listed as
// unplaced. Overlapping evidence keeps the first span. Every byte of the text goes
// through template.HTMLEscapeString, so markup in a report shows as text.
func highlight(text string, facts []map[string]any) highlighted {
	var h highlighted
	if text == "" {
		return h
	}
	runes := []rune(text)
	var spans []span
	for _, f := range facts {
		ev := str(f["evidence"])
		if ev == "" {
			continue
		}
		off := intOf(f["offset"])
		n := utf8.RuneCountInString(ev)
		start := -1
		if off >= 0 && off+n <= len(runes) && string(runes[off:off+n]) == ev {
			start = off
		} else if i := strings.Index(text, ev); i >= 0 {
			start = utf8.RuneCountInString(text[:i])
		}
		if start < 0 {
			h.unplaced = append(h.unplaced, str(f["key"]))
			continue
		}
		spans = append(spans, span{start: start, end: start + n, key: str(f["key"]), scope: str(f["scope"])})
	}
	sort.SliceStable(spans, func(i, j int) bool {
		if spans[i].start != spans[j].start {
			return spans[i].start < spans[j].start
		}
		return spans[i].end > spans[j].end // the widest first, so it can absorb what it contains
	})
	// Evidence inside another fact's evidence (a 表三 row is the evidence of its 总计 and
	// each applicant column's evidence is a prefix of it) joins that mark: it links to the
	// shortest key (the 总计 one) and its title lists all of them. Evidence that only
	// partly overlaps a kept span is not marked (it is still in the facts table).
	kept := spans[:0]
	last := -1
	for _, sp := range spans {
		if n := len(kept); n > 0 && sp.start >= kept[n-1].start && sp.end <= kept[n-1].end {
			k := &kept[n-1]
			k.title += " " + sp.key
			if len(sp.key) < len(k.key) {
				k.key, k.scope = sp.key, sp.scope
			}
			continue
		}
		if sp.start >= last {
			sp.title = sp.key
			kept = append(kept, sp)
			last = sp.end
		}
	}
	h.html = render(runes, 0, len(runes), kept)
	// Tables: runs of two or more lines with tabs (the converter writes cells tab-separated).
	lines := strings.SplitAfter(text, "\n")
	pos := 0
	var cur []int // rune offsets [start, end) of the run's lines
	flush := func() {
		if len(cur) >= 4 {
			h.tables = append(h.tables, tableHTML(runes, cur, kept))
		}
		cur = cur[:0]
	}
	for _, ln := range lines {
		n := utf8.RuneCountInString(ln)
		if strings.Contains(ln, "\t") {
			cur = append(cur, pos, pos+n)
		} else {
			flush()
		}
		pos += n
	}
	flush()
	return h
}

// render escapes runes[from:to] and marks the spans inside it (spans are sorted and do
// not overlap; parts outside [from, to) are clipped).
func render(runes []rune, from, to int, spans []span) template.HTML {
	var b strings.Builder
	at := from
	for _, sp := range spans {
		s, e := max(sp.start, from), min(sp.end, to)
		if s >= e {
			continue
		}
		b.WriteString(template.HTMLEscapeString(string(runes[at:s])))
		id := template.HTMLEscapeString(sp.key + "-" + sp.scope)
		b.WriteString(`<mark title="` + template.HTMLEscapeString(sp.title) + `"><a href="#f-` + id + `">`)
		b.WriteString(template.HTMLEscapeString(string(runes[s:e])))
		b.WriteString("</a></mark>")
		at = e
	}
	if at < to {
		b.WriteString(template.HTMLEscapeString(string(runes[at:to])))
	}
	return template.HTML(b.String()) //nolint:gosec // built from escaped text only
}

func tableHTML(runes []rune, lines []int, spans []span) template.HTML {
	var b strings.Builder
	b.WriteString("<table>")
	for i := 0; i+1 < len(lines); i += 2 {
		b.WriteString("<tr>")
		start, end := lines[i], lines[i+1]
		for end > start && (runes[end-1] == '\n' || runes[end-1] == '\r') {
			end--
		}
		cell := start
		for p := start; p <= end; p++ {
			if p == end || runes[p] == '\t' {
				b.WriteString("<td>")
				b.WriteString(string(render(runes, cell, p, spans)))
				b.WriteString("</td>")
				cell = p + 1
			}
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</table>")
	return template.HTML(b.String()) //nolint:gosec // cells built by render
}
