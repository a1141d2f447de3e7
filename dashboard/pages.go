package dashboard

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/labstack/echo/v4"

	"nianbao/analytics"
	"nianbao/data"
)

// pageFilter parses the filters and fills the year menu every page's form offers.
func (s *Server) pageFilter(c echo.Context) (Filter, []int, error) {
	f, err := parseFilter(c, 50)
	if err != nil {
		return f, nil, err
	}
	if f.Format != "" && f.Format != "html" {
		return f, nil, badf("pages are HTML; use /api/v1 for %s", f.Format)
	}
	t, err := s.db.DashAgg(c.Request().Context(), "levels", nil)
	if err != nil {
		return f, nil, err
	}
	seen := map[int]bool{}
	var years []int
	for _, r := range t.Rows {
		if y := intOf(r["year"]); y != 0 && !seen[y] {
			seen[y] = true
			years = append(years, y)
		}
	}
	sort.Sort(sort.Reverse(sort.IntSlice(years)))
	return f, years, nil
}

func apiURL(f Filter, view, format string, kv ...string) string {
	f.Lang = ""
	return f.URL("/api/v1/"+view, append([]string{"format", format}, kv...)...)
}

// overview: totals and trends, by year and by province, and what the data covers.
func (s *Server) overview(c echo.Context) error {
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
	args, err := s.aggArgs(f)
	if err != nil {
		return err
	}
	counts, err := s.db.DashAgg(ctx, "overview_counts", args)
	if err != nil {
		return err
	}
	tally := map[string]int{}
	levels, templates, provinces := map[string]int{}, map[string]int{}, map[string]float64{}
	for _, r := range counts.Rows {
		v, _ := num(r["value"])
		switch k := str(r["key"]); str(r["dim"]) {
		case "level":
			levels[k] = int(v)
		case "template":
			templates[k] = int(v)
		case "province":
			if p := provinceOf(k); p != "" {
				provinces[p] += v
			}
		default:
			tally[str(r["dim"])] = int(v)
		}
	}
	charts := []chartView{
		lineChart(l, "trend-requests", T(l, "trend_requests"), ys.labels(), []series{
			ys.series(T(l, "requests_new"), "requests_new"), ys.series(T(l, "concluded_total"), "concluded_total"),
			ys.series(T(l, "granted"), "granted"), ys.series(T(l, "denied_total"), "denied_total")}),
		lineChart(l, "trend-rates", T(l, "trend_rates"), is.labels(), []series{
			is.ratio(T(l, "grant_rate"), "grant_rate_num", "grant_rate_den"),
			is.ratio(T(l, "refusal_rate"), "refusal_rate_num", "refusal_rate_den")}),
		mapChart(l, "map-requests", T(l, "by_province"), provinces),
	}
	charts[0].DataURL, charts[0].JSONURL = apiURL(f, "reports", "csv"), apiURL(f, "reports", "json")
	charts[1].DataURL, charts[1].JSONURL = apiURL(f, "indicators", "csv"), apiURL(f, "indicators", "json")
	charts[2].DataURL = apiURL(f, "reports", "csv")
	return s.render(c, 200, "overview", page{Title: T(l, "overview"), Filter: f, Charts: charts, Data: map[string]any{
		"Years": years, "Reports": tally["reports"], "Annual": tally["annual"], "Organs": tally["organs"],
		"Levels": levels, "Templates": templates, "YearRows": ys.rows, "YearList": ys.years,
	}})
}

// organListMax is the most organ names the organ page lists.
const organListMax = 2000

