package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode/utf8"
)

// page writes a document's paragraphs in one rendering. Tables are written by the
// rendering's own functions (html.go, text.go).
type page struct {
	format string
	sb     *strings.Builder
	r      *rand.Rand
	lines  int // pdftext: lines on the current page
	pageNo int
}

func (p *page) title(s string) {
	switch p.format {
	case fmtHTML:
		p.sb.WriteString("<p style=\"text-align: center;font-weight: bold;\">" + s + "</p>\n")
	case fmtPDFText:
		p.sb.WriteString("            " + s + "\n\n")
		p.lines += 2
	case fmtCrawler:
		p.sb.WriteString(s + " ")
	default:
		p.sb.WriteString(s + "\n")
	}
}

func (p *page) heading(s string) { p.para(s) }

func (p *page) para(s string) {
	switch p.format {
	case fmtHTML:
		p.sb.WriteString("<p>" + s + "</p>")
		if p.r.IntN(2) == 0 {
			p.sb.WriteByte('\n')
		}
	case fmtPDFText:
		p.wrapped("   "+s, 31)
	case fmtCrawler:
		p.sb.WriteString(s)
	default:
		p.sb.WriteString(s + "\n")
	}
}

// wrapped writes s broken every width runes, the way pdftotext lays out a justified
// paragraph, with a page footer ("-3-") every forty lines or so.
func (p *page) wrapped(s string, width int) {
	for s != "" {
		i, n := 0, 0
		for i < len(s) && n < width {
			_, w := utf8.DecodeRuneInString(s[i:])
			i += w
			n++
		}
		p.line(s[:i])
		s = s[i:]
	}
}

// line writes one line of pdftotext output.
func (p *page) line(s string) {
	p.sb.WriteString(s + "\n")
	p.lines++
	if p.lines >= 40 {
		p.pageBreak()
	}
}

func (p *page) pageBreak() {
	p.pageNo++
	fmt.Fprintf(p.sb, "\n%s-%d-\n\f", strings.Repeat(" ", 43), p.pageNo)
	p.lines = 0
}

// writeTemplateBody writes a 2019/2021-template report in the page's rendering.
func writeTemplateBody(sb *strings.Builder, r *rand.Rand, o Organ, year int, tv *tableVals, st tableStyle, format string) {
	p := &page{format: format, sb: sb, r: r}
	p.title(fmt.Sprintf("%s%d年政府信息公开工作年度报告", o.Name, year))
	if format == fmtHTML && r.IntN(2) == 0 {
		y, m, d := pubDate(r, year, false)
		p.para(fmt.Sprintf("发布日期：%d-%02d-%02d", y, m, d))
	}
	p.para(fmt.Sprintf("本报告由%s根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。报告中所列数据统计期限自%d年1月1日起至%d年12月31日止。%s",
		office(o), year, year, contact(r, o)))
	p.heading("一、总体情况")
	for _, s := range fillers(r, fillerGeneral, 2+r.IntN(3), o, year) {
		p.para(s)
	}
	nw := tv.t3["requests_new"][6]
	p.para(fmt.Sprintf("（一）主动公开情况。主要通过政府门户网站主动公开政府文件、通知公告等各类政府信息。%d年，%s主动公开政府信息%d条。",
		year, o.Short, 20+r.IntN(3000)))
	if nw == 0 {
		p.para("（二）依申请公开情况。本年度未收到政府信息公开申请。")
	} else {
		p.para(fmt.Sprintf("（二）依申请公开情况。%d年共受理政府信息公开申请%d件，均在法定期限内答复。", year, nw))
	}
	p.heading("二、主动公开政府信息情况")
	switch format {
	case fmtHTML:
		htmlTable2(sb, tv, st)
	case fmtPDFText:
		pdfTable2(p, tv)
	default:
		crawlerTable2(p, tv)
	}
	p.heading("三、收到和处理政府信息公开申请情况")
	switch format {
	case fmtHTML:
		htmlTable3(sb, r, tv, st)
	case fmtPDFText:
		pdfTable3(p, tv, st)
	default:
		crawlerTable3(p, tv, st)
	}
	p.heading("四、政府信息公开行政复议、行政诉讼情况")
	switch format {
	case fmtHTML:
		htmlTable4(sb, tv, st)
	case fmtPDFText:
		pdfTable4(p, tv)
	default:
		crawlerTable4(p, tv)
	}
	p.heading("五、政府信息公开工作存在的主要问题及改进情况")
	for _, s := range fillers(r, fillerProblems, 1+r.IntN(2), o, year) {
		p.para(s)
	}
	p.heading("六、其他需要报告的事项")
	if r.IntN(2) == 0 {
		p.para("本年度未收取信息处理费。")
	} else {
		p.para("无。")
	}
	y, m, d := pubDate(r, year, o.Level == "department")
	p.para(o.Name)
	p.para(fmt.Sprintf("%d年%d月%d日", y, m, d))
}
