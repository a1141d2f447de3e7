package synth

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// htmlCell writes one <td> (or <th> for headers when the style uses them) with optional
// spans; blank cells are &nbsp; as word processors export them.
func htmlCell(sb *strings.Builder, st tableStyle, header bool, text string, colspan, rowspan int) {
	tag := "td"
	if header && st.useTH {
		tag = "th"
	}
	sb.WriteString("<" + tag)
	if colspan > 1 {
		sb.WriteString(` colspan="` + strconv.Itoa(colspan) + `"`)
	}
	if rowspan > 1 {
		sb.WriteString(` rowspan="` + strconv.Itoa(rowspan) + `"`)
	}
	sb.WriteString(` style="width:60px;">`)
	if text == "" {
		text = "&nbsp;"
	} else if st.fullWidth && !header {
		text = fullWidth(text)
	}
	if st.wrapP {
		sb.WriteString(`<p align="center">` + text + `</p>`)
	} else {
		sb.WriteString(text)
	}
	sb.WriteString("</" + tag + ">")
}

func htmlTable2(sb *strings.Builder, tv *tableVals, st tableStyle) {
	width := 4
	sb.WriteString(`<table border="1" cellspacing="0" cellpadding="0" align="center"><tbody>` + "\n")
	section := ""
	var head []string
	for _, row := range tv.t2 {
		if row.section != section || !equal(row.head, head) {
			if row.section != section {
				sb.WriteString("<tr>")
				htmlCell(sb, st, true, row.section, width, 1)
				sb.WriteString("</tr>\n")
			}
			section, head = row.section, row.head
			sb.WriteString("<tr>")
			htmlCell(sb, st, true, row.head[0], 1, 1)
			for i, h := range row.head[1:] {
				htmlCell(sb, st, true, h, spanOf(len(row.head)-1, width-1, i), 1)
			}
			sb.WriteString("</tr>\n")
		}
		sb.WriteString("<tr>")
		htmlCell(sb, st, false, row.label, 1, 1)
		for i, c := range row.cells {
			if row.label == "政府集中采购" && i == 1 && c != "0" && len(c)%2 == 0 {
				c += "元" // t2019/001 prints 251000元
			}
			htmlCell(sb, st, false, t2Text(c, tv.commas), spanOf(len(row.cells), width-1, i), 1)
		}
		sb.WriteString("</tr>\n")
	}
	sb.WriteString("</tbody></table>\n")
}

// t2Text prints a 表二 cell, with thousands separators when the table uses them.
func t2Text(c string, commas bool) string {
	if v, err := strconv.ParseInt(c, 10, 64); err == nil && commas && v >= 1000 {
		return withCommas(v)
	}
	return c
}

