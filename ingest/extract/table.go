package extract

import (
	"fmt"
	"slices"
	"strings"

	"nianbao/data"
)

// colSuffix are the applicant columns of 表三 in the template's order, the 总计 column
// last; a table printed with 总计 first is read through totalFirst.
var colSuffix = []string{"_np", "_com", "_res", "_soc", "_law", "_oth", ""}

const (
	nCols    = 7
	totalCol = 6
)

// tableText is the stretch of a document holding the template tables, with its
// white-space-free view for matching labels.
type tableText struct {
	doc  *data.Document
	norm string
	cp   compact
	base int // Norm offset of the window
	vals []float64
}

// extractTables finds 表二, 表三 and 表四 of the 2019 and 2021 templates and reads them.
// It sets r.Template when it finds 表三.
func extractTables(doc *data.Document, r *data.Report) {
	t3 := findTable3(doc.Norm)
	if t3 < 0 {
		return
	}
	from := max(0, t3-16000)
	to := min(len(doc.Norm), t3+48000)
	tt := &tableText{doc: doc, norm: doc.Norm, cp: newCompact(doc.Norm, from, to), base: from}
	rows, t4start := tt.readTable3(t3, r)
	if len(rows) < 10 {
		// A few of 表三's labels in prose are not a table.
		return
	}
	t2 := tt.readTable2(t3, r)
	// Every cell read becomes a metric (表二's with an alias, 表三's with the derived group
	// totals): room for them all at once rather than by repeated doubling.
	n := (len(rows)+len(table3Groups))*nCols + len(table4Keys)
	if t2 != nil {
		for _, d := range t2.rows {
			n += 2 * len(d.keys)
		}
	}
	r.Metrics = slices.Grow(r.Metrics, n)
	r.Template = detectTemplate(t2, rows)
	method := data.MethodTable2019
	if r.Template == data.Template2021 {
		method = data.MethodTable2021
	}
	emitTable2(tt, t2, r)
	emitTable3(tt, rows, method, r)
	if t4start >= 0 {
		tt.readTable4(t4start, method, r)
	}
	for i := range r.Metrics {
		if r.Metrics[i].Method == "" {
			r.Metrics[i].Method = method
		}
	}
}

// findTable3 returns the Norm offset of 表三's first row label, where "本年新收" is soon
// followed by "上年结转" (the same words in a sentence of the narrative are not a table).
func findTable3(norm string) int {
	for at := 0; at < len(norm); {
		i := strings.Index(norm[at:], "新收")
		if i < 0 {
			return -1
		}
		i += at
		window := norm[i:min(len(norm), i+1200)]
		if strings.Contains(window, "上年结转") || strings.Contains(window, "上年 结转") {
			s := max(0, i-len("本年"))
			if norm[s:i] != "本年" {
				s = i
			}
			return s
		}
		at = i + len("新收")
	}
	return -1
}

// normAt maps a compact offset to Norm.
func (tt *tableText) normAt(c int) int { return tt.cp.norm(c) }

