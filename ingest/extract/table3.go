package extract

import (
	"fmt"
	"strconv"
	"strings"

	"nianbao/data"
)

// groups of 表三 whose totals the template does not print: they are derived.
var table3Groups = []struct {
	total string
	parts []string
}{
	{"denied_total", []string{"denied_state_secret", "denied_law_forbidden", "denied_three_safety", "denied_third_party", "denied_internal_affairs", "denied_process_info", "denied_enforcement_file", "denied_query_matter"}},
	{"unable_total", []string{"unable_not_held", "unable_needs_creation", "unable_unclear"}},
	{"not_processed_total", []string{"np_petition", "np_repeat", "np_publication", "np_mass_repeat", "np_confirm"}},
	{"other_total", []string{"other_no_correction", "other_unpaid_fee", "other_other"}},
}

// table3Keys holds the metric keys of 表三's rows and group totals by column (row key +
// colSuffix), made once rather than concatenated for every cell of every report.
var table3Keys = func() map[string]*[nCols]string {
	m := map[string]*[nCols]string{}
	add := func(key string) {
		var k [nCols]string
		for col := range k {
			k[col] = key + colSuffix[col]
		}
		m[key] = &k
	}
	for _, d := range table3Rows {
		add(d.key)
	}
	for _, gr := range table3Groups {
		add(gr.total)
	}
	return m
}()

// table3Key returns the metric key of row key's column col.
func table3Key(key string, col int) string {
	if k := table3Keys[key]; k != nil {
		return k[col]
	}
	return key + colSuffix[col]
}

// grid is 表三 as read: cells by row key, in column order.
type grid map[string][]cell

func (g grid) get(key string, col int) (float64, bool) {
	c, ok := g[key]
	if !ok || len(c) != nCols || !c[col].known() {
		return 0, false
	}
	return c[col].value(), true
}

// sum adds the cells of keys in col; ok is false when any is missing.
func (g grid) sum(keys []string, col int) (float64, bool) {
	total := 0.0
	for _, k := range keys {
		v, ok := g.get(k, col)
		if !ok {
			return 0, false
		}
		total += v
	}
	return total, true
}

// group returns a derived group total, or the single printed row (other_total in the
// 2019 format).
func (g grid) group(total string, parts []string, col int) (float64, bool) {
	if v, ok := g.get(total, col); ok {
		return v, true
	}
	return g.sum(parts, col)
}

// outcomes is （七）总计's parts: every outcome row and group.
func (g grid) outcomes(col int) (float64, bool) {
	total := 0.0
	for _, k := range []string{"granted", "partial"} {
		v, ok := g.get(k, col)
		if !ok {
			return 0, false
		}
		total += v
	}
	for _, gr := range table3Groups {
		v, ok := g.group(gr.total, gr.parts, col)
		if !ok {
			return 0, false
		}
		total += v
	}
	return total, true
}

// identitiesHold reports whether the column identities of the template hold for col,
// where they can be evaluated.
func (g grid) identitiesHold(col int) bool {
	nw, ok1 := g.get("requests_new", col)
	co, ok2 := g.get("requests_carried_over", col)
	ct, ok3 := g.get("concluded_total", col)
	cf, ok4 := g.get("carried_forward", col)
	if ok1 && ok2 && ok3 && ok4 && nw+co != ct+cf {
		return false
	}
	if out, ok := g.outcomes(col); ok && ok3 && out != ct {
		return false
	}
	return true
}

// solve settles the rows whose run-together digits allow several readings, by the column
// identities of the table; a cell stays unread when the readings that satisfy them differ.
func solve(rows []*rowRead, r *data.Report) {
	var amb []*rowRead
	combos := 1
	for _, row := range rows {
		if len(row.cands) > 1 {
			amb = append(amb, row)
			combos *= len(row.cands)
		}
	}
	if len(amb) == 0 {
		return
	}
	g := grid{}
	for _, row := range rows {
		if row.cells != nil {
			g[row.def.key] = row.cells
		}
	}
	var survivors [][][]cell
	if combos <= 20000 {
		pick := make([]int, len(amb))
		for {
			for i, row := range amb {
				g[row.def.key] = row.cands[pick[i]]
			}
			ok := true
			for col := 0; col < nCols && ok; col++ {
				ok = g.identitiesHold(col)
			}
			if ok {
				s := make([][]cell, len(amb))
				for i, row := range amb {
					s[i] = row.cands[pick[i]]
				}
				survivors = append(survivors, s)
			}
			i := 0
			for ; i < len(pick); i++ {
				if pick[i]++; pick[i] < len(amb[i].cands) {
					break
				}
				pick[i] = 0
			}
			if i == len(pick) {
				break
			}
		}
	}
	for i, row := range amb {
		var cands [][]cell
		if len(survivors) > 0 {
			for _, s := range survivors {
				cands = append(cands, s[i])
			}
		} else {
			cands = row.cands
		}
		row.cells = agree(cands, nCols)
		for col, c := range row.cells {
			if c.sem == "" {
				r.Warnings = append(r.Warnings, fmt.Sprintf("表三 %s%s: ambiguous: run-together digits allow %d readings; left unread", row.def.key, colSuffix[col], len(cands)))
			}
		}
	}
}