// spanOf spreads n cells over w grid columns: the last cell takes what is left.
func spanOf(n, w, i int) int {
	if i == n-1 {
		return w - (n - 1)
	}
	return 1
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

var applicantCols = []string{"商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"}

// htmlTable3 writes 表三 in one of three markups: the template's own rowspans (t2019/001),
// flat rows with group headings of their own, or the group cells repeated on every row.
func htmlTable3(sb *strings.Builder, r *rand.Rand, tv *tableVals, st tableStyle) {
	sb.WriteString(`<table border="1" cellspacing="1" align="center"><tbody>` + "\n")
	// Header: three rows, as the template.
	sb.WriteString("<tr>")
	htmlCell(sb, st, true, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3)
	htmlCell(sb, st, true, "申请人情况", 7, 1)
	sb.WriteString("</tr>\n<tr>")
	if st.totalFirst {
		htmlCell(sb, st, true, "总计", 1, 2)
	}
	htmlCell(sb, st, true, "自然人", 1, 2)
	htmlCell(sb, st, true, "法人或其他组织", 5, 1)
	if !st.totalFirst {
		htmlCell(sb, st, true, "总计", 1, 2)
	}
	sb.WriteString("</tr>\n<tr>")
	for _, h := range applicantCols {
		htmlCell(sb, st, true, h, 1, 1)
	}
	sb.WriteString("</tr>\n")

	// Group sizes, for rowspans.
	groupRows := map[string]int{}
	outcomeRows := 0
	for _, row := range tv.rows {
		if row.group != "" {
			outcomeRows++
			if row.group != "三、本年度办理结果" {
				groupRows[row.group]++
			}
		}
	}
	seen := map[string]bool{}
	for _, row := range tv.rows {
		cells := rowCells(tv, row.key, st.totalFirst)
		sb.WriteString("<tr>")
		sub := row.group != "" && row.group != "三、本年度办理结果"
		switch st.layout {
		case 0: // rowspans
			if row.group != "" && !seen["三、本年度办理结果"] {
				seen["三、本年度办理结果"] = true
				htmlCell(sb, st, false, "三、本年度办理结果", 1, outcomeRows)
			}
			switch {
			case row.group == "":
				htmlCell(sb, st, false, row.label, 3, 1)
			case sub:
				if !seen[row.group] {
					seen[row.group] = true
					htmlCell(sb, st, false, row.group, 1, groupRows[row.group])
				}
				htmlCell(sb, st, false, row.label, 1, 1)
			default:
				htmlCell(sb, st, false, row.label, 2, 1)
			}
		case 1: // flat: a heading row before each group, labels in one wide cell
			if row.group != "" && !seen["三、本年度办理结果"] {
				seen["三、本年度办理结果"] = true
				htmlCell(sb, st, false, "三、本年度办理结果", 10, 1)
				sb.WriteString("</tr>\n<tr>")
			}
			if sub && !seen[row.group] {
				seen[row.group] = true
				htmlCell(sb, st, false, row.group, 10, 1)
				sb.WriteString("</tr>\n<tr>")
			}
			htmlCell(sb, st, false, row.label, 3, 1)
		default: // group cells repeated on every row
			g1, g2 := "", ""
			if row.group != "" {
				g1 = "三、本年度办理结果"
			}
			if sub {
				g2 = row.group
			}
			switch {
			case row.group == "":
				htmlCell(sb, st, false, row.label, 3, 1)
			case sub:
				htmlCell(sb, st, false, g1, 1, 1)
				htmlCell(sb, st, false, g2, 1, 1)
				htmlCell(sb, st, false, row.label, 1, 1)
			default:
				htmlCell(sb, st, false, g1, 1, 1)
				htmlCell(sb, st, false, row.label, 2, 1)
			}
		}
		for _, c := range cells {
			htmlCell(sb, st, false, c, 1, 1)
		}
		sb.WriteString("</tr>")
		if r.IntN(2) == 0 {
			sb.WriteByte('\n')
		}
	}
	sb.WriteString("</tbody></table>\n")
}

// htmlTable4 writes 表四 with the template's two header rows.
func htmlTable4(sb *strings.Builder, tv *tableVals, st tableStyle) {
	sb.WriteString(`<table border="1" cellspacing="1" align="center"><tbody>` + "\n<tr>")
	htmlCell(sb, st, true, "行政复议", 5, 1)
	htmlCell(sb, st, true, "行政诉讼", 10, 1)
	sb.WriteString("</tr>\n<tr>")
	for _, h := range []string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"} {
		htmlCell(sb, st, true, h, 1, 2)
	}
	htmlCell(sb, st, true, "未经复议直接起诉", 5, 1)
	htmlCell(sb, st, true, "复议后起诉", 5, 1)
	sb.WriteString("</tr>\n<tr>")
	for range 2 {
		for _, h := range []string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"} {
			htmlCell(sb, st, true, h, 1, 1)
		}
	}
	sb.WriteString("</tr>\n<tr>")
	for _, c := range t4Cells(tv) {
		htmlCell(sb, st, false, c, 1, 1)
	}
	sb.WriteString("</tr>\n</tbody></table>\n")
}