// organ: one organ over all years, or the list of organs to pick from.
func (s *Server) organ(c echo.Context) error {
	f, years, err := s.pageFilter(c)
	if err != nil {
		return err
	}
	ctx, l := c.Request().Context(), f.Lang
	if f.Organ == "" {
		// the names with their annual report counts, summed in SQL; a national list is
		// cut at organListMax names (narrow it with the region and level filters)
		args, err := s.aggArgs(f)
		if err != nil {
			return err
		}
		t, err := s.db.DashAgg(ctx, "organs", args, organListMax+1)
		if err != nil {
			return err
		}
		counts := map[string]int{}
		names := make([]string, 0, len(t.Rows))
		for _, r := range t.Rows {
			if len(names) == organListMax {
				break
			}
			n := str(r["organ"])
			names = append(names, n)
			counts[n] = intOf(r["reports"])
		}
		return s.render(c, 200, "organ", page{Title: T(l, "organs"), Filter: f, Data: map[string]any{
			"Years": years, "Names": names, "Counts": counts, "Cut": len(t.Rows) > organListMax}})
	}
	all := f
	all.Year, all.From, all.To = 0, 0, 0 // an organ page shows every year
	// the two views at once: each reads its organ's rows, cold for an organ no request
	// asked for before (/organ ?organ at 10⁶ reports: p50 24-37 ms, read one after the other)
	var (
		wg         sync.WaitGroup
		reps, ind  *table
		rErr, iErr error
	)
	wg.Go(func() { ind, _, iErr = s.view(ctx, analytics.ViewIndicators, all, 0, 0) })
	reps, _, rErr = s.view(ctx, analytics.ViewReports, all, 0, 0)
	wg.Wait()
	if rErr != nil {
		return rErr
	}
	if len(reps.Rows) == 0 {
		return errNotFound
	}
	if iErr != nil {
		return iErr
	}
	ys := sumByYear(reps, "requests_new", "concluded_total", "granted", "partial", "denied_total", "unable_total")
	is := sumByYear(ind, "grant_rate_num", "grant_rate_den", "refusal_rate_num", "refusal_rate_den",
		"nondisclosure_rate_num", "nondisclosure_rate_den")
	charts := []chartView{
		lineChart(l, "organ-requests", T(l, "trend_requests"), ys.labels(), []series{
			ys.series(T(l, "requests_new"), "requests_new"), ys.series(T(l, "granted"), "granted"),
			ys.series(T(l, "partial"), "partial"), ys.series(T(l, "denied_total"), "denied_total"),
			ys.series(T(l, "unable_total"), "unable_total")}),
		lineChart(l, "organ-rates", T(l, "trend_rates"), is.labels(), []series{
			is.ratio(T(l, "grant_rate"), "grant_rate_num", "grant_rate_den"),
			is.ratio(T(l, "refusal_rate"), "refusal_rate_num", "refusal_rate_den"),
			is.ratio(T(l, "nondisclosure_rate"), "nondisclosure_rate_num", "nondisclosure_rate_den")}),
	}
	charts[0].DataURL, charts[0].JSONURL = apiURL(all, "reports", "csv"), apiURL(all, "reports", "json")
	charts[1].DataURL, charts[1].JSONURL = apiURL(all, "indicators", "csv"), apiURL(all, "indicators", "json")
	return s.render(c, 200, "organ", page{Title: f.Organ, Filter: f, Charts: charts, Data: map[string]any{
		"Years": years, "Reports": reps.Rows}})
}

