package extract

import (
	"fmt"
	"slices"
	"strings"

	"nianbao/data"
)

// table3Checks records the identities of 表三 as the source states them (with derived
// totals where the 总计 column was blank), never forcing them.
func table3Checks(g grid, derived map[string]bool, r *data.Report) {
	nw, ok1 := g.get("requests_new", totalCol)
	co, ok2 := g.get("requests_carried_over", totalCol)
	ct, ok3 := g.get("concluded_total", totalCol)
	cf, ok4 := g.get("carried_forward", totalCol)
	if ok1 && ok2 && ok3 && ok4 {
		r.Checks = append(r.Checks, data.Check{Name: "requests_balance", OK: nw+co == ct+cf,
			Detail: fmt.Sprintf("%s = %s (新收+结转 = 办结+结转下年)", joinNums(nw, co), joinNums(ct, cf))})
	}
	if ok3 {
		if parts, ok := outcomeParts(g, totalCol); ok {
			sum := 0.0
			for _, p := range parts {
				sum += p
			}
			r.Checks = append(r.Checks, data.Check{Name: "concluded_sum", OK: sum == ct,
				Detail: fmt.Sprintf("%s = %s vs 总计 %s", joinNums(parts...), fmtNum(sum), fmtNum(ct))})
		}
	}
	// Each applicant column obeys the same two identities.
	var bad []string
	checked := 0
	for col := 0; col < totalCol; col++ {
		if g.identitiesHold(col) {
			checked++
			continue
		}
		bad = append(bad, strings.TrimPrefix(colSuffix[col], "_"))
	}
	if checked+len(bad) > 0 {
		detail := "every applicant column balances"
		if len(bad) > 0 {
			detail = "columns that do not balance: " + strings.Join(bad, ", ")
		}
		r.Checks = append(r.Checks, data.Check{Name: "column_balances", OK: len(bad) == 0, Detail: detail})
	}
	// Each row's applicant columns add up to its 总计.
	var rowBad []string
	rows := 0
	for key, c := range g {
		if len(c) != nCols || !c[totalCol].known() || derived[key] {
			continue
		}
		rows++
		sum := 0.0
		for _, x := range c[:totalCol] {
			sum += x.value()
		}
		if sum != c[totalCol].value() {
			rowBad = append(rowBad, fmt.Sprintf("%s: %s ≠ %s", key, fmtNum(sum), fmtNum(c[totalCol].value())))
		}
	}
	if rows > 0 {
		detail := fmt.Sprintf("%d rows add up", rows)
		if len(rowBad) > 0 {
			slices.Sort(rowBad)
			detail = strings.Join(rowBad, "; ")
		}
		r.Checks = append(r.Checks, data.Check{Name: "row_sums", OK: len(rowBad) == 0, Detail: detail})
	}
	if len(derived) > 0 {
		r.Checks = append(r.Checks, data.Check{Name: "total_column_printed", OK: false,
			Detail: fmt.Sprintf("总计 column blank in %d rows that have figures in the applicant columns; totals derived", len(derived))})
	}
}

// outcomeParts returns granted, partial and the four group totals of col.
func outcomeParts(g grid, col int) ([]float64, bool) {
	var parts []float64
	for _, k := range []string{"granted", "partial"} {
		v, ok := g.get(k, col)
		if !ok {
			return nil, false
		}
		parts = append(parts, v)
	}
	for _, gr := range table3Groups {
		v, ok := g.group(gr.total, gr.parts, col)
		if !ok {
			return nil, false
		}
		parts = append(parts, v)
	}
	return parts, true
}

// table4Checks records whether each group of 表四 adds up.
func table4Checks(c []cell, r *data.Report) {
	names := []string{"reconsideration_sum", "litigation_direct_sum", "litigation_after_review_sum"}
	for g := 0; g+5 <= len(c); g += 5 {
		ok := true
		vals := make([]float64, 4)
		for i := range 4 {
			if !c[g+i].known() {
				ok = false
			}
			vals[i] = c[g+i].value()
		}
		if !ok || !c[g+4].known() {
			continue
		}
		sum := vals[0] + vals[1] + vals[2] + vals[3]
		r.Checks = append(r.Checks, data.Check{Name: names[g/5], OK: sum == c[g+4].value(),
			Detail: fmt.Sprintf("%s = %s vs 总计 %s", joinNums(vals...), fmtNum(sum), fmtNum(c[g+4].value()))})
	}
}
