package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Renderings of a template-era report: how the document reached the archive.
const (
	fmtHTML    = "html"    // a portal page with HTML tables
	fmtPDFText = "pdftext" // pdftotext -layout output of a PDF attachment
	fmtCrawler = "crawler" // a crawler's plain text: table cells run together
	fmtText    = "text"    // prose: plain text as stored
)

// tableStyle is the markup variant of one report's tables.
type tableStyle struct {
	layout     int  // HTML: 0 rowspan (the template's own), 1 flat rows with colspan, 2 repeated group cells
	totalFirst bool // 总计 before the applicant columns
	zeros      int  // 0 every zero printed, 1 zeros blank, 2 blank in applicant columns only, 3 "/" there
	useTH      bool
	wrapP      bool // cell text wrapped in <p align="center">
	fullWidth  bool // figures in full-width digits (８５９)
	commas     bool // thousands separators (1,234)
}

// tmplDoc builds one template-era report: its values, labels and rendered text.
func tmplDoc(r *rand.Rand, o Organ, year int, format string) (body string, l *labels, tpl string, traps []string) {
	tv := &tableVals{t2021: year >= 2021 && r.IntN(20) != 0}
	tv.rows = table3Rows2019
	tpl = "t2019"
	switch {
	case tv.t2021 && r.IntN(20) == 0:
		// t2019/009: 2021 columns in 表二 but the single （六）其他处理 row of 2019.
		tpl = "t2021"
		traps = append(traps, "t2021_single_other_row")
	case tv.t2021:
		tv.rows = table3Rows2021
		tpl = "t2021"
	case year >= 2021:
		// Some later reports keep the whole 2019 template: the extractor must detect the
		// template from the table, not the year.
		traps = append(traps, "t2019_after_2021")
	}
	genTable3(r, tv, o.Level)
	genTable2(r, tv, o.Level, r.IntN(3) == 0)
	genTable4(r, tv, tv.t3["requests_new"][6])

	st := tableStyle{totalFirst: r.IntN(8) == 0, useTH: r.IntN(4) == 0, wrapP: r.IntN(2) == 0}
	switch format {
	case fmtHTML:
		st.layout = r.IntN(3)
		switch x := r.IntN(20); {
		case x < 9:
			st.zeros = 0
		case x < 14:
			st.zeros = 1
		case x < 19:
			st.zeros = 2
		default:
			st.zeros = 3
		}
		if r.IntN(50) == 0 {
			st.fullWidth = true
			traps = append(traps, "fullwidth_digits")
		}
	case fmtPDFText:
		if r.IntN(50) == 0 {
			// A Word table with empty cells: pdftotext keeps their place only as spaces.
			st.zeros = 2
			traps = append(traps, "pdf_blank_cells")
		}
	}
	if format != fmtCrawler && r.IntN(10) == 0 {
		st.commas = true
	}
	switch st.zeros {
	case 1, 2:
		traps = append(traps, "blank_zero_cells")
	case 3:
		traps = append(traps, "slash_zero_cells")
	}
	if st.totalFirst {
		traps = append(traps, "total_first")
	}
	applyMarks(tv, st)
	if format == fmtHTML {
		traps = append(traps, []string{"html_rowspan", "html_flat", "html_repeated_groups"}[st.layout])
	}
	// Source inconsistencies, on purpose and recorded. Crawler text is left consistent:
	// its cells can only be split by the identities, and a broken identity makes the
	// split genuinely ambiguous.
	if format != fmtCrawler {
		injectInconsistency(r, tv, format)
	}
	if len(tv.incons) > 0 {
		traps = append(traps, "source_inconsistency")
	}
	tv.commas = st.commas
	l = tableLabels(tv)
	var sb strings.Builder
	sb.Grow(24 << 10)
	writeTemplateBody(&sb, r, o, year, tv, st, format)
	body = sb.String()
	if format == fmtCrawler {
		crawlerUncertain(tv, st, l)
	}
	return body, l, tpl, traps
}

