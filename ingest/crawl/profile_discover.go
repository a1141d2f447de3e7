package crawl

import (
	"net/http"
	"net/url"
	"sync"

	"nianbao/data"
)

// compiled caches the compiled form of Config.Profiles, by the slice's first element (a
// Config's profiles are not changed once a crawler has them), so a page does not compile
// the profiles' patterns again. It is bounded: a long-running serve starts many crawls.
var compiled struct {
	sync.Mutex
	m map[*data.PortalProfile][]*profile
}

// profiles returns the crawler's profiles, compiled.
func (c *Crawler) profiles() []*profile {
	ps := c.cfg.Profiles
	if len(ps) == 0 {
		return nil
	}
	compiled.Lock()
	defer compiled.Unlock()
	if cp, ok := compiled.m[&ps[0]]; ok {
		return cp
	}
	if compiled.m == nil || len(compiled.m) >= 64 {
		compiled.m = map[*data.PortalProfile][]*profile{}
	}
	cp := compileProfiles(ps)
	compiled.m[&ps[0]] = cp
	return cp
}

// profileCalls returns the list-API calls the profiles recognising a list page make
// (Epoint getgovinfolist, Fujian TRS search); Hanweb and gkmlpt are read by their own
// detectors in discover.
func (c *Crawler) profileCalls(u *url.URL, text []byte) []apiReq {
	var out []apiReq
	if p := profileFor(c.profiles(), "epoint_api", u, text); p != nil {
		out = append(out, epointRequests(p, u, string(text))...)
	}
	if p := profileFor(c.profiles(), "trs_search", u, text); p != nil {
		out = append(out, fjtrsRequests(p, u, string(text))...)
	}
	return out
}

// apiReply reads the reply to a call profileCalls made: an Epoint site script (which
// starts the list calls), an Epoint list page or a Fujian TRS search page.
func (c *Crawler) apiReply(u *url.URL, e *data.CrawlEntry, text []byte) (links []Link, next []apiReq, ok bool) {
	ep := profileByPaging(c.profiles(), "epoint_api")
	fj := profileByPaging(c.profiles(), "trs_search")
	switch {
	case e.Method == http.MethodGet && isEpointScript(u):
		return nil, epointScriptReply(ep, u, string(text)), true
	case e.Method == http.MethodPost && u.Path == epointAPI(ep, u).Path:
		return epointReply(u, e.Body, text, c.cfg.MaxListPages)
	case e.Method == http.MethodPost && u.Path == fjSearchAPI(fj, u).Path:
		return fjtrsReply(u, e.Body, text, c.cfg.MaxListPages)
	}
	return nil, nil, false
}