// compactAt maps a Norm offset (inside the window) to the first compact offset at or
// after it.
func (tt *tableText) compactAt(n int) int {
	lo, hi := 0, tt.cp.n
	for lo < hi {
		mid := (lo + hi) / 2
		if tt.cp.norm(mid) < n {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// rowRead is one row as found: where its label is and the readings of its cells.
type rowRead struct {
	def        rowDef
	start, end int // Norm offsets of the label (start includes the ordinal)
	cells      []cell
	cands      [][]cell
	split      bool // the cells had to be split out of run-together digits
}

// readTable3 finds the rows of 表三 in order and reads their cells. It returns the rows
// found and the Norm offset where 表四 begins (-1 if not found).
func (tt *tableText) readTable3(t3 int, r *data.Report) ([]*rowRead, int) {
	at := tt.compactAt(t3)
	var rows []*rowRead
	// 结转下年度 closes the table; labels are only looked for before it.
	cf := rowDef{key: "carried_forward", keywords: []string{"结转下年度"}}
	cfStart, cfEnd, cfNext, ok := tt.cp.find(cf, at)
	if !ok {
		return nil, -1
	}
	limit := tt.cp
	limit.s = limit.s[:tt.compactAt(cfStart)]
	subOther := false
	for _, def := range table3Rows[:len(table3Rows)-1] {
		if def.key == "other_total" && subOther {
			continue
		}
		s, e, next, ok := limit.find(def, at)
		if !ok {
			continue
		}
		if strings.HasPrefix(def.key, "other_") && def.key != "other_total" {
			subOther = true
		}
		rows = append(rows, &rowRead{def: def, start: s, end: e})
		at = next
	}
	rows = append(rows, &rowRead{def: cf, start: cfStart, end: cfEnd})

	t4 := -1
	if i := strings.Index(tt.cp.s[cfNext:], "行政复议"); i >= 0 {
		t4 = tt.normAt(cfNext + i)
	}
	header := tt.norm[max(0, t3-1500):t3]
	totFirst := totalFirst(header)
	reads := make([]rowTokens, len(rows))
	for i, row := range rows {
		var end int
		switch {
		case i+1 < len(rows):
			end = rows[i+1].start
		case t4 >= 0:
			end = t4
		default:
			end = min(len(tt.norm), row.end+400)
		}
		toks, tabbed := tabRow(tt.norm, row.end)
		if !tabbed {
			toks = textRow(tt.norm, row.end, end)
		}
		reads[i] = rowTokens{toks: toks, tabbed: tabbed}
	}
	hs := max(0, t3-1500)
	if h := strings.LastIndex(header, "申请人情况"); h >= 0 {
		hs += h
	}
	hc := readHeader(tt.norm, hs, rows[0].start)
	for i, row := range rows {
		rt := reads[i]
		if !rt.tabbed && len(rt.toks) > 0 && len(rt.toks) < nCols && spaced(tt.norm, rt.toks) {
			if centers, ok := columnCenters(tt.norm, reads, i, hc, totFirst); ok {
				// A placement is kept only when its 总计 is printed and the applicant
				// columns add up to it, or the 总计 is the row's only figure (reports that
				// fill only the 总计 column): a figure put under the wrong column would be
				// a wrong value, and an unread cell is better than a wrong one.
				if cells := placeByColumn(tt.norm, rt.toks, centers, row.end); cells != nil && cells[totalCol].known() && (rowSumHolds(cells) || len(rt.toks) == 1) {
					row.cands = [][]cell{cells}
					row.cells = cells
					continue
				}
				r.Warnings = append(r.Warnings, fmt.Sprintf("表三 row %s: %d figures for %d columns could not be placed by position; left unread", row.def.key, len(rt.toks), nCols))
				continue
			}
		}
		tt.readRow(row, rt.toks, totFirst, r)
	}
	return rows, t4
}

// totalFirst reports a 表三 header that puts 总计 before the applicant columns.
func totalFirst(header string) bool {
	h := strings.LastIndex(header, "申请人情况")
	if h < 0 {
		h = 0
	}
	header = header[h:]
	t, n := strings.Index(header, "总计"), strings.Index(header, "自然人")
	return t >= 0 && n >= 0 && t < n
}

// readRow reads one row's cells into row.cands, in the template's column order.
func (tt *tableText) readRow(row *rowRead, toks []token, totFirst bool, r *data.Report) {
	if len(toks) == 0 {
		r.Warnings = append(r.Warnings, fmt.Sprintf("表三 row %s: no cells", row.def.key))
		return
	}
	needSplit := len(toks) < nCols
	var accept func([]cell) bool
	if needSplit {
		accept = func(c []cell) bool { return rowSumHolds(order(c, totFirst)) }
	}
	cands, complete := splits(toks, nCols, 64, accept)
	if needSplit && len(cands) == 0 && complete {
		cands, complete = splits(toks, nCols, 64, nil)
	}
	if !complete {
		r.Warnings = append(r.Warnings, fmt.Sprintf("表三 row %s: cells run together ambiguously (%d cells in %d groups); left unread", row.def.key, nCols, len(toks)))
		return
	}
	if len(cands) == 0 {
		r.Warnings = append(r.Warnings, fmt.Sprintf("表三 row %s: %d cells where %d were expected; left unread", row.def.key, len(toks), nCols))
		return
	}
	for i := range cands {
		cands[i] = order(cands[i], totFirst)
	}
	row.split = needSplit
	row.cands = cands
	if len(cands) == 1 {
		row.cells = cands[0]
	}
}

// order puts a row read with 总计 first into the template's order.
func order(c []cell, totFirst bool) []cell {
	if !totFirst || len(c) != nCols {
		return c
	}
	out := make([]cell, 0, nCols)
	out = append(out, c[1:]...)
	return append(out, c[0])
}

// rowSumHolds: the applicant columns add up to the 总计 column.
func rowSumHolds(c []cell) bool {
	if len(c) != nCols || !c[totalCol].known() {
		return true
	}
	sum := 0.0
	for _, x := range c[:totalCol] {
		sum += x.value()
	}
	return sum == c[totalCol].value()
}
