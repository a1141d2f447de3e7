package crawl

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// Fujian TRS Hycloud "trt"+avalon (PORTALS.md; pingtan.gov.cn): only page 1 of a list is
// static (maxStaticIndex 1); the page's script fills the list through list2.trsapi, a
// search with channelid = SiteInfo.searchId, classsql "chnlid=<column>", sortfield
// "-docorderpri,-docreltime" and 10 items a page, whose items are
// el.chnldocurl/doctitle/docreltime. The crawler makes the search call itself, as the
// PT archive's crawler did: POST /fjdzapp/search, form-encoded, page by page from 1.

var (
	fjSearchID = regexp.MustCompile(`searchId['"]?\s*[:=]\s*['"]?(\d{1,12})`)
	fjClassSQL = regexp.MustCompile(`(?i)classsql['"]?\s*[:=]\s*['"]([^'"]{1,200})['"]`)
	fjSort     = regexp.MustCompile(`(?i)sortfield['"]?\s*[:=]\s*['"]([^'"]{1,100})['"]`)
	fjPageSize = regexp.MustCompile(`(?i)\b(pagesize|prepage|perpage)['"]?\s*[:=]\s*['"]?(\d{1,3})\b`)
)

func fjSearchAPI(p *profile, base *url.URL) *url.URL {
	api := "/fjdzapp/search"
	if p != nil && p.API != nil && p.API.Path != "" {
		api = p.API.Path
	}
	return base.ResolveReference(&url.URL{Path: api})
}

// fjtrsRequests returns the first search call of a Fujian TRS list page. Without a
// classsql naming its column the search would list the whole site, so none is made.
func fjtrsRequests(p *profile, base *url.URL, text string) []apiReq {
	if !strings.Contains(text, "list2.trsapi") && !strings.Contains(text, "SiteInfo.searchId") {
		return nil
	}
	cls := fjClassSQL.FindStringSubmatch(text)
	if cls == nil {
		return nil
	}
	def := map[string]string{}
	if p != nil && p.API != nil {
		def = p.API.Params
	}
	form := url.Values{}
	form.Set("channelid", firstNonEmpty(def["channelid"], "200210"))
	if m := fjSearchID.FindStringSubmatch(text); m != nil {
		form.Set("channelid", m[1])
	}
	form.Set("classsql", cls[1])
	form.Set("sortfield", firstNonEmpty(def["sortfield"], "-docorderpri,-docreltime"))
	if m := fjSort.FindStringSubmatch(text); m != nil {
		form.Set("sortfield", m[1])
	}
	sizeName, size := "pagesize", firstNonEmpty(def["pagesize"], "10")
	if m := fjPageSize.FindStringSubmatch(text); m != nil {
		sizeName, size = strings.ToLower(m[1]), m[2]
	}
	form.Set(sizeName, size)
	form.Set("page", "1")
	return []apiReq{{URL: fjSearchAPI(p, base).String(), Method: http.MethodPost, Body: encodeSorted(form)}}
}

// fjtrsReply reads a search reply to the call whose body was form: the items (objects
// with chnldocurl, wherever the reply nests their array) as links, and the next page's
// call. The end is the reply's page count or total when it gives one, otherwise an
// empty or short page.
func fjtrsReply(u *url.URL, form string, b []byte, maxPages int) (links []Link, next []apiReq, ok bool) {
	q, err := url.ParseQuery(form)
	if err != nil || q.Get("classsql") == "" {
		return nil, nil, false
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, nil, false
	}
	page, _ := strconv.Atoi(q.Get("page"))
	size := 0
	for _, k := range []string{"pagesize", "prepage", "perpage"} {
		if n, err := strconv.Atoi(q.Get(k)); err == nil && n > 0 {
			size = n
		}
	}
	var items []map[string]any
	nums := map[string]int{}
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if depth > 6 {
			return
		}
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x { // counts at this level before those nested deeper
				lk := strings.ToLower(k)
				switch n := e.(type) {
				case float64:
					if _, seen := nums[lk]; !seen {
						nums[lk] = int(n)
					}
				case string:
					if i, err := strconv.Atoi(n); err == nil {
						if _, seen := nums[lk]; !seen {
							nums[lk] = i
						}
					}
				}
			}
			for _, e := range x {
				walk(e, depth+1)
			}
		case []any:
			for _, e := range x {
				if m, ok := e.(map[string]any); ok {
					if _, has := m["chnldocurl"]; has {
						items = append(items, m)
						continue
					}
				}
				walk(e, depth+1)
			}
		}
	}
	walk(v, 0)
	str := func(m map[string]any, k string) string { s, _ := m[k].(string); return s }
	for _, it := range items {
		if h := str(it, "chnldocurl"); h != "" {
			links = append(links, Link{Href: h, Text: clip(collapse(stripTags(str(it, "doctitle"))), maxTextBytes)})
		}
	}
	pick := func(keys ...string) int {
		for _, k := range keys {
			if n := nums[k]; n > 0 {
				return n
			}
		}
		return 0
	}
	pages, total := pick("pagecount", "totalpage", "pagetotal", "totalpages"), pick("total", "totalcount", "recordcount", "totalrecord")
	var more bool
	switch {
	case pages > 0:
		more = page < pages
	case total > 0 && size > 0:
		more = page*size < total
	default:
		more = size > 0 && len(items) >= size
	}
	if len(items) > 0 && more && page >= 1 && page < maxPages {
		q.Set("page", strconv.Itoa(page+1))
		next = append(next, apiReq{URL: u.String(), Method: http.MethodPost, Body: encodeSorted(q)})
	}
	return links, next, true
}