// applyMarks sets how zero cells print under the table's style.
func applyMarks(tv *tableVals, st tableStyle) {
	for _, row := range tv.rows {
		v, m := tv.t3[row.key], tv.mark3[row.key]
		for c := range 7 {
			if v[c] != 0 {
				continue
			}
			switch {
			case st.zeros == 1:
				m[c] = markBlank
			case st.zeros == 2 && c < 6:
				m[c] = markBlank
			case st.zeros == 3 && c < 6:
				m[c] = markSlash
			}
		}
	}
	if st.zeros == 1 || st.zeros == 2 {
		for i := range tv.t4 {
			if tv.t4[i] == 0 && i%5 != 4 {
				tv.mark4[i] = markBlank
			}
		}
	}
}

// injectInconsistency makes about one report in twenty disagree with itself the ways real
// ones do, and records how.
func injectInconsistency(r *rand.Rand, tv *tableVals, format string) {
	switch x := r.IntN(100); {
	case x < 2 && format == fmtHTML && tv.t3["concluded_total"][6] > 0:
		// t2019/001: the 总计 column left blank for every outcome row.
		tv.blankTotals = true
		for _, row := range tv.rows {
			if row.group != "" && row.key != "concluded_total" {
				tv.mark3[row.key][6] = markBlank
			}
		}
		tv.incons = append(tv.incons, "表三 总计 column left blank for the outcome rows; labels are the sums of the applicant columns")
	case x < 4:
		// A row's 总计 that is not the sum of its applicant columns.
		var cand []string
		for _, row := range tv.rows {
			if tv.t3[row.key][6] > 0 && tv.mark3[row.key][6] == markNum {
				cand = append(cand, row.key)
			}
		}
		if len(cand) == 0 {
			return
		}
		k := cand[r.IntN(len(cand))]
		v := tv.t3[k]
		old := v[6]
		v[6] += int64(r.IntN(3)) + 1
		tv.incons = append(tv.incons, fmt.Sprintf("表三 %s: applicant columns sum %d != 总计 %d", k, old, v[6]))
	case x < 6:
		// t2019/008: a 表四 group total printed 0 beside non-zero outcomes.
		for g := range 3 {
			if tv.t4[g*5+4] > 0 {
				old := tv.t4[g*5+4]
				tv.t4[g*5+4] = 0
				tv.mark4[g*5+4] = markNum
				tv.incons = append(tv.incons, fmt.Sprintf("表四 %s: parts sum %d != 总计 0", table4Keys[g*5+4], old))
				return
			}
		}
	case x < 7 && tv.t3["carried_forward"][6] > 0:
		// 新收+结转 ≠ 办结+结转下年: the carried-forward total misprinted.
		v := tv.t3["carried_forward"]
		old := v[6]
		v[6] += 10
		tv.incons = append(tv.incons, fmt.Sprintf("表三 carried_forward: printed 总计 %d, applicant columns sum %d; the balance does not hold", v[6], old))
	}
}

// cellText is the printed text of a 表三 or 表四 cell.
func cellText(v int64, m byte, commas bool) string {
	switch m {
	case markBlank:
		return ""
	case markSlash:
		return "/"
	}
	if commas && v >= 1000 {
		return withCommas(v)
	}
	return itoa(v)
}

// withCommas prints v with thousands separators.
func withCommas(v int64) string {
	s := itoa(v)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// rowCells returns a 表三 row's printed cells in print order.
func rowCells(tv *tableVals, key string, totalFirst bool) []string {
	v, m := tv.t3[key], tv.mark3[key]
	out := make([]string, 0, 7)
	if totalFirst {
		out = append(out, cellText(v[6], m[6], tv.commas))
	}
	for c := range 6 {
		out = append(out, cellText(v[c], m[c], tv.commas))
	}
	if !totalFirst {
		out = append(out, cellText(v[6], m[6], tv.commas))
	}
	return out
}

// t4Cells returns 表四's printed cells.
func t4Cells(tv *tableVals) []string {
	out := make([]string, 15)
	for i := range out {
		out[i] = cellText(tv.t4[i], tv.mark4[i], tv.commas)
	}
	return out
}
