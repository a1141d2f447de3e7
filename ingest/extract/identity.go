package extract

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"nianbao/data"
)

// Identity reads only the head and the tail of a document: titles, metadata blocks and
// statistics-period sentences sit at the top, signatures at the bottom, and a million
// reports must not be scanned in full for them.
const (
	identityHead = 8 << 10
	identityTail = 1500
)

var (
	// idYearRe finds a year written as a year (2014年), not as part of a longer number.
	idYearRe = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})年`)
	// idPeriodRe is the statistics-period sentence (统计期限自2019年1月1日起至2019年12月31日止),
	// matched on whitespace-free text; the end year may be omitted (至12月31日).
	idPeriodRe = regexp.MustCompile(`((?:19|20)[0-9]{2})年1月1日(?:起|始)?(?:至|到|—|－|-|~|～)(?:((?:19|20)[0-9]{2})年)?12月31日`)
	// idDateRe is a calendar date in the forms reports and portals use.
	idDateRe = regexp.MustCompile(`((?:19|20)[0-9]{2})\s*(?:年|-|/|\.)\s*([0-9]{1,2})\s*(?:月|-|/|\.)\s*([0-9]{1,2})`)
)

// Report-title keywords; 年度报告 before 报告 so the longest form is found first.
var idReportKinds = []string{"年度报告", "年报", "工作总结", "工作报告", "年度报", "情况报告"}

// idNonReportKinds are document types about disclosure work that are not a report; the
// value says why, for the warning.
var idNonReportKinds = []struct{ word, why string }{
	{"讲话", "a speech (讲话)"},
	{"致辞", "a speech (致辞)"},
	{"发言", "a speech (发言)"},
	{"通知", "a notice (通知)"},
	{"函", "a letter (函)"},
	{"意见", "an opinion (意见)"},
	{"指南", "a guide (指南)"},
	{"格式", "a template (格式)"},
	{"模板", "a template (模板)"},
	{"方案", "a plan (方案)"},
	{"办法", "rules (办法)"},
	{"规定", "rules (规定)"},
	{"要点", "a work-points document (要点)"},
	{"目录", "a catalogue (目录)"},
}

// idNonReportEnd reports whether r is the last character of an idNonReportKinds word.
func idNonReportEnd(r rune) bool {
	switch r {
	case '话', '辞', '言', '知', '函', '见', '南', '式', '板', '案', '法', '定', '点', '录':
		return true
	}
	return false
}

// idTitleCand is a title read from the head: a report title, or the title of a page of
// another kind.
type idTitleCand struct {
	text     string
	report   bool
	why      string // for non-report titles
	year     int
	organ    string
	explicit bool // from metadata or a 标题/名称 label
}

// idSegment is a piece of the head between hard separators, whitespace removed, with
// whether it ended at a line break (a title may continue on the next line).
type idSegment struct {
	s       string
	newline bool // ends at a line break
	line    bool // is a whole line
}

func identify(doc *data.Document, r *data.Report) {
	head := idPrefixBytes(doc.Norm, identityHead)
	tail := idSuffixBytes(doc.Norm, identityTail)
	valid := utf8.ValidString(head)
	segs, compactHead := idSegments(head, valid)
	titles := idFindTitles(doc.Meta.Title, segs)

	var title *idTitleCand
	for i := range titles {
		if titles[i].explicit {
			title = &titles[i]
			break
		}
	}
	if title == nil && len(titles) > 0 {
		title = &titles[0]
	}

	periodYear := idStatsPeriodYear(compactHead)
	isReport, why := idClassify(doc.Norm, head, title, periodYear != 0)
	if r.Template != data.TemplateProse && r.Template != "" {
		// A 2019/2021 template table is only ever printed in an annual report.
		isReport, why = true, ""
	}
	r.IsAnnualReport = isReport
	if !isReport {
		r.Warnings = append(r.Warnings, "not an annual report: "+why)
	}

	r.Year = idReportYear(r, isReport, title, titles, periodYear, compactHead)
	sig := &idSig{tail: tail}
	r.Published = idPublishedDate(doc, head, sig)
	r.Organ = idOrganOf(doc, titles, head, sig)
	// The region table knows county-level cities and old names; the organ's wording
	// decides only for organs it cannot place.
	res := data.ResolveOrgan(r.Organ)
	r.RegionCode, r.Province, r.City, r.County = res.Code, res.Province, res.City, res.County
	r.Level = res.Level
	if r.Level == "" {
		r.Level = idLevelOf(r.Organ)
	}
	if r.Organ != "" && !res.OK {
		r.Warnings = append(r.Warnings, "region not resolved: "+res.Reason)
	}
	if r.Year != 0 && len(r.Published) >= 4 {
		if py, err := strconv.Atoi(r.Published[:4]); err == nil && r.Year > py {
			r.Warnings = append(r.Warnings, fmt.Sprintf("report year %d is after the publication date %s", r.Year, r.Published))
		}
	}
}

// idReportYear picks the year the report is about. The statistics period states it most
// precisely, the title next; a report without either is dated by the year its opening
// paragraphs talk about. The publication date is never used: a report published in
// early 2020 is about 2019 but one published in December may be about the same year, and
// a guessed year would look like a read one. A non-report keeps only a year its title
// names (a letter about 2014's work points), since its body may speak of any year.
func idReportYear(r *data.Report, isReport bool, title *idTitleCand, titles []idTitleCand, periodYear int, compactHead string) int {
	titleYear := 0
	if title != nil {
		titleYear = title.year
	}
	if !isReport {
		return titleYear
	}
	if titleYear == 0 {
		for _, t := range titles {
			if t.report && t.year != 0 {
				titleYear = t.year
				break
			}
		}
	}
	switch {
	case periodYear != 0:
		if titleYear != 0 && titleYear != periodYear {
			r.Warnings = append(r.Warnings, fmt.Sprintf("title says %d but the statistics period is %d; using the period", titleYear, periodYear))
		}
		return periodYear
	case titleYear != 0:
		return titleYear
	}
	if y := idOpeningYear(compactHead); y != 0 {
		return y
	}
	r.Warnings = append(r.Warnings, "report year not stated in title, statistics period or opening")
	return 0
}

// The words idClassify looks for in the whole text, found in one pass (multiMatcher).
var (
	idReportMarkers = []string{"本报告", "本年报", "本年度报告", "报告如下", "年度报告由"}
	idNoticeMarkers = []string{"通知如下", "函告如下", "意见如下", "通知要求如下"}
	idClassifyWords = append(append(slices.Clip(idReportMarkers), idNoticeMarkers...), "第一篇", "第二篇", "同志们", "谢谢大家")

	idClassifyMatcher = sync.OnceValue(func() *multiMatcher { return newMultiMatcher(idClassifyWords) })
)

// idClassify decides whether a page is an annual report, weighing its title against
// markers in the body; it returns why not when it is not.
func idClassify(norm, head string, title *idTitleCand, hasPeriod bool) (bool, string) {
	found := idClassifyMatcher().contains(norm)
	has := func(w string) bool { return found[slices.Index(idClassifyWords, w)] }
	pro, con := 0, 0
	why := ""
	if title != nil {
		if title.report {
			pro += 4
		} else {
			con += 4
			why = "the title is " + title.why
		}
	}
	if hasPeriod {
		pro += 2
	}
	for _, m := range idReportMarkers {
		if has(m) {
			pro += 2
			break
		}
	}
	pro += idReportHeadings(norm)
	// Fragments without title or period still read as a report when they open an account
	// of a year's disclosure work: a line starting "2009年，" and a first heading on
	// 政府信息公开; each is weak alone.
	if idYearOpeningLine(head) {
		pro++
	}
	if idDisclosureHeading(head) {
		pro++
	}
	addCon := func(n int, w string) {
		con += n
		if why == "" {
			why = w
		}
	}
	if has("第一篇") && has("第二篇") {
		addCon(3, "a collection of several texts (第一篇, 第二篇…)")
	}
	if has("同志们") {
		addCon(3, "a speech (addresses 同志们)")
	}
	for _, m := range idNoticeMarkers {
		if has(m) {
			addCon(3, "a notice or letter ("+m+")")
			break
		}
	}
	if has("谢谢大家") {
		addCon(2, "a speech (谢谢大家)")
	}
	if pro >= 2 && pro > con {
		return true, ""
	}
	if why == "" {
		why = "no report title, statistics period or report sections found"
	}
	return false, why
}

// idReportHeadings counts the numbered section headings that the 条例 prescribes for a
// report (一、概述 … 二、主动公开政府信息情况 … 依申请公开 … 复议诉讼 … 收费), at most 3.
func idReportHeadings(norm string) int {
	keys := []string{"主动公开", "依申请公开", "行政复议", "收费"}
	found := make([]bool, len(keys))
	n := 0
	for i := 0; n < 3; {
		j := strings.Index(norm[i:], "、")
		if j < 0 {
			break
		}
		at := i + j
		i = at + len("、")
		if !idNumeralBefore(norm, at) {
			continue
		}
		win := idPrefixBytes(norm[i:], 48)
		for k, key := range keys {
			if !found[k] && strings.Contains(win, key) {
				found[k] = true
				n++
			}
		}
	}
	return n
}

// idNumeralBefore reports whether a Chinese ordinal (一 … 十, 十一 …) opening a line or
// a sentence ends at byte at.
func idNumeralBefore(s string, at int) bool {
	k := at
	digits := 0
	for k > 0 {
		r, w := utf8.DecodeLastRuneInString(s[:k])
		if !strings.ContainsRune("一二三四五六七八九十", r) {
			break
		}
		k -= w
		digits++
	}
	if digits == 0 || digits > 2 {
		return false
	}
	if k == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:k])
	return unicode.IsSpace(r) || strings.ContainsRune("。>：:；;)）", r)
}

// idYearOpeningLine reports whether a line of the head starts with a year and a comma
// (2014年，县政府…), the way reports open their account of the year.
func idYearOpeningLine(head string) bool {
	for i := 0; i < len(head); {
		line := head[i:]
		if j := strings.IndexByte(line, '\n'); j >= 0 {
			line, i = line[:j], i+j+1
		} else {
			i = len(head)
		}
		line = strings.TrimLeft(line, " \t\r")
		if len(line) < 7 || (line[0] != '1' && line[0] != '2') {
			continue
		}
		rest := strings.TrimPrefix(strings.TrimPrefix(line[4:], "年"), "度")
		if len(rest) < len(line[4:]) && (strings.HasPrefix(rest, "，") || strings.HasPrefix(rest, ",")) {
			if _, err := strconv.Atoi(line[:4]); err == nil {
				return true
			}
		}
	}
	return false
}

// idDisclosureHeading reports whether the first numbered heading (一、) of the head is
// about disclosure work.
func idDisclosureHeading(head string) bool {
	for i := 0; ; {
		j := strings.Index(head[i:], "一、")
		if j < 0 {
			return false
		}
		at := i + j
		i = at + len("一、")
		if at > 0 && head[at-1] != '\n' && head[at-1] != ' ' {
			continue
		}
		win := idPrefixBytes(head[i:], 36)
		return strings.Contains(win, "信息公开") || strings.Contains(win, "政务公开")
	}
}
