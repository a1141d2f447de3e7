package dashboard

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"nianbao/analytics"
	"nianbao/data/duckdb"
)

// trends: ready-made charts for journalists, each with one sentence computed from the data.
func (s *Server) trends(c echo.Context) error {
	f, years, err := s.pageFilter(c)
	if err != nil {
		return err
	}
	ctx, l := c.Request().Context(), f.Lang
	ys, err := s.sums(ctx, "year_sums", f)
	if err != nil {
		return err
	}
	is, err := s.sums(ctx, "rate_sums", f)
	if err != nil {
		return err
	}
	gf := f
	gf.Metric = "requests_new"
	args, err := s.aggArgs(f)
	if err != nil {
		return err
	}
	// The biggest absolute changes in new requests in the latest year with a change.
	mv, err := s.db.DashAgg(ctx, "movers", args, gf.Metric)
	if err != nil {
		return err
	}
	movers := mv.Rows
	latest := 0
	if len(movers) > 0 {
		latest = intOf(movers[0]["year"])
	}
	req := ys.series(T(l, "requests_new"), "requests_new")
	ref := is.ratio(T(l, "refusal_rate"), "refusal_rate_num", "refusal_rate_den")
	c1 := lineChart(l, "journalist-requests", T(l, "trend_requests"), ys.labels(), []series{req})
	c1.Caption = caption(l, T(l, "requests_new"), ys.labels(), req.Values, false)
	c2 := lineChart(l, "journalist-refusals", T(l, "refusal_rate"), is.labels(), []series{ref})
	c2.Caption = caption(l, T(l, "refusal_rate"), is.labels(), ref.Values, true)
	var names []string
	var vals []*float64
	for _, m := range movers {
		v, _ := num(m["change"])
		names = append(names, str(m["organ"]))
		vals = append(vals, f64(v))
	}
	c3 := barChart(l, "journalist-movers", fmt.Sprintf("%s · %d", T(l, "movers"), latest), names, []series{{T(l, "change"), vals}}, true)
	if len(movers) > 0 {
		m := movers[0]
		if l == "en" {
			c3.Caption = fmt.Sprintf("New requests to %s went from %s to %s in %d.", str(m["organ"]), numStr(m["prev_value"]), numStr(m["value"]), latest)
		} else {
			c3.Caption = fmt.Sprintf("%d年，%s的新收申请从%s件变为%s件，变化最大。", latest, str(m["organ"]), numStr(m["prev_value"]), numStr(m["value"]))
		}
	}
	c1.DataURL, c1.JSONURL = apiURL(f, "reports", "csv"), apiURL(f, "reports", "json")
	c2.DataURL, c2.JSONURL = apiURL(f, "indicators", "csv"), apiURL(f, "indicators", "json")
	c3.DataURL, c3.JSONURL = apiURL(gf, "growth", "csv"), apiURL(gf, "growth", "json")
	return s.render(c, 200, "trends", page{Title: T(l, "trends"), Filter: f, Charts: []chartView{c1, c2, c3},
		Data: map[string]any{"Years": years}})
}

func numStr(v any) string {
	f, ok := num(v)
	if !ok {
		return "?"
	}
	return fmt.Sprintf("%.0f", f)
}

