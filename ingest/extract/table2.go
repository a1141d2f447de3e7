package extract

import (
	"fmt"
	"strings"

	"nianbao/data"
)

// t2row is one row of 表二: the keys of its columns in order ("" for a column nianbao
// reads but does not name) and the unit of its figures.
type t2row struct {
	def   rowDef
	keys  []string
	unit  string
	cells []cell
	start int
	// hints are verbs whose figure the narrative may state, by column, to settle cells that
	// ran together.
	hints []string
}

// t2read is 表二 as found.
type t2read struct {
	rows   []*t2row
	is2021 bool
	is2019 bool
}

// readTable2 finds 表二 between its heading and 表三 (t3) and reads its rows.
func (tt *tableText) readTable2(t3 int, r *data.Report) *t2read {
	head := strings.LastIndex(tt.norm[tt.base:t3], "主动公开政府信息情况")
	if head < 0 {
		return nil
	}
	head += tt.base
	end := t3
	if h := strings.LastIndex(tt.norm[head:t3], "收到和处理"); h >= 0 {
		end = head + h
	}
	cs, ce := tt.compactAt(head), tt.compactAt(end)
	region := tt.cp.s[cs:ce]
	t2 := &t2read{
		is2021: strings.Contains(region, "本年制发") || strings.Contains(region, "现行有效") || strings.Contains(region, "本年废止"),
		is2019: strings.Contains(region, "新制作") || strings.Contains(region, "新公开") || strings.Contains(region, "对外公开总数"),
	}
	prior := strings.Contains(region, "上一年项目数量")
	docs := func(base string) []string {
		if t2.is2021 || !t2.is2019 {
			return []string{base + "_issued", base + "_repealed", base + "_in_force"}
		}
		return []string{base + "_made", base + "_published", base + "_public_total"}
	}
	decisions := func(key string) []string {
		if prior {
			return []string{"", "", key}
		}
		return []string{key}
	}
	fees := []string{"fees_amount_wan"}
	if !strings.Contains(region, "收费金额") {
		fees = []string{"", ""}
	}
	defs := []*t2row{
		{def: rowDef{key: "regulations", keywords: []string{"规章"}}, keys: docs("regulations"), unit: "件", hints: []string{"制发|新制作|印发|出台", "废止", "现行有效"}},
		{def: rowDef{key: "normative", keywords: []string{"规范性文件"}}, keys: docs("normative"), unit: "件", hints: []string{"制发|新制作|印发|出台", "废止", "现行有效"}},
		{def: rowDef{key: "licensing", keywords: []string{"行政许可"}}, keys: decisions("licensing_decisions"), unit: "件"},
		{def: rowDef{key: "other_services", keywords: []string{"其他对外管理服务"}}, keys: decisions("other_services_decisions"), unit: "件"},
		{def: rowDef{key: "penalty", keywords: []string{"行政处罚"}}, keys: decisions("penalty_decisions"), unit: "件"},
		{def: rowDef{key: "coercion", keywords: []string{"行政强制"}}, keys: decisions("coercion_decisions"), unit: "件"},
		{def: rowDef{key: "fees", keywords: []string{"行政事业性收费"}}, keys: fees, unit: "万元"},
		{def: rowDef{key: "procurement", keywords: []string{"政府集中采购"}}, keys: []string{"procurement_projects", "procurement_amount_yuan"}, unit: "元"},
	}
	limit := tt.cp
	limit.s = limit.s[:ce]
	at := cs
	var found []*t2row
	type span struct{ s, e int }
	var spans []span
	for _, d := range defs {
		s, e, next, ok := limit.find(d.def, at)
		if !ok {
			continue
		}
		d.start = s
		found = append(found, d)
		spans = append(spans, span{s, e})
		at = next
	}
	for i, d := range found {
		stop := end
		if i+1 < len(found) {
			stop = found[i+1].start
		}
		toks, tabbed := tabRow(tt.norm, spans[i].e)
		if !tabbed {
			toks = textRow(tt.norm, spans[i].e, stop)
		}
		if len(toks) == 0 {
			continue
		}
		n := len(d.keys)
		cands, complete := splits(toks, n, 4096, nil)
		if !complete || len(cands) == 0 {
			r.Warnings = append(r.Warnings, fmt.Sprintf("表二 row %s: %d cells where %d were expected; left unread", d.def.key, len(toks), n))
			continue
		}
		if len(cands) > 1 {
			cands = corroborate(tt, d, cands, head, end, r)
		}
		d.cells = agree(cands, n)
		for col, c := range d.cells {
			if c.sem == "" && d.keys[col] != "" {
				r.Warnings = append(r.Warnings, fmt.Sprintf("表二 %s: ambiguous: run-together digits allow %d readings; left unread", d.keys[col], len(cands)))
			}
		}
		t2.rows = append(t2.rows, d)
	}
	return t2
}

