package extract

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Many prose-era reports end with the statistics form of the time (政府信息公开情况统计表):
// rows 指标名称 / 计量单位 / 本年度 / 历年累计. Converted pages flatten it into one line, and
// some crawlers drop the cell separators ("主动公开文件数条346085376"). The rows are read
// here, weaker than the prose, so that a figure the report states in words wins.

type statRow struct {
	label string
	key   string // key of the 本年度 column
	cum   string // key of the 历年累计 column, if any
}

// statRows lists the row labels of the form; at a position the longest label wins, so
// 同意部分公开答复数 is not read as 部分公开答复数 and 不同意公开答复数 not as 同意公开答复数.
var statRows = []statRow{
	{"主动公开信息数", "proactive_total", "proactive_cumulative"},
	{"主动公开文件数", "proactive_total", "proactive_cumulative"},
	{"主动公开政府信息数", "proactive_total", "proactive_cumulative"},
	{"受理依申请公开信息总数", "requests_new", ""},
	{"受理依申请公开申请总数", "requests_new", ""},
	{"依申请公开信息总数", "requests_new", ""},
	{"同意公开答复数", "granted", ""},
	{"同意部分公开答复数", "partial", ""},
	{"部分公开答复数", "partial", ""},
	{"否决公开答复数", "denied_total", ""},
	{"不予公开答复数", "denied_total", ""},
	{"不同意公开答复数", "denied_total", ""},
	{"其他类型答复数", "other_total", ""},
	{"行政复议数", "reconsideration_total", ""},
	{"行政诉讼数", "litigation_total", ""},
	{"举报数", "complaints", ""},
	// read only to bound the next row's evidence: a fee waiver amount is not fees_yuan
	{"收费减免金额", "", ""},
}

var statUnits = []string{"条", "件", "个", "元", "次"}

func (p *proseReader) readStatTable() {
	s := p.s
	h := strings.Index(s, "历年累计")
	if h < 0 {
		return
	}
	end := h + 4000
	if end > len(s) {
		end = len(s)
	}
	prevEnd := h + len("历年累计")
	for i := prevEnd; i < end; {
		row, ok := statRowAt(s, i)
		if !ok {
			_, w := utf8.DecodeRuneInString(s[i:])
			i += w
			continue
		}
		j := i + len(row.label)
		for j < end && s[j] == ' ' {
			j++
		}
		unit := ""
		for _, u := range statUnits {
			if strings.HasPrefix(s[j:], u) {
				unit = u
				j += len(u)
				break
			}
		}
		for j < end && s[j] == ' ' {
			j++
		}
		a, b, cells, k := readStatCells(s, j, end)
		if cells == 0 || unit == "" {
			i = j
			continue
		}
		evStart := strings.LastIndex(s[prevEnd:i], "其中")
		if evStart >= 0 {
			evStart = prevEnd + evStart + len("其中")
		} else {
			evStart = prevEnd
		}
		for evStart < i && (s[evStart] == ' ' || strings.HasPrefix(s[evStart:], "：") || strings.HasPrefix(s[evStart:], ":")) {
			if s[evStart] == ' ' || s[evStart] == ':' {
				evStart++
			} else {
				evStart += len("：")
			}
		}
		annual, cum, ok := p.splitStat(row, a, b, cells)
		if ok && row.key != "" {
			u := unit
			if row.key != "proactive_total" && unit == "条" {
				u = "件"
			}
			p.addAt(row.key, u, annual, scoreTable, i, evStart, k)
			if row.cum != "" {
				p.addAt(row.cum, unit, cum, scoreTable, i, evStart, k)
			}
		}
		prevEnd = k
		i = k
	}
}

// statRowAt matches the longest row label at i.
func statRowAt(s string, i int) (statRow, bool) {
	best := -1
	for k, r := range statRows {
		if strings.HasPrefix(s[i:], r.label) && (best < 0 || len(r.label) > len(statRows[best].label)) {
			best = k
		}
	}
	if best < 0 {
		return statRow{}, false
	}
	// 同意公开答复数 inside 不同意公开答复数 is found at the longer label's start first;
	// a match preceded by 不 or 分 is the tail of another label.
	if i > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		if r == '不' || r == '分' {
			return statRow{}, false
		}
	}
	return statRows[best], true
}

// readStatCells reads one or two digit cells at j: "739 4359" gives two, "346085376" one
// run-together cell. It returns the cells' text, their count and where the row ends.
func readStatCells(s string, j, end int) (string, string, int, int) {
	var cells []string
	k := j
	for len(cells) < 2 && k < end {
		d := k
		for d < end && s[d] >= '0' && s[d] <= '9' {
			d++
		}
		if d == k {
			break
		}
		cells = append(cells, s[k:d])
		k = d
		e := k
		for e < end && s[e] == ' ' {
			e++
		}
		if e == k || e >= end || s[e] < '0' || s[e] > '9' {
			break
		}
		k = e
	}
	// A run-together row ends in the list number of the next row ("同意公开答复数条002、同意
	// 部分公开…"): the digit before 、 is that number, not a cell.
	if len(cells) == 1 && strings.HasPrefix(s[k:end], "、") && len(cells[0]) >= 2 {
		cells[0] = cells[0][:len(cells[0])-1]
		k--
	}
	switch len(cells) {
	case 1:
		return cells[0], "", 1, k
	case 2:
		return cells[0], cells[1], 2, k
	}
	return "", "", 0, k
}

// splitStat returns the 本年度 and 历年累计 values. A run-together cell is split only where
// exactly one split is possible (no leading zeros, the year's figure not above the
// cumulative one), or where the report's own proactive count fixes the split.
func (p *proseReader) splitStat(row statRow, a, b string, cells int) (float64, float64, bool) {
	if cells == 2 {
		x, _ := strconv.ParseFloat(a, 64)
		y, _ := strconv.ParseFloat(b, 64)
		return x, y, true
	}
	if len(a) > 18 {
		return 0, 0, false
	}
	if row.key == "proactive_total" {
		if v, ok := p.wholeValue("proactive_total"); ok {
			pre := formatNum(v)
			if rest := strings.TrimPrefix(a, pre); rest != a && validCell(rest) {
				y, _ := strconv.ParseFloat(rest, 64)
				if y >= v {
					return v, y, true
				}
			}
		}
	}
	var x, y float64
	n := 0
	for k := 1; k < len(a); k++ {
		if !validCell(a[:k]) || !validCell(a[k:]) {
			continue
		}
		xv, _ := strconv.ParseFloat(a[:k], 64)
		yv, _ := strconv.ParseFloat(a[k:], 64)
		if xv > yv {
			continue
		}
		x, y = xv, yv
		n++
	}
	return x, y, n == 1
}

func validCell(d string) bool {
	return d != "" && (d == "0" || d[0] != '0')
}

// wholeValue returns the strongest whole-scope candidate value read so far for key.
func (p *proseReader) wholeValue(key string) (float64, bool) {
	best := -1
	for i, c := range p.cands {
		if c.key == key && c.scope == "whole" && (best < 0 || c.score > p.cands[best].score) {
			best = i
		}
	}
	if best < 0 {
		return 0, false
	}
	return p.cands[best].value, true
}

// addAt records a candidate with an explicit evidence span.
func (p *proseReader) addAt(key, unit string, v float64, score, pos, evStart, evEnd int) {
	sem := "number"
	if v == 0 {
		sem = "zero"
	}
	p.cands = append(p.cands, proseCand{key: key, scope: "whole", unit: unit, sem: sem, value: v,
		score: score, pos: pos, evStart: evStart, evEnd: evEnd})
}
