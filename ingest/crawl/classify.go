package crawl

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
)

var (
	// reportWords name an annual report in a title or link text.
	reportWords = regexp.MustCompile(`年度报告|年报|工作报告|年度工作报告`)
	// disclosureWords say the report is about information disclosure.
	disclosureWords = regexp.MustCompile(`公开`)
	// notReport are titles about reports that are not reports: readings, notices of
	// assessments, guides, catalogues, plans.
	notReport = regexp.MustCompile(`解读|图解|通知|通报|考核|指南|目录|制度|要点|测评|评估|征集|意见|方案|规定|办法|会议|讲话`)
	// columnWords name a column of reports (政府信息公开年报, 年度报告, 工作年报).
	columnWords = regexp.MustCompile(`政府信息公开年报|信息公开年报|年度报告|工作年报|年报`)
	// hubWords name disclosure sections a report column usually sits under; followed only
	// near the seed.
	hubWords  = regexp.MustCompile(`政府信息公开|信息公开|政务公开`)
	yearRe    = regexp.MustCompile(`((?:19|20)\d{2})\s*(?:年|年度)`)
	yearOnly  = regexp.MustCompile(`^\s*(?:(?:19|20)\d{2})\s*(?:年|年度)?\s*(?:年报|年度报告)?\s*$`)
	pathYear  = regexp.MustCompile(`(?:^|[/_a-z])((?:19|20)\d{2})(?:n|nb|xxgknb|ndbg)?/?$`)
	columnURL = regexp.MustCompile(`(?i)(gknb|xxgknb|zfxxgknb|ndbg|gzndbg|annualreport|/nb/)`)
	// articleURL are URL shapes of single articles across the CMS families of PORTALS.md.
	articleURL = regexp.MustCompile(`(?i)(/t\d{8}_\d+\.s?html?$|/art_\d+_\d+\.html$|/post_\d+\.html$|/content/[\w-]+(\.s?html?)?$|/[0-9a-f]{32}\.s?html?$|/[0-9a-f-]{36}\.html$|/info/\d+/\d+\.htm$|/\d{4}/\d{2}-\d{2}/\d+\.html$|/show/\d+\.html$|/content_\d+|/\d{19}\.html$|/public/\d+/\d+\.html$|/t\d+\.shtml$|/contents/\d+/\d+\.html$|/art/\d{4}/)`)
	// pageURL are URL shapes of the further pages of a list.
	pageURL   = regexp.MustCompile(`(?i)(/index_\d+\.s?html?$|/page_\d+\.s?html?$|column-index-\d+\.shtml$|[?&](page|cur_page|pageno|pageindex|pagenum|currentpage|p)=\d+)`)
	nextWords = regexp.MustCompile(`^(下一页|下页|后一页|尾页|末页|>|>>|»|›)$|^\d{1,4}$`)
	// TRS WCM: createPageHTML(count, current, "index", "html") and var countPage = N.
	createPageHTML = regexp.MustCompile(`createPageHTML\(\s*['"]?(\d{1,5})['"]?\s*,\s*['"]?(\d{1,5})['"]?\s*(?:,\s*['"]([\w-]*)['"]\s*,\s*['"](\w*)['"])?`)
	countPage      = regexp.MustCompile(`countPage\s*=\s*['"]?(\d{1,5})`)
)

// isReportTitle reports whether a title or link text names an annual disclosure report.
func isReportTitle(s string) bool {
	return reportWords.MatchString(s) && disclosureWords.MatchString(s) && !notReport.MatchString(s)
}

// yearOf returns the report year a title or URL names, or 0.
func yearOf(s string) int {
	if m := yearRe.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	return 0
}

// linkKind decides what a link found on a page of kind from is, or "" to ignore it: the
// heuristic core of discovery. Only report-like things are followed; site chrome is not.
func linkKind(from string, depth int, u *url.URL, text string) string {
	if attachmentExt(u) != "" {
		if from == kindArticle || isReportTitle(text) || columnWords.MatchString(text) || yearOf(text) > 0 {
			return kindAttachment
		}
		return ""
	}
	if from == kindAttachment || from == kindArticle {
		return "" // an article's other links are chrome
	}
	article := articleURL.MatchString(u.Path) || articleURL.MatchString(u.String())
	switch {
	case isReportTitle(text) && article:
		return kindArticle
	case isReportTitle(text) && yearOf(text) > 0 && !columnURL.MatchString(u.Path+"/") && !strings.HasSuffix(u.Path, "/"):
		return kindArticle
	case columnWords.MatchString(text) && !notReport.MatchString(text):
		return kindList
	case yearOnly.MatchString(text) && (columnURL.MatchString(u.Path) || pathYear.MatchString(u.Path)):
		return kindList // a year sub-column (2023年)
	case from == kindSeed && depth <= 1 && hubWords.MatchString(text) && !notReport.MatchString(text) && !article:
		return kindList
	}
	return ""
}

// pageLinks returns the further pages of the list at base: TRS page counts in scripts,
// then links that look like pagination (下一页, page numbers, index_N, ?page=N) and stay in
// the list's directory.
func pageLinks(base *url.URL, p *Page, maxPages int) []string {
	var out []string
	if n, name, ext := trsPageCount(base, p.Scripts); n > 1 {
		dir := base.ResolveReference(&url.URL{Path: "./"})
		for i := 1; i < n && i < maxPages; i++ {
			out = append(out, dir.ResolveReference(&url.URL{Path: fmt.Sprintf("%s_%d.%s", name, i, ext)}).String())
		}
	}
	for _, l := range p.Links {
		u := canonical(base, l.Href)
		if u == nil || u.Host != base.Host || hanwebProxy.MatchString(u.Path) {
			continue // the Hanweb proxy is called by POST (hanwebRequests), not followed
		}
		text := strings.TrimSpace(l.Text)
		if pageURL.MatchString(u.Path+"?"+u.RawQuery) || nextWords.MatchString(text) && sameDir(base, u) && !articleURL.MatchString(u.Path) {
			out = append(out, u.String())
		}
	}
	return out
}

// trsPageCount reads the page count TRS WCM writes into a list page's script, with the
// file name and extension of the further pages (index_1.html …).
func trsPageCount(base *url.URL, scripts string) (n int, name, ext string) {
	name, ext = "index", strings.TrimPrefix(path.Ext(base.Path), ".")
	if ext == "" {
		ext = "html"
	}
	if m := createPageHTML.FindStringSubmatch(scripts); m != nil {
		n, _ = strconv.Atoi(m[1])
		if m[3] != "" {
			name = m[3]
		}
		if m[4] != "" {
			ext = m[4]
		}
		return n, name, ext
	}
	if m := countPage.FindStringSubmatch(scripts); m != nil {
		n, _ = strconv.Atoi(m[1])
	}
	return n, name, ext
}

func sameDir(a, b *url.URL) bool {
	return path.Dir(a.Path+"x") == path.Dir(b.Path+"x") || strings.HasPrefix(b.Path, path.Dir(a.Path+"x")+"/")
}
