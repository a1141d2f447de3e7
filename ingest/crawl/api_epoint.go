package crawl

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
)

// Epoint 新点 (PORTALS.md): a list page's script POSTs JSON
// {deptcode, categorynum, pageIndex (0-based), pageSize, siteGuid} to
// /EWB-FRONT/rest/lightfrontaction/getgovinfolist and gets custom.data[] {title, infourl,
// infodate} and custom.total back. siteGuid is set in /js/ajaxReq.js, which the crawler
// fetches when the page does not name it, carrying the column in that request's query
// (a static file ignores it) so the script's reply can start the list calls.

var (
	epointParam  = regexp.MustCompile(`(?i)\b(categorynum|deptcode|siteguid|pagesize)\b['"]?\s*[:=]\s*(?:['"]([\w-]+)['"]|(\d+)\b)`)
	epointScript = regexp.MustCompile(`(?i)src\s*=\s*['"]([^'"<>\s]*/ajaxReq\.js)(?:\?[^'"<>\s]*)?['"]`)
)

const epointScriptName = "ajaxReq.js"

// epointQuery is the body of a getgovinfolist call, in the order the site's script
// sends it.
type epointQuery struct {
	DeptCode    string `json:"deptcode"`
	CategoryNum string `json:"categorynum"`
	PageIndex   int    `json:"pageIndex"`
	PageSize    int    `json:"pageSize"`
	SiteGUID    string `json:"siteGuid"`
}

func (q epointQuery) call(api *url.URL) apiReq {
	b, _ := json.Marshal(q) //nolint:errchkjson // strings and ints only
	return apiReq{URL: api.String(), Method: http.MethodPost, Body: string(b)}
}

// epointParams reads the column parameters from a page or script (and a page's query).
func epointParams(u *url.URL, text string) map[string]string {
	out := map[string]string{}
	for _, k := range []string{"categorynum", "deptcode", "siteGuid", "pageSize"} {
		if v := u.Query().Get(k); v != "" {
			out[strings.ToLower(k)] = v
		}
	}
	for _, m := range epointParam.FindAllStringSubmatch(text, 64) {
		k := strings.ToLower(m[1])
		if _, ok := out[k]; !ok {
			out[k] = m[2] + m[3]
		}
	}
	return out
}

func epointAPI(p *profile, base *url.URL) *url.URL {
	api := "/EWB-FRONT/rest/lightfrontaction/getgovinfolist"
	if p != nil && p.API != nil && p.API.Path != "" {
		api = p.API.Path
	}
	return base.ResolveReference(&url.URL{Path: api})
}

func epointPageSize(p *profile, params map[string]string) int {
	if n, err := strconv.Atoi(params["pagesize"]); err == nil && n > 0 && n <= 200 {
		return n
	}
	if p != nil && p.API != nil {
		if n, err := strconv.Atoi(p.API.Params["pageSize"]); err == nil && n > 0 {
			return n
		}
	}
	return 20
}

// epointRequests returns the first call that lists an Epoint column: the list API's first
// page when the page names its site, else the site script that does.
func epointRequests(p *profile, base *url.URL, text string) []apiReq {
	params := epointParams(base, text)
	if params["categorynum"] == "" {
		return nil
	}
	size := epointPageSize(p, params)
	if g := params["siteguid"]; g != "" {
		q := epointQuery{DeptCode: params["deptcode"], CategoryNum: params["categorynum"], PageSize: size, SiteGUID: g}
		return []apiReq{q.call(epointAPI(p, base))}
	}
	js := "/js/" + epointScriptName
	if m := epointScript.FindStringSubmatch(text); m != nil {
		js = m[1]
	}
	su := base.ResolveReference(&url.URL{Path: js})
	if su.Host != base.Host {
		su = base.ResolveReference(&url.URL{Path: "/js/" + epointScriptName})
	}
	col := url.Values{"categorynum": {params["categorynum"]}, "pageSize": {strconv.Itoa(size)}}
	if d := params["deptcode"]; d != "" {
		col.Set("deptcode", d)
	}
	su.RawQuery = encodeSorted(col)
	return []apiReq{{URL: su.String(), Method: http.MethodGet}}
}

// epointScriptReply reads siteGuid from the site script fetched for a column and returns
// the column's first list call.
func epointScriptReply(p *profile, u *url.URL, text string) []apiReq {
	params := epointParams(u, text)
	if params["siteguid"] == "" || params["categorynum"] == "" {
		return nil
	}
	q := epointQuery{DeptCode: params["deptcode"], CategoryNum: params["categorynum"], PageSize: epointPageSize(p, params),
		SiteGUID: params["siteguid"]}
	return []apiReq{q.call(epointAPI(p, u))}
}

// epointReply reads a getgovinfolist reply to the call whose body was form: its items as
// links, and the next page's call. The end is custom.total when the reply gives it,
// otherwise an empty or short page.
func epointReply(u *url.URL, form string, b []byte, maxPages int) (links []Link, next []apiReq, ok bool) {
	var q epointQuery
	if err := json.Unmarshal([]byte(form), &q); err != nil || q.PageSize <= 0 {
		return nil, nil, false
	}
	var r struct {
		Custom json.RawMessage `json:"custom"`
	}
	if err := json.Unmarshal(b, &r); err != nil || len(r.Custom) == 0 {
		return nil, nil, false
	}
	custom := r.Custom
	if bytes.HasPrefix(bytes.TrimSpace(custom), []byte(`"`)) { // some versions send custom as a JSON string
		var s string
		if err := json.Unmarshal(custom, &s); err != nil {
			return nil, nil, false
		}
		custom = []byte(s)
	}
	var c struct {
		Data []struct {
			Title    string `json:"title"`
			InfoURL  string `json:"infourl"`
			InfoDate string `json:"infodate"`
		} `json:"data"`
		Total json.RawMessage `json:"total"`
	}
	if err := json.Unmarshal(custom, &c); err != nil {
		return nil, nil, false
	}
	for _, d := range c.Data {
		if d.InfoURL != "" {
			links = append(links, Link{Href: d.InfoURL, Text: clip(collapse(stripTags(d.Title)), maxTextBytes)})
		}
	}
	total, _ := strconv.Atoi(strings.Trim(string(c.Total), `" `))
	more := len(c.Data) >= q.PageSize
	if total > 0 {
		more = (q.PageIndex+1)*q.PageSize < total
	}
	if len(c.Data) > 0 && more && q.PageIndex+1 < maxPages {
		q.PageIndex++
		next = append(next, q.call(u))
	}
	return links, next, true
}

var tagRe = regexp.MustCompile(`<[^>]*>`)

// stripTags removes markup a list API puts in titles (search highlights).
func stripTags(s string) string { return tagRe.ReplaceAllString(s, "") }

func isEpointScript(u *url.URL) bool { return path.Base(u.Path) == epointScriptName }