// caption says in one sentence how a series moved between its first and last values.
func caption(lang, what string, xs []string, vs []*float64, rate bool) string {
	first, last := -1, -1
	for i, v := range vs {
		if v != nil {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 || first == last {
		if lang == "en" {
			return "Not enough years of data for a trend yet."
		}
		return "数据年份不足，暂无法给出趋势。"
	}
	a, b := *vs[first], *vs[last]
	fm := func(v float64) string {
		if rate {
			return fmt.Sprintf("%.1f%%", 100*v)
		}
		return fmt.Sprintf("%.0f", v)
	}
	dir, dirZh := "stayed at", "持平于"
	switch {
	case b > a:
		dir, dirZh = "rose from "+fm(a)+" to", "从"+fm(a)+"升至"
	case b < a:
		dir, dirZh = "fell from "+fm(a)+" to", "从"+fm(a)+"降至"
	}
	if lang == "en" {
		return fmt.Sprintf("%s %s %s between %s and %s.", what, dir, fm(b), xs[first], xs[last])
	}
	return fmt.Sprintf("%s年至%s年，%s%s%s。", xs[first], xs[last], what, dirZh, fm(b))
}

// exportPage: the downloads, the data dictionary and example calls.
func (s *Server) exportPage(c echo.Context) error {
	f, years, err := s.pageFilter(c)
	if err != nil {
		return err
	}
	dict, _, err := s.view(c.Request().Context(), analytics.ViewDictionary, Filter{}, 0, 0)
	if err != nil {
		return err
	}
	var views []string
	for _, v := range analytics.Views {
		views = append(views, string(v))
	}
	return s.render(c, 200, "export", page{Title: T(f.Lang, "export"), Filter: f, Data: map[string]any{
		"Years": years, "Dict": dict, "Views": views, "Host": c.Request().Host}})
}

// search: substring search over every report's text, with highlighted snippets.
func (s *Server) search(c echo.Context) error {
	f, years, err := s.pageFilter(c)
	if err != nil {
		return err
	}
	data := map[string]any{"Years": years}
	if f.Q != "" {
		hits, more, err := s.searchHits(c.Request().Context(), f)
		if err != nil {
			return err
		}
		// pager needs a total: one past this page when more follow enables "next"
		total, shown := searchTotal(f, len(hits), more)
		data["Hits"], data["Total"], data["Pager"] = hits, shown, pager(f, "/search", total, f.Limit)
	}
	return s.render(c, 200, "search", page{Title: T(f.Lang, "search"), Filter: f, Data: data})
}

type hit struct {
	Row     map[string]any
	Snippet template.HTML
}

// searchHits returns a page of search hits and more, whether there is a next page. The
// query stops scanning at the page's end (dash_search.sql), so there is no total: the
// pages say "N+ results" instead.
func (s *Server) searchHits(ctx context.Context, f Filter) (hits []hit, more bool, err error) {
	t, err := s.db.Search(ctx, f.Q, duckdb.SearchFilter{Year: ptrInt(f.Year), Level: ptrStr(f.Level), Prefix: ptrStr(prefix(f.Region))},
		f.Limit+1, (f.Page-1)*f.Limit)
	if err != nil {
		if ctx.Err() == nil && strings.Contains(err.Error(), "report_texts") {
			return nil, false, nil // no texts stored yet
		}
		return nil, false, err
	}
	rows := t.Rows
	if len(rows) > f.Limit {
		rows, more = rows[:f.Limit], true
	}
	qn := utf8.RuneCountInString(f.Q)
	for _, r := range rows {
		snip := []rune(str(r["snippet"]))
		at := intOf(r["pos"]) - intOf(r["snippet_start"])
		var b strings.Builder
		if at >= 0 && at+qn <= len(snip) {
			b.WriteString(template.HTMLEscapeString(string(snip[:at])))
			b.WriteString(`<mark class="hit">` + template.HTMLEscapeString(string(snip[at:at+qn])) + `</mark>`)
			b.WriteString(template.HTMLEscapeString(string(snip[at+qn:])))
		} else {
			b.WriteString(template.HTMLEscapeString(string(snip)))
		}
		hits = append(hits, hit{Row: r, Snippet: template.HTML(b.String())}) //nolint:gosec // escaped above
	}
	return hits, more, nil
}

// searchTotal is what the pages and the API say of the hits: the rows up to this page,
// and whether more follow ("120+").
func searchTotal(f Filter, n int, more bool) (int, string) {
	total := (f.Page-1)*f.Limit + n
	if more {
		return total + 1, fmt.Sprintf("%d+", total)
	}
	return total, fmt.Sprint(total)
}

// prefix turns a region code into the prefix of the codes under it (350000 → 35).
func prefix(code string) string {
	p, err := analytics.RegionPrefix(code)
	if err != nil {
		return code
	}
	return p
}

// sqlPage runs one read-only query in the sandboxed console.
func (s *Server) sqlPage(c echo.Context) error {
	f, years, err := s.pageFilter(c)
	if err != nil {
		return err
	}
	q := strings.TrimSpace(c.FormValue("sql"))
	data := map[string]any{"Years": years, "SQL": q, "On": s.console != nil}
	if s.console != nil {
		data["Cap"] = s.console.MaxRows()
	}
	code := 200
	if q != "" && s.console != nil {
		t, truncated, err := s.console.Query(c.Request().Context(), q)
		switch {
		case err == nil:
			data["Result"], data["Truncated"] = t, truncated
		case errors.Is(err, context.DeadlineExceeded):
			code, data["Error"] = 503, "the query took too long and was stopped"
		case errors.Is(err, duckdb.ErrRefused):
			code, data["Error"] = 400, strings.TrimPrefix(err.Error(), "duckdb: ")
		default:
			// The user's own query failed: DuckDB's message is about their SQL.
			code, data["Error"] = 400, strings.TrimPrefix(err.Error(), "duckdb: console: ")
		}
	}
	return s.render(c, code, "sql", page{Title: T(f.Lang, "sql"), Filter: f, Data: data})
}