// emitTable3 adds 表三's cells, its derived group totals and its checks to r.
func emitTable3(tt *tableText, rows []*rowRead, method string, r *data.Report) {
	solve(rows, r)
	g := grid{}
	span := map[string][2]int{}
	for _, row := range rows {
		if row.cells == nil {
			continue
		}
		g[row.def.key] = row.cells
		span[row.def.key] = [2]int{row.start, rowEnd(row)}
	}
	derived := deriveTotals(g, r)
	for _, row := range rows {
		cells := g[row.def.key]
		for col, c := range cells {
			if c.sem == "" {
				continue
			}
			key := table3Key(row.def.key, col)
			if col == totalCol && derived[row.def.key] {
				ev, off := tt.doc.Span(row.start, rowEnd(row))
				r.Metrics = append(r.Metrics, tt.metricWith(key, c, data.MethodDerived, ev, off))
			} else {
				r.Metrics = append(r.Metrics, tt.metric(key, row.start, c, method))
			}
		}
	}
	for _, gr := range table3Groups {
		if _, printed := g[gr.total]; printed {
			continue
		}
		s, e, any := -1, -1, false
		for _, p := range gr.parts {
			if sp, ok := span[p]; ok {
				if s < 0 {
					s = sp[0]
				}
				e, any = sp[1], true
			}
		}
		if !any {
			continue
		}
		for col := range nCols {
			v, ok := g.sum(gr.parts, col)
			if !ok {
				continue
			}
			ev, off := tt.doc.Span(s, e)
			r.Metrics = append(r.Metrics, tt.metricWith(table3Key(gr.total, col), numCell(v, e, e), data.MethodDerived, ev, off))
		}
	}
	table3Checks(g, derived, r)
}

// rowEnd is the end of the last cell read in a row.
func rowEnd(row *rowRead) int {
	e := row.end
	for _, c := range row.cells {
		if c.sem != "" && c.end > e {
			e = c.end
		}
	}
	return e
}

// deriveTotals fills a blank 总计 cell from the applicant columns when the row has figures
// there (t2019/001 leaves the whole column blank): the source is recorded as blank in a
// warning and a check, the derived value is marked derived.
func deriveTotals(g grid, r *data.Report) map[string]bool {
	derived := map[string]bool{}
	var keys []string
	for key, c := range g {
		if len(c) != nCols || c[totalCol].sem != data.SemBlank {
			continue
		}
		sum, filled := 0.0, false
		for _, x := range c[:totalCol] {
			if x.sem == data.SemNumber || x.sem == data.SemZero {
				filled = true
			}
			sum += x.value()
		}
		if !filled {
			continue
		}
		c[totalCol] = numCell(sum, c[totalCol].start, c[totalCol].end)
		derived[key] = true
		keys = append(keys, key)
	}
	if len(keys) > 0 {
		r.Warnings = append(r.Warnings, fmt.Sprintf("表三 总计 column blank in %d rows with figures in the applicant columns; totals derived from the applicant columns", len(keys)))
	}
	return derived
}

// metric builds a table metric whose evidence runs from the row label to the cell.
func (tt *tableText) metric(key string, labelStart int, c cell, method string) data.Metric {
	ev, off := tt.doc.Span(labelStart, max(labelStart, c.end))
	return tt.metricWith(key, c, method, ev, off)
}

// metricWith builds a table metric with the evidence given: a whole row, or the rows a
// derived value sums.
func (tt *tableText) metricWith(key string, c cell, method, ev string, off int) data.Metric {
	m := data.Metric{Key: key, Semantic: c.sem, Unit: "件", Scope: data.ScopeWhole, Method: method, Evidence: ev, Offset: off}
	if c.sem != data.SemNA {
		m.Value = tt.value(c.value())
	}
	return m
}

// value is data.F(v) with the values of a report's table metrics allocated together.
func (tt *tableText) value(v float64) *float64 {
	if len(tt.vals) == cap(tt.vals) {
		tt.vals = make([]float64, 0, 64)
	}
	tt.vals = append(tt.vals, v)
	return &tt.vals[len(tt.vals)-1]
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func joinNums(vs ...float64) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = fmtNum(v)
	}
	return strings.Join(parts, "+")
}