// corroborate keeps the readings of a run-together 表二 row that agree with a figure the
// report's own narrative states for the same column (制发的规范性文件77件), one stated figure at
// a time; a figure that no reading matches is ignored, since the table rules.
func corroborate(tt *tableText, d *t2row, cands [][]cell, t2start, t2end int, r *data.Report) [][]cell {
	subject := d.def.keywords[0]
	for col, verbs := range d.hints {
		for _, stated := range statedFigures(tt.norm, subject, strings.Split(verbs, "|"), t2start, t2end) {
			var keep [][]cell
			for _, c := range cands {
				if c[col].known() && c[col].value() == stated {
					keep = append(keep, c)
				}
			}
			if len(keep) > 0 && len(keep) < len(cands) {
				r.Warnings = append(r.Warnings, fmt.Sprintf("表二 %s: run-together digits read with the figure the narrative states (%s)", d.keys[col], fmtNum(stated)))
				cands = keep
			}
		}
	}
	return cands
}

// statedFigures returns the numbers that clauses outside the tables give for subject with
// one of verbs before it ("制发的规范性文件77件").
func statedFigures(norm, subject string, verbs []string, skipFrom, skipTo int) []float64 {
	var out []float64
	for at := 0; at < len(norm); {
		i := strings.Index(norm[at:], subject)
		if i < 0 {
			break
		}
		i += at
		at = i + len(subject)
		if i >= skipFrom && i < skipTo {
			continue
		}
		cs := clauseStart(norm, i)
		clause := norm[cs:i]
		hasVerb := false
		for _, v := range verbs {
			if strings.Contains(clause, v) {
				hasVerb = true
			}
		}
		if !hasVerb {
			continue
		}
		j := at
		if n := numberPrefix(norm[j:min(len(norm), j+20)]); n > 0 && strings.HasPrefix(norm[j+n:], "件") {
			if v, ok := parseCellNumber(norm[j : j+n]); ok {
				out = append(out, v)
			}
		}
	}
	return out
}

// clauseStart returns the start of the clause holding offset i.
func clauseStart(norm string, i int) int {
	s := max(0, i-120)
	best := s
	for _, p := range []string{"，", "。", "；", "、", "\n"} {
		if k := strings.LastIndex(norm[s:i], p); k >= 0 && s+k+len(p) > best {
			best = s + k + len(p)
		}
	}
	return best
}

// emitTable2 adds the named cells of 表二 to r. The 2019 format's 本年新制作 column is also
// given under the 2021 key 本年制发 (regulations_issued, normative_issued): both count
// documents made in the year, and a panel across formats needs one name.
func emitTable2(tt *tableText, t2 *t2read, r *data.Report) {
	if t2 == nil {
		return
	}
	for _, d := range t2.rows {
		for col, c := range d.cells {
			key := d.keys[col]
			if key == "" || c.sem == "" {
				continue
			}
			m := tt.metric(key, d.start, c, "")
			m.Unit = d.unit
			if key == "procurement_projects" {
				m.Unit = "个"
			}
			r.Metrics = append(r.Metrics, m)
			if alias, ok := strings.CutSuffix(key, "_made"); ok {
				m.Key = alias + "_issued"
				r.Metrics = append(r.Metrics, m)
			}
		}
	}
}

// detectTemplate tells the 2021 format from the 2019 one by the tables themselves: 表二's
// columns (本年制发/废止/现行有效 against 新制作/新公开) and, failing that, 表三's three
// （六）其他处理 sub-rows.
func detectTemplate(t2 *t2read, rows []*rowRead) string {
	if t2 != nil && t2.is2021 {
		return data.Template2021
	}
	if t2 != nil && t2.is2019 {
		return data.Template2019
	}
	for _, row := range rows {
		if row.def.key == "other_no_correction" || row.def.key == "other_unpaid_fee" {
			return data.Template2021
		}
	}
	return data.Template2019
}
