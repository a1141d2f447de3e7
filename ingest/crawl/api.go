package crawl

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// apiReq is a list-API call a CMS family's list page makes in JavaScript, which the
// crawler makes itself: a Hanweb dataproxy.jsp POST or a gkmlpt JSON GET.
type apiReq struct {
	URL    string
	Method string
	Body   string
}

var (
	hanwebProxy = regexp.MustCompile(`(/module/(?:web/|jslib/jquery/)?jpage/(?:more)?(?:column)?dataproxy\.jsp)(\?[^"'<>\s\]]*)?`)
	hanwebParam = regexp.MustCompile(`(?i)\b(columnid|unitid|webid|webname|appid|col|path|sourcecontenttype|permissiontype|totalrecord|perpage)\b['"]?\s*[:=]\s*['"]?([^'",&\s<>})]*)`)
	hanwebTotal = regexp.MustCompile(`(?i)<totalrecord>\s*(\d{1,7})\s*</totalrecord>|totalRecord\s*[:=]\s*['"]?(\d{1,7})`)
	gkmlptSID   = regexp.MustCompile(`SID\s*['"]?\s*[:=]\s*['"]?(\d{1,12})`)
)

// hanwebRequests returns the dataproxy.jsp calls that list every record of a Hanweb
// jcms column, given the list page that names the proxy and the column. One call covers
// three pages of perpage records, as the site's own script asks.
func hanwebRequests(base *url.URL, body string, maxPages int) []apiReq {
	m := hanwebProxy.FindStringSubmatch(body)
	if m == nil {
		return nil
	}
	form := url.Values{"col": {"1"}, "appid": {"1"}, "path": {"/"}, "sourceContentType": {"1"}, "permissiontype": {"0"}}
	names := map[string]string{"columnid": "columnid", "unitid": "unitid", "webid": "webid", "webname": "webname",
		"appid": "appid", "col": "col", "path": "path", "sourcecontenttype": "sourceContentType", "permissiontype": "permissiontype"}
	perPage := 15
	for _, pm := range hanwebParam.FindAllStringSubmatch(body, 64) {
		k := strings.ToLower(pm[1])
		if k == "perpage" {
			if n, err := strconv.Atoi(pm[2]); err == nil && n > 0 && n <= 200 {
				perPage = n
			}
			continue
		}
		if name, ok := names[k]; ok && pm[2] != "" {
			form.Set(name, pm[2])
		}
	}
	if form.Get("columnid") == "" {
		return nil
	}
	proxy := base.ResolveReference(&url.URL{Path: m[1]})
	return hanwebCalls(proxy, encodeSorted(form), perPage, hanwebTotalOf(body), maxPages)
}

// hanwebFollow returns the calls after a dataproxy reply: the reply tells the total, the
// request the proxy, form and page size.
func hanwebFollow(req *url.URL, form, reply string, maxPages int) []apiReq {
	total := hanwebTotalOf(reply)
	perPage, _ := strconv.Atoi(req.Query().Get("perpage"))
	if total == 0 || perPage <= 0 {
		return nil
	}
	proxy := *req
	proxy.RawQuery = ""
	return hanwebCalls(&proxy, form, perPage, total, maxPages)
}

func hanwebTotalOf(s string) int {
	if t := hanwebTotal.FindStringSubmatch(s); t != nil {
		n, _ := strconv.Atoi(t[1] + t[2])
		return n
	}
	return 0
}

// hanwebCalls splits records 1…total into calls of three pages; with the total unknown
// it makes the first call, whose reply tells it.
func hanwebCalls(proxy *url.URL, form string, perPage, total, maxPages int) []apiReq {
	span := perPage * 3
	last := span
	if total > 0 {
		last = total
	}
	if max := maxPages * perPage; last > max {
		last = max
	}
	var out []apiReq
	for s := 1; s <= last; s += span {
		u := *proxy
		u.RawQuery = fmt.Sprintf("endrecord=%d&perpage=%d&startrecord=%d", s+span-1, perPage, s)
		out = append(out, apiReq{URL: u.String(), Method: "POST", Body: form})
	}
	return out
}

// gkmlptRequest returns the first JSON list call of a Guangdong gkmlpt list page
// (/gkmlpt/index#<catId>, whose HTML names the site id).
func gkmlptRequest(base *url.URL, body string) []apiReq {
	if !strings.Contains(base.Path, "/gkmlpt/") || base.Fragment == "" {
		return nil
	}
	cat := base.Fragment
	if _, err := strconv.Atoi(cat); err != nil {
		return nil
	}
	m := gkmlptSID.FindStringSubmatch(body)
	if m == nil {
		return nil
	}
	u := base.ResolveReference(&url.URL{Path: "/gkmlpt/api/all/" + cat, RawQuery: "page=1&sid=" + m[1]})
	return []apiReq{{URL: u.String(), Method: "GET"}}
}

// gkmlptReply reads a gkmlpt list reply: its articles as links, and the next page's call
// when this page was not empty.
func gkmlptReply(base *url.URL, b []byte, maxPages int) (links []Link, next []apiReq, ok bool) {
	var r struct {
		Articles []struct {
			Title   string `json:"title"`
			URL     string `json:"url"`
			PostURL string `json:"post_url"`
		} `json:"articles"`
		Total int `json:"total"`
	}
	if err := json.Unmarshal(b, &r); err != nil || r.Articles == nil {
		return nil, nil, false
	}
	for _, a := range r.Articles {
		links = append(links, Link{Href: firstNonEmpty(a.URL, a.PostURL), Text: clip(collapse(a.Title), maxTextBytes)})
	}
	page, _ := strconv.Atoi(base.Query().Get("page"))
	if len(r.Articles) > 0 && page >= 1 && page < maxPages && (r.Total == 0 || page*len(r.Articles) < r.Total) {
		q := base.Query()
		q.Set("page", strconv.Itoa(page+1))
		u := *base
		u.RawQuery = encodeSorted(q)
		next = append(next, apiReq{URL: u.String(), Method: "GET"})
	}
	return links, next, true
}