// regions: the ranking of the organs under a region on one indicator, with intervals and
// shrunk rates, a bar chart, the peer groups and a province map of the indicator.
func (s *Server) regions(c echo.Context) error {
	f, years, err := s.pageFilter(c)
	if err != nil {
		return err
	}
	if f.Metric == "" {
		f.Metric = "grant_rate"
	}
	if !isRanked(f.Metric) {
		return badf("metric must be one of grant_rate, refusal_rate, nondisclosure_rate, correction_rate")
	}
	ctx, l := c.Request().Context(), f.Lang
	rk, total, err := s.view(ctx, analytics.ViewRankings, f, (f.Page-1)*200, 200)
	if err != nil {
		return err
	}
	groups := map[string]int{}
	var names []string
	var raw, shrunk []*float64
	for _, r := range rk.Rows {
		groups[str(r["peer_group"])] = intOf(r["peer_size"])
		if len(names) < 30 {
			names = append(names, str(r["organ"]))
			v1, ok1 := num(r["rate"])
			v2, ok2 := num(r["shrunk_rate"])
			raw, shrunk = append(raw, opt(v1, ok1)), append(shrunk, opt(v2, ok2))
		}
	}
	args, err := s.aggArgs(f)
	if err != nil {
		return err
	}
	pr, err := s.db.DashAgg(ctx, "province_rates", args, f.Metric)
	if err != nil {
		return err
	}
	nums, dens := map[string]float64{}, map[string]float64{}
	for _, r := range pr.Rows {
		p := provinceOf(str(r["province_code"]))
		x, ok1 := num(r["num"])
		n, ok2 := num(r["den"])
		if p != "" && ok1 && ok2 {
			nums[p] += x
			dens[p] += n
		}
	}
	byProv := map[string]float64{}
	for p, n := range dens {
		if n > 0 {
			byProv[p] = nums[p] / n
		}
	}
	title := T(l, f.Metric)
	charts := []chartView{
		barChart(l, "ranking-bar", title+" · "+T(l, "rank"), names, []series{{T(l, "shrunk"), shrunk}, {T(l, "rate"), raw}}, true),
		mapChart(l, "ranking-map", T(l, "map_indicator")+" · "+title, byProv),
	}
	charts[0].DataURL, charts[0].JSONURL = apiURL(f, "rankings", "csv"), apiURL(f, "rankings", "json")
	charts[1].DataURL, charts[1].JSONURL = apiURL(f, "indicators", "csv"), apiURL(f, "indicators", "json")
	return s.render(c, 200, "regions", page{Title: T(l, "regions"), Filter: f, Charts: charts, Data: map[string]any{
		"Years": years, "Rows": rk.Rows, "Total": total, "Groups": groups, "Indicators": analytics.RankedIndicators,
		"Pager": pager(f, "/regions", total, 200)}})
}

func isRanked(m string) bool {
	for _, r := range analytics.RankedIndicators {
		if r == m {
			return true
		}
	}
	return false
}

func opt(v float64, ok bool) *float64 {
	if !ok {
		return nil
	}
	return &v
}

// heatOrgans is the most organs the key-area heatmap shows.
const heatOrgans = 40

// keyAreas: which organs discuss which key areas in a year, and coverage over the years.
func (s *Server) keyAreas(c echo.Context) error {
	f, years, err := s.pageFilter(c)
	if err != nil {
		return err
	}
	ctx, l := c.Request().Context(), f.Lang
	all := f
	all.Year = 0
	// the trend: mean coverage per year, summed in SQL over serving_annual
	args, err := s.aggArgs(all)
	if err != nil {
		return err
	}
	tr, err := s.db.DashAgg(ctx, "coverage_trend", args)
	if err != nil {
		return err
	}
	year := f.Year
	var labels []string
	var mean []*float64
	for _, r := range tr.Rows {
		y := intOf(r["year"])
		if f.Year == 0 && y > year {
			year = y
		}
		v, ok := num(r["coverage"])
		labels, mean = append(labels, strconv.Itoa(y)), append(mean, opt(v, ok))
	}
	// the heatmap: the first heatOrgans reports of the year in the coverage view's order,
	// one page of that view (its rows are a report's areas in list order)
	areasOfYear, _ := data.KeyAreasFor(year)
	hf := f
	hf.Year = year
	var areas, organs []string
	ai, oi := map[string]int{}, map[string]int{}
	var cells [][3]float64
	if year != 0 {
		cov, _, err := s.view(ctx, analytics.ViewCoverage, hf, 0, heatOrgans*max(1, len(areasOfYear.Areas)))
		if err != nil {
			return err
		}
		for _, r := range cov.Rows {
			organ, area := str(r["organ"]), str(r["area"])
			if _, ok := ai[area]; !ok {
				ai[area] = len(areas)
				areas = append(areas, area)
			}
			if _, ok := oi[organ]; !ok {
				if len(organs) >= heatOrgans {
					continue
				}
				oi[organ] = len(organs)
				organs = append(organs, organ)
			}
			v := 0.0
			if r["mentioned"] == true {
				v = 1
			}
			cells = append(cells, [3]float64{float64(ai[area]), float64(oi[organ]), v})
		}
	}
	yf := f
	yf.Year = year
	charts := []chartView{
		heatChart(l, "keyarea-heat", fmt.Sprintf("%s · %d", T(l, "heatmap"), year), areas, organs, cells, 1),
		lineChart(l, "keyarea-trend", T(l, "coverage_trend"), labels, []series{{T(l, "coverage_trend"), mean}}),
	}
	charts[0].DataURL, charts[0].JSONURL = apiURL(yf, "coverage", "csv"), apiURL(yf, "coverage", "json")
	charts[1].DataURL, charts[1].JSONURL = apiURL(all, "coverage", "csv"), apiURL(all, "coverage", "json")
	return s.render(c, 200, "keyareas", page{Title: T(l, "keyareas"), Filter: f, Charts: charts, Data: map[string]any{
		"Years": years, "Year": year, "Areas": areas}})
}

