package synth

import (
	"strings"
	"unicode/utf8"
)

// width is the width of s in pdftotext -layout output, which gives every character one
// cell, CJK or not: columns line up by character count (t2019/008, 010), not by how wide
// a terminal would draw them.
func width(s string) int { return utf8.RuneCountInString(s) }

// pad returns s padded with spaces to display width w.
func pad(s string, w int) string {
	if d := w - width(s); d > 0 {
		return s + strings.Repeat(" ", d)
	}
	return s + " "
}

// lpad right-aligns s in display width w.
func lpad(s string, w int) string {
	if d := w - width(s); d > 0 {
		return strings.Repeat(" ", d) + s
	}
	return " " + s
}

// layoutCells right-aligns cells in columns, as pdftotext -layout does a table row.
func layoutCells(cells []string, w int) string {
	var b strings.Builder
	for _, c := range cells {
		b.WriteString(lpad(c, w))
	}
	return b.String()
}

func pdfTable2(p *page, tv *tableVals) {
	section := ""
	var head []string
	for _, row := range tv.t2 {
		if row.section != section {
			section = row.section
			p.line("")
			p.line("              " + row.section)
			p.line("")
		}
		if !equal(row.head, head) {
			head = row.head
			var b strings.Builder
			b.WriteString("       " + row.head[0])
			for _, h := range row.head[1:] {
				b.WriteString("    " + h)
			}
			p.line(b.String())
			p.line("")
		}
		cells := make([]string, len(row.cells))
		for i, c := range row.cells {
			cells[i] = t2Text(c, tv.commas)
		}
		p.line(pad(row.label, 18) + layoutCells(cells, 12))
		p.line("")
	}
}

// t3LabelWidth and t3CellWidth are where 表三's figures stand in a layout rendering.
const t3LabelWidth, t3CellWidth = 48, 6

// pdfTable3 writes 表三 as pdftotext lays out the template's table: the header words
// scattered over several lines, group headings on lines of their own, long labels wrapped
// with the cells after the second part (t2019/008).
func pdfTable3(p *page, tv *tableVals, st tableStyle) {
	p.line(strings.Repeat(" ", 62) + "申请人情况")
	p.line("")
	p.line(strings.Repeat(" ", 57) + "法人或其他组织")
	p.line("（本列数据的勾稽关系为：第一项加第二项之和， 等")
	p.line("于第三项加第四项之和）")
	// The column names stand over their columns, broken over lines as in t2019/008.
	col := func(k int) int { // template column k → its position in the printed order
		if st.totalFirst {
			return (k + 1) % 7
		}
		return k
	}
	header := [][]struct {
		k    int
		word string
	}{
		{{0, "自然人"}, {3, "社会"}, {4, "法律"}, {6, "总计"}},
		{{1, "商业"}, {2, "科研"}},
		{{3, "公益"}, {4, "服务"}, {5, "其他"}},
		{{1, "企业"}, {2, "机构"}},
		{{3, "组织"}, {4, "机构"}},
	}
	for _, words := range header {
		line := []rune(strings.Repeat(" ", t3LabelWidth+t3CellWidth*7))
		for _, w := range words {
			// A cell is right-aligned in its width: its figures end one before the next.
			end := t3LabelWidth + t3CellWidth*(col(w.k)+1)
			start := end - utf8.RuneCountInString(w.word)
			copy(line[start:], []rune(w.word))
		}
		p.line(strings.TrimRight(string(line), " "))
	}
	p.line("")
	group := ""
	for i, row := range tv.rows {
		if row.group != group && row.group != "" && row.group != "三、本年度办理结果" {
			p.line(strings.Repeat(" ", 18) + row.group)
		}
		group = row.group
		if i == 4 {
			p.line(" 三 、本 年 度办 理 结果")
			p.line("")
		}
		indent := ""
		switch {
		case row.group == "三、本年度办理结果":
			indent = strings.Repeat(" ", 18)
		case row.group != "":
			indent = strings.Repeat(" ", 28)
		}
		cells := layoutCells(rowCells(tv, row.key, st.totalFirst), t3CellWidth)
		label := row.label
		if utf8.RuneCountInString(label) > 20 {
			// Wrap: the first part alone, the rest with the cells.
			k := 0
			for j := range label {
				if k == 16 {
					p.line(indent + label[:j])
					label = label[j:]
					break
				}
				k++
			}
		}
		p.line(pad(indent+label, t3LabelWidth) + cells)
	}
}

func pdfTable4(p *page, tv *tableVals) {
	p.line("          行政复议                              行政诉讼")
	p.line("")
	p.line("                              未经复议直接起诉                  复议后起诉")
	p.line("")
	p.line("结果   结果     其他   尚未")
	p.line("                    总 计 结果 结果 其他       尚未     结果 结果 其他 尚未")
	p.line("维持   纠正     结果   审结                                               总计")
	p.line("                                          总 计")
	p.line("                        维持 纠正 结果       审结     维持 纠正 结果 审结")
	p.line("")
	p.line(layoutCells(t4Cells(tv), 5))
	p.line("")
}

// crawlerJoin runs cells together as a crawler's text rendering does; now and then a
// space survives between two cells (t2019/002: "230 000023").
func crawlerJoin(p *page, cells []string) string {
	var b strings.Builder
	for i, c := range cells {
		if i > 0 && p.r.IntN(8) == 0 {
			b.WriteByte(' ')
		}
		b.WriteString(c)
	}
	return b.String()
}

// crawlerRows remembers what a crawler rendering printed for each row, so the labels can
// leave out what the text does not settle.
type crawlerRows struct {
	t2 []string
	t3 map[string]string
	t4 string
}

func crawlerTable2(p *page, tv *tableVals) {
	section := ""
	var head []string
	tv.crawl = &crawlerRows{t3: map[string]string{}}
	for _, row := range tv.t2 {
		if row.section != section {
			section = row.section
			p.sb.WriteString(row.section)
		}
		if !equal(row.head, head) {
			head = row.head
			p.sb.WriteString(strings.Join(row.head, ""))
		}
		s := crawlerJoin(p, row.cells)
		tv.crawl.t2 = append(tv.crawl.t2, s)
		p.sb.WriteString(row.label + s)
	}
}

func crawlerTable3(p *page, tv *tableVals, st tableStyle) {
	p.sb.WriteString("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况")
	if st.totalFirst {
		p.sb.WriteString("总计自然人法人或其他组织商业企业科研机构社会公益组织法律服务机构其他")
	} else {
		p.sb.WriteString("自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他")
	}
	group := ""
	for _, row := range tv.rows {
		if row.group != group && row.group != "" {
			if group == "" || row.group == "（四）无法提供" {
				p.sb.WriteString("三、本年度办理结果")
			}
			if row.group != "三、本年度办理结果" {
				p.sb.WriteString(row.group)
			}
		}
		group = row.group
		s := crawlerJoin(p, rowCells(tv, row.key, st.totalFirst))
		tv.crawl.t3[row.key] = s
		p.sb.WriteString(row.label + s)
	}
}

func crawlerTable4(p *page, tv *tableVals) {
	p.sb.WriteString("行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计")
	s := crawlerJoin(p, t4Cells(tv))
	tv.crawl.t4 = s
	p.sb.WriteString(s + " ")
}
