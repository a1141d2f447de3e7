package extract

import (
	"fmt"
	"strings"

	"nianbao/data"
)

// table4Keys are 表四's fifteen cells in the template's order: 行政复议, then 行政诉讼
// 未经复议直接起诉 and 复议后起诉, each as 维持, 纠正, 其他, 尚未审结, 总计.
var table4Keys = func() []string {
	var keys []string
	for _, g := range []string{"reconsideration", "litigation_direct", "litigation_after_review"} {
		for _, c := range []string{"_upheld", "_corrected", "_other", "_pending", "_total"} {
			keys = append(keys, g+c)
		}
	}
	return keys
}()

// readTable4 reads 表四 from its heading at t4 to the next section.
func (tt *tableText) readTable4(t4 int, method string, r *data.Report) {
	end := min(len(tt.norm), t4+20000)
	for _, stop := range []string{"五、", "存在的主要问题", "主要问题及改进"} {
		if i := strings.Index(tt.norm[t4:end], stop); i >= 0 && t4+i < end {
			end = t4 + i
		}
	}
	toks := tabCells(tt.norm, t4, end)
	if toks == nil {
		toks = textRow(tt.norm, t4, end)
	}
	if len(toks) == 0 {
		r.Warnings = append(r.Warnings, "表四: no cells found")
		return
	}
	// Every cell's evidence is the whole data row, blank cells at its ends left out: the
	// row has no label, so the row up to a cell (tt.metric's evidence) was empty or blanks
	// alone for a blank cell.
	ev, off := trimmedSpan(tt.doc, toks[0].c.start, toks[len(toks)-1].c.end)
	n := len(table4Keys)
	if len(toks) < n && spaced(tt.norm, toks) {
		// A layout rendering with blank cells: place the figures by column.
		if centers, ok := table4Centers(tt.norm, t4, toks[0].c.start); ok {
			if cells := placeByColumn(tt.norm, toks, centers, toks[0].c.start); cells != nil {
				for i, c := range cells {
					r.Metrics = append(r.Metrics, tt.metricWith(table4Keys[i], c, method, ev, off))
				}
				table4Checks(cells, r)
				return
			}
		}
	}
	var accept func([]cell) bool
	if len(toks) < n {
		accept = groupSumsHold
	}
	// Each finished group of five is checked as soon as it is read.
	cands, complete := splitsPruned(toks, n, 256, accept, func(c []cell) bool {
		return accept == nil || len(c)%5 != 0 || groupSumsHold(c[len(c)-5:])
	})
	if !complete || len(cands) == 0 {
		r.Warnings = append(r.Warnings, fmt.Sprintf("表四: %d cells or digit groups where %d cells were expected; ambiguous, left unread", len(toks), n))
		return
	}
	cells := agree(cands, n)
	for i, c := range cells {
		if c.sem == "" {
			r.Warnings = append(r.Warnings, fmt.Sprintf("表四 %s: ambiguous: run-together digits allow %d readings; left unread", table4Keys[i], len(cands)))
			continue
		}
		r.Metrics = append(r.Metrics, tt.metricWith(table4Keys[i], c, method, ev, off))
	}
	table4Checks(cells, r)
}

// tabCells reads the data rows of a table rendered with tab-separated cells: the lines of
// [from, to) whose fields are all figures, blanks or "/" marks, with at least one figure.
func tabCells(norm string, from, to int) []token {
	var toks []token
	for at := from; at < to; {
		eol := strings.IndexByte(norm[at:to], '\n')
		if eol < 0 {
			eol = to - at
		}
		line := norm[at : at+eol]
		if strings.IndexByte(line, '\t') >= 0 {
			var row []token
			figures, ok := 0, true
			pos := at
			for _, f := range strings.Split(line, "\t") {
				c, good := readField(norm, pos, pos+len(f))
				if !good {
					ok = false
					break
				}
				if c.sem == data.SemNumber || c.sem == data.SemZero {
					figures++
				}
				row = append(row, token{c: c})
				pos += len(f) + 1
			}
			if ok && figures > 0 {
				toks = append(toks, row...)
			}
		}
		at += eol + 1
	}
	return toks
}

// groupSumsHold: in each of 表四's three groups the four outcomes add up to the 总计.
func groupSumsHold(c []cell) bool {
	for g := 0; g+5 <= len(c); g += 5 {
		if !c[g+4].known() {
			continue
		}
		sum := 0.0
		for _, x := range c[g : g+4] {
			sum += x.value()
		}
		if sum != c[g+4].value() {
			return false
		}
	}
	return true
}