// qualityRows is the most problems the quality page lists.
const qualityRows = 500

// quality: missing, late, inconsistent reports and copy-paste suspects.
func (s *Server) quality(c echo.Context) error {
	f, years, err := s.pageFilter(c)
	if err != nil {
		return err
	}
	ctx, l := c.Request().Context(), f.Lang
	args, err := s.aggArgs(f)
	if err != nil {
		return err
	}
	// The rows shown and the count of each kind: the chart counts every problem, the
	// table shows the first qualityRows. serving_quality counts the kinds (a database
	// refreshed by an older binary lacks it: every row is read and counted, as before).
	counts := map[string]float64{}
	q, total, err := s.view(ctx, analytics.ViewQuality, f, 0, qualityRows)
	if err != nil {
		return err
	}
	if kinds, err := s.db.DashAgg(ctx, "quality_kinds", args); err == nil {
		for _, r := range kinds.Rows {
			n, _ := num(r["n"])
			counts[str(r["kind"])] = n
		}
	} else if ctx.Err() == nil {
		if q, total, err = s.view(ctx, analytics.ViewQuality, f, 0, 0); err != nil {
			return err
		}
		for _, r := range q.Rows {
			counts[str(r["kind"])]++
		}
	} else {
		return err
	}
	// Copy-paste suspects (内容雷同) need every report text, so `nianbao refresh
	// --similarity` finds them and keeps them in serving_similarity; the page only reads
	// that table (the most similar first, at most 500).
	similar, err := s.db.Dash(ctx, "similarity", 0, append(args, 500)...)
	switch {
	case err != nil && ctx.Err() == nil && strings.Contains(err.Error(), "serving_similarity"):
		similar = &table{} // a database not yet migrated to 008 (serve opens read-only)
	case err != nil:
		return err
	}
	for _, sim := range similar.Rows {
		q.Rows = append(q.Rows, map[string]any{
			"kind": analytics.ProblemCopyPaste, "organ": sim["organ"], "year": sim["year"],
			"check_name": sim["kind"], "report_id": sim["report_id"], "evidence": sim["evidence"],
			"detail": fmt.Sprintf("%s %s (Jaccard %.2f)", str(sim["other_organ"]), str(sim["other_year"]), sim["jaccard"]),
		})
		counts[analytics.ProblemCopyPaste]++
		total++
	}
	kinds := []string{"missing", "late", "failed_check", "cross_year", "copy_paste"}
	for k := range counts {
		if !contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	var xs []string
	var vs []*float64
	for _, k := range kinds {
		xs = append(xs, T(l, k))
		vs = append(vs, f64(counts[k]))
	}
	rows := q.Rows
	if len(rows) > qualityRows {
		rows = rows[:qualityRows]
	}
	charts := []chartView{barChart(l, "quality-kinds", T(l, "problems"), xs, []series{{T(l, "problems"), vs}}, false)}
	charts[0].DataURL, charts[0].JSONURL = apiURL(f, "quality", "csv"), apiURL(f, "quality", "json")
	return s.render(c, 200, "quality", page{Title: T(l, "quality"), Filter: f, Charts: charts, Data: map[string]any{
		"Years": years, "Rows": rows, "Total": total}})
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// pagerView is the previous/next links of a paginated table.
type pagerView struct {
	Prev, Next string
	Page, Of   int
}

func pager(f Filter, path string, total, size int) pagerView {
	p := pagerView{Page: f.Page, Of: max(1, (total+size-1)/size)}
	if f.Page > 1 {
		p.Prev = f.URL(path, "page", strconv.Itoa(f.Page-1))
	}
	if f.Page < p.Of {
		p.Next = f.URL(path, "page", strconv.Itoa(f.Page+1))
	}
	return p
}
