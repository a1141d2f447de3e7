package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// buildDoc makes report id of organ o for year: picks how it was published (the mix of
// the real archive), renders it, encodes it and writes its label and manifest lines.
func buildDoc(r *rand.Rand, id string, o Organ, year int) doc {
	var body string
	var l *labels
	var tpl, format string
	var traps []string
	if r.IntN(200) == 0 {
		return notReportDoc(r, id, o, year)
	}
	if year >= 2019 {
		switch x := r.IntN(100); {
		case x < 55:
			format = fmtHTML
		case x < 80:
			format = fmtPDFText
		default:
			format = fmtCrawler
		}
		body, l, tpl, traps = tmplDoc(r, o, year, format)
	} else {
		switch x := r.IntN(100); {
		case x < 40:
			format = fmtText
		case x < 80:
			format = fmtHTML
		default:
			format = fmtCrawler
		}
		tpl = "prose"
		body, l, traps = proseDoc(r, o, year, format)
	}
	charset, declared := "utf-8", ""
	if format == fmtHTML {
		// Chinese portals: GBK/GB2312 about half the time, and now and then a page whose
		// <meta> says utf-8 while the bytes are GBK.
		if r.IntN(2) == 0 {
			charset = "gbk"
			declared = []string{"gbk", "gb2312", "GBK", "gb2312"}[r.IntN(4)]
			if r.IntN(10) == 0 {
				declared = "utf-8"
			}
		} else {
			declared = "utf-8"
		}
		body = htmlPage(r, o, year, body, declared)
	}
	b := []byte(body)
	if charset == "gbk" {
		enc, err := simplifiedchinese.GBK.NewEncoder().String(body)
		if err != nil {
			// A name outside GBK (a rare character): the page stays UTF-8, as such
			// portals are.
			charset = "utf-8"
			b = []byte(strings.Replace(body, "charset="+declared, "charset=utf-8", 1))
		} else {
			b = []byte(enc)
		}
	}
	if charset == "gbk" && declared == "utf-8" {
		traps = append(traps, "gbk_labelled_utf8")
	}
	return finishDoc(id, o, year, b, l, tpl, format, charset, declared, traps)
}

// finishDoc writes a document's label and manifest lines.
func finishDoc(id string, o Organ, year int, b []byte, l *labels, tpl, format, charset, declared string, traps []string) doc {
	var lb []byte
	lb = l.write(lb, id, o.Name, year, tpl)
	var mb []byte
	mb = append(mb, `{"id":`...)
	mb = appendJSONString(mb, id)
	mb = append(mb, `,"organ":`...)
	mb = appendJSONString(mb, o.Name)
	mb = append(mb, `,"year":`...)
	mb = strconv.AppendInt(mb, int64(year), 10)
	outFormat := "text"
	if format == fmtHTML {
		outFormat = "html"
	}
	mb = append(mb, fmt.Sprintf(`,"format":%q,"rendering":%q,"charset":%q,"declared_charset":%q,"template":%q,"level":%q,"region_code":%q,"traps":`,
		outFormat, format, charset, declared, tpl, o.Level, o.RegionCode)...)
	mb = appendStrings(mb, traps)
	mb = append(mb, "}\n"...)
	return doc{id: id, body: b, label: lb, manifest: mb, format: format + "/" + tpl + "/" + charset}
}

// htmlPage wraps a report body in a portal page: <meta> charset (as declared, right or
// wrong), the site's chrome and the 索引号/发布机构/发布日期 block.
func htmlPage(r *rand.Rand, o Organ, year int, body, declared string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html>\n<head>\n")
	if r.IntN(2) == 0 {
		b.WriteString(`<meta http-equiv="Content-Type" content="text/html; charset=` + declared + `">` + "\n")
	} else {
		b.WriteString(`<meta charset=` + declared + `>` + "\n")
	}
	fmt.Fprintf(&b, "<title>%s%d年政府信息公开工作年度报告_%s</title>\n</head>\n<body>\n", o.Name, year, o.Name)
	b.WriteString(`<div class="top"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/zwfw/">政务服务</a> | <a href="/hdjl/">互动交流</a></div>` + "\n")
	b.WriteString(`<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>` + "\n")
	y, m, d := pubDate(r, year, o.Level == "department")
	fmt.Fprintf(&b, `<div class="xxgk_info"><ul><li>索引号：%s/%d-%05d</li><li>发布机构：%s</li><li>发布日期：%d-%02d-%02d</li><li>主题分类：政务公开</li></ul></div>`+"\n",
		o.RegionCode, y, r.IntN(100000), o.Name, y, m, d)
	b.WriteString(`<div class="article_con">` + "\n")
	b.WriteString(body)
	b.WriteString("</div>\n")
	fmt.Fprintf(&b, `<div class="footer">主办：%s 版权所有 ICP备%08d号</div>`+"\n</body>\n</html>\n", office(o), r.IntN(100000000))
	return b.String()
}
