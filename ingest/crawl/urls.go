package crawl

import (
	"net"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
)

// dropParams are query parameters that never select content: session ids (a new one per
// visit makes every URL new, the classic crawler trap) and click tracking.
var dropParams = map[string]bool{
	"jsessionid": true, "phpsessid": true, "sessionid": true, "sid_": true, "aspsessionid": true,
	"cfid": true, "cftoken": true, "spm": true, "from": true, "isappinstalled": true, "_": true,
	"timestamp": true, "rnd": true, "random": true,
}

// calendarParams select a day or month: a calendar widget links every month forever.
var calendarParams = map[string]bool{
	"date": true, "day": true, "month": true, "cal": true, "calendar": true, "riqi": true, "rq": true, "ym": true,
}

var (
	sessionPathParam = regexp.MustCompile(`(?i);(jsessionid|phpsessid|sessionid)=[^/?#]*`)
	calendarPath     = regexp.MustCompile(`(?i)(^|/)(calendar|rili|cal)(/|$)`)
	digitsRun        = regexp.MustCompile(`\d+`)
)

// canonical resolves ref against base and returns the URL in one canonical spelling, so
// a page reached by two spellings is fetched once: lower-case scheme and host, no default
// port, dot segments resolved, no fragment (except gkmlpt's #catId, which selects a list),
// session and tracking parameters removed, the rest sorted. It returns nil for links that
// are not http(s) pages.
func canonical(base *url.URL, ref string) *url.URL {
	ref = strings.TrimSpace(ref)
	ref = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return -1
		}
		return r
	}, ref)
	if ref == "" || strings.HasPrefix(ref, "#") {
		return nil
	}
	low := strings.ToLower(ref)
	for _, p := range []string{"javascript:", "mailto:", "tel:", "data:", "about:", "ftp:"} {
		if strings.HasPrefix(low, p) {
			return nil
		}
	}
	r, err := url.Parse(ref)
	if err != nil {
		return nil
	}
	u := r
	if base != nil {
		u = base.ResolveReference(r)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil
	}
	u.User = nil
	host := strings.ToLower(u.Hostname())
	if port := u.Port(); port != "" && !(u.Scheme == "http" && port == "80" || u.Scheme == "https" && port == "443") {
		host = net.JoinHostPort(host, port)
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	u.Host = host
	u.Path = sessionPathParam.ReplaceAllString(u.Path, "")
	u.RawPath = ""
	if u.Path == "" {
		u.Path = "/"
	} else {
		trailing := strings.HasSuffix(u.Path, "/")
		u.Path = path.Clean(u.Path)
		if trailing && u.Path != "/" {
			u.Path += "/"
		}
	}
	if !(strings.Contains(u.Path, "/gkmlpt/") && u.Fragment != "") {
		u.Fragment = ""
	}
	u.RawFragment = ""
	if u.RawQuery != "" {
		q := u.Query()
		for k := range q {
			lk := strings.ToLower(k)
			if dropParams[lk] || strings.HasPrefix(lk, "utm_") {
				q.Del(k)
			}
		}
		u.RawQuery = encodeSorted(q)
	}
	u.ForceQuery = false
	return u
}

func encodeSorted(q url.Values) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		vs := q[k]
		sort.Strings(vs)
		for _, v := range vs {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(k))
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(v))
		}
	}
	return b.String()
}

// trapReason says why a URL looks like a crawler trap, or "" when it does not: URLs that
// grow without end (long, deep, repeating path segments, many parameters) and calendars.
func trapReason(u *url.URL) string {
	s := u.String()
	switch {
	case len(s) > 512:
		return "long_url"
	case strings.Count(u.Path, "/") > 14:
		return "deep_path"
	case len(u.Query()) > 8:
		return "many_params"
	case calendarPath.MatchString(u.Path):
		return "calendar"
	}
	for k := range u.Query() {
		if calendarParams[strings.ToLower(k)] {
			return "calendar"
		}
	}
	seen := map[string]int{}
	for _, seg := range strings.Split(u.Path, "/") {
		if seg == "" {
			continue
		}
		seen[seg]++
		if seen[seg] >= 3 {
			return "repeated_path"
		}
	}
	return ""
}

// shape is the URL with every run of digits replaced by 0: pages of one template. The
// crawler caps the URLs per shape and host, which stops traps no rule above names.
func shape(u *url.URL) string {
	return u.Host + digitsRun.ReplaceAllString(u.Path+"?"+u.RawQuery, "0")
}

// attachmentExt returns the lower-case extension (without dot) when the URL names a
// document file the pipeline converts, else "".
func attachmentExt(u *url.URL) string {
	for _, s := range []string{u.Path, u.Query().Get("filename"), u.Query().Get("file"), u.Query().Get("fileName")} {
		ext := strings.ToLower(strings.TrimPrefix(path.Ext(s), "."))
		switch ext {
		case "pdf", "doc", "docx", "xls", "xlsx", "wps", "et":
			return ext
		}
	}
	return ""
}
