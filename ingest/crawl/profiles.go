package crawl

import (
	"bytes"
	"net/url"
	"path"
	"regexp"
	"strings"

	"golang.org/x/net/html"

	"nianbao/data"
)

// profile is a portal profile ready to use: its URL patterns compiled and its list-item
// and next-page entries split into CSS selectors and link texts.
type profile struct {
	data.PortalProfile
	detectURL  []*regexp.Regexp
	articleURL []*regexp.Regexp
	listItems  []selector
	nextSel    []selector
	nextText   []string
}

// compileProfiles prepares the profiles that can be recognised (those with a detect
// rule; the generic profile is what the heuristics do). A pattern or selector that does
// not compile is skipped: profiles are data, and one bad entry should not stop a crawl.
func compileProfiles(ps []data.PortalProfile) []*profile {
	var out []*profile
	for _, p := range ps {
		if len(p.DetectHTML) == 0 && len(p.DetectURL) == 0 {
			continue
		}
		cp := &profile{PortalProfile: p}
		for _, s := range p.DetectURL {
			if re, err := regexp.Compile(s); err == nil {
				cp.detectURL = append(cp.detectURL, re)
			}
		}
		for _, s := range p.ArticleURL {
			if re, err := regexp.Compile(s); err == nil {
				cp.articleURL = append(cp.articleURL, re)
			}
		}
		for _, s := range p.ListItems {
			if sel, err := parseSelector(s); err == nil {
				cp.listItems = append(cp.listItems, sel)
			}
		}
		for _, s := range p.NextPage {
			if sel, err := parseSelector(s); err == nil && strings.ContainsAny(s, ".#[>") {
				cp.nextSel = append(cp.nextSel, sel)
			} else {
				cp.nextText = append(cp.nextText, strings.TrimSpace(s))
			}
		}
		out = append(out, cp)
	}
	return out
}

// matchProfiles returns the profiles that recognise the page at u, in profile order: a
// detect_url pattern matches u, or a detect_html substring is in the page.
func matchProfiles(ps []*profile, u *url.URL, text []byte) []*profile {
	var out []*profile
	s := u.String()
next:
	for _, p := range ps {
		for _, re := range p.detectURL {
			if re.MatchString(u.Path) || re.MatchString(s) {
				out = append(out, p)
				continue next
			}
		}
		for _, h := range p.DetectHTML {
			if h != "" && bytes.Contains(text, []byte(h)) {
				out = append(out, p)
				continue next
			}
		}
	}
	return out
}

func (p *profile) isArticleURL(u *url.URL) bool {
	for _, re := range p.articleURL {
		if re.MatchString(u.Path) || re.MatchString(u.String()) {
			return true
		}
	}
	return false
}

// profLinks is what a page's profile selectors found: the list items, by canonical URL,
// with the kind the profile gives them and the text to file them under, and the further
// pages of the list.
type profLinks struct {
	items map[string]Link // Link.Href holds the kind
	next  []string
}

// profileLinks applies the list-item and next-page selectors of the first profiles that
// recognise the page and whose selectors find something. Nothing found leaves discovery
// to the heuristics.
func profileLinks(ps []*profile, base *url.URL, text []byte, from string, depth int) profLinks {
	var out profLinks
	matched := matchProfiles(ps, base, text)
	need := false
	for _, p := range matched {
		if len(p.listItems) > 0 || len(p.nextSel) > 0 || len(p.nextText) > 0 {
			need = true
		}
	}
	if !need {
		return out
	}
	root, err := html.Parse(bytes.NewReader(text))
	if err != nil {
		return out
	}
	for _, p := range matched {
		if out.items == nil {
			out.items = p.listItemLinks(root, base, from, depth)
		}
		if out.next == nil {
			out.next = p.nextLinks(root, base)
		}
	}
	return out
}

// listItemLinks returns the links of the first list-item selector that finds any. An
// item whose text (or title attribute: list texts are often cut short, 年度报告… with the
// full title in title=) names a report and that sits at one of the profile's article URL
// shapes, or names its year and does not look like a column, is an article whatever its
// URL looks like; other items are left to the heuristics, with the better of the texts.
func (p *profile) listItemLinks(root *html.Node, base *url.URL, from string, depth int) map[string]Link {
	for _, sel := range p.listItems {
		items := map[string]Link{}
		for _, n := range sel.selectAll(root) {
			for _, a := range anchors(n) {
				href, _ := attr(a, "href")
				u := canonical(base, href)
				if u == nil {
					continue
				}
				text := nodeText(a)
				if t, _ := attr(a, "title"); t != "" && (text == "" || isReportTitle(collapse(t)) && !isReportTitle(text)) {
					text = clip(collapse(t), maxTextBytes)
				}
				kind := ""
				if attachmentExt(u) == "" && isReportTitle(text) && !yearOnly.MatchString(text) &&
					(p.isArticleURL(u) || articleURL.MatchString(u.Path) || yearOf(text) > 0 && !columnish(u)) {
					kind = kindArticle
				}
				if kind == "" {
					kind = linkKind(from, depth, u, text)
				}
				items[u.String()] = Link{Href: kind, Text: text}
			}
		}
		if len(items) > 0 {
			return items
		}
	}
	return nil
}

// columnish reports whether u looks like a column or list rather than a document: a
// directory, an index or list page, a year directory, a page of a list.
func columnish(u *url.URL) bool {
	b := strings.ToLower(path.Base(u.Path))
	return u.Path == "" || strings.HasSuffix(u.Path, "/") || strings.HasPrefix(b, "index") || strings.Contains(b, "list") ||
		pathYear.MatchString(u.Path) || pageURL.MatchString(u.Path+"?"+u.RawQuery)
}

// nextLinks returns the next-page links the profile names, by selector or by link text,
// on the page's host.
func (p *profile) nextLinks(root *html.Node, base *url.URL) []string {
	var out []string
	addA := func(a *html.Node) {
		href, _ := attr(a, "href")
		if u := canonical(base, href); u != nil && u.Host == base.Host && u.String() != base.String() {
			out = append(out, u.String())
		}
	}
	for _, sel := range p.nextSel {
		for _, n := range sel.selectAll(root) {
			for _, a := range anchors(n) {
				addA(a)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	if len(p.nextText) == 0 {
		return nil
	}
	for _, a := range anchors(root) {
		t := nodeText(a)
		for _, w := range p.nextText {
			if t == w {
				addA(a)
				break
			}
		}
	}
	return out
}

// profileFor returns the first recognising profile whose paging is mechanism, or nil.
func profileFor(ps []*profile, mechanism string, u *url.URL, text []byte) *profile {
	for _, p := range matchProfiles(ps, u, text) {
		if p.Paging == mechanism {
			return p
		}
	}
	return nil
}

// profileByPaging returns the first profile whose paging is mechanism, recognised or not.
func profileByPaging(ps []*profile, mechanism string) *profile {
	for _, p := range ps {
		if p.Paging == mechanism {
			return p
		}
	}
	return nil
}
