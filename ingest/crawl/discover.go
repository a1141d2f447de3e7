package crawl

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/url"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/simplifiedchinese"

	"nianbao/data"
)

// work fetches one entry, archives its body and finds what it links to. It runs in its
// own goroutine; everything it learns goes back to the writer in the result.
func (c *Crawler) work(ctx context.Context, e data.CrawlEntry) result {
	res := result{entry: e}
	u, err := url.Parse(e.URL)
	if err != nil {
		return c.fail(res, ErrKindTrap, err, 0)
	}
	req := fetchReq{URL: u, Method: e.Method, Body: e.Body}
	if e.SHA256 != "" { // fetched in an earlier pass, body archived: ask only for changes
		req.ETag, req.LastModified = e.ETag, e.LastModified
	}
	start := time.Now()
	resp, err := c.fetch.fetch(ctx, req)
	if err != nil {
		if ctx.Err() != nil {
			res.stop = true
			return res
		}
		var fe *fetchError
		status := 0
		if errors.As(err, &fe) {
			status = fe.status
		}
		res = c.fail(res, errKind(err), err, status)
		res.log.Elapsed = time.Since(start)
		return res
	}
	res.entry.State, res.entry.Reason = data.CrawlFetched, ""
	res.entry.HTTPStatus, res.entry.Attempts = resp.Status, resp.Attempts
	res.entry.ETag, res.entry.LastModified = resp.ETag, resp.LastModified
	res.entry.FetchedAt = time.Now().UTC()
	var body []byte
	if resp.NotModified {
		res.outcome = "unchanged"
		if needsBody(e.Kind) {
			if body, err = c.arch.get(e.SHA256); err != nil {
				return c.fail(res, "archive", err, resp.Status)
			}
		}
	} else {
		res.entry.ContentType = resp.ContentType
		sha, _, err := c.arch.put(resp.Body)
		if err != nil {
			return c.fail(res, "archive", err, resp.Status)
		}
		res.entry.SHA256 = sha
		body = resp.Body
		switch {
		case e.SHA256 == "":
			res.outcome = "new"
		case e.SHA256 != sha:
			res.outcome = "changed"
		default:
			res.outcome = "unchanged"
		}
		if res.outcome != "unchanged" {
			res.body = body
		}
	}
	res.log = data.CrawlLog{At: res.entry.FetchedAt, Key: e.Key, Host: e.Host, Outcome: res.outcome, HTTPStatus: resp.Status,
		Bytes: int64(len(resp.Body)), Elapsed: resp.Elapsed, Attempts: resp.Attempts}
	if needsBody(e.Kind) && body != nil {
		res.children, res.traps = c.discover(u, &res.entry, body)
	}
	return res
}

func needsBody(kind string) bool { return kind != kindAttachment }

func (c *Crawler) fail(res result, kind string, err error, status int) result {
	res.entry.State, res.entry.Reason, res.entry.HTTPStatus = data.CrawlFailed, kind+": "+err.Error(), status
	res.entry.Attempts = 1
	res.entry.FetchedAt = time.Now().UTC()
	res.outcome, res.errKind, res.err = "failed", kind, err
	if kind == ErrKindRobots {
		res.entry.State, res.outcome = data.CrawlSkipped, "skipped"
	}
	res.log = data.CrawlLog{At: res.entry.FetchedAt, Key: res.entry.Key, Host: res.entry.Host, Outcome: res.outcome,
		HTTPStatus: status, ErrorKind: kind, Error: err.Error(), Attempts: res.entry.Attempts}
	return res
}

// discover reads a fetched page (HTML, a Hanweb XML reply or a gkmlpt JSON reply) and
// returns the entries it links to that the crawl should follow, and how many links it
// dropped as traps.
func (c *Crawler) discover(u *url.URL, e *data.CrawlEntry, body []byte) (out []data.CrawlEntry, traps int) {
	if isBinary(body) {
		return nil, 0
	}
	text := toUTF8(body, e.ContentType)
	base := u
	add := func(ref, anchor, kind string, depth int, method, form string) {
		if kind == "" || depth > c.cfg.MaxDepth {
			return
		}
		cu := canonical(base, ref)
		if cu == nil {
			return
		}
		if cu.Host != u.Host && !(kind == kindAttachment && c.cfg.allowedHost(cu.Host)) {
			return
		}
		if trapReason(cu) != "" {
			traps++
			return
		}
		ce := entryFor(cu, kind, depth, e, anchor)
		if c.cfg.Since > 0 && ce.Year > 0 && ce.Year < c.cfg.Since && kind != kindAttachment {
			return
		}
		if method == http.MethodPost {
			ce.Method, ce.Body, ce.Key = method, form, ce.Key+" "+form
		}
		out = append(out, ce)
	}
	if e.Kind == kindAPI {
		links, next, ok := gkmlptReply(u, text, c.cfg.MaxListPages)
		if !ok {
			links, next, ok = c.apiReply(u, e, text)
		}
		if ok {
			for _, l := range links {
				add(l.Href, l.Text, linkKind(kindList, e.Depth, mustCanon(base, l.Href), l.Text), e.Depth+1, "", "")
			}
			for _, n := range next {
				add(n.URL, "", kindAPI, e.Depth, n.Method, n.Body)
			}
			return out, traps
		}
	}
	p := parsePage(text)
	if p.Base != "" {
		if bu := canonical(u, p.Base); bu != nil {
			base = bu
		}
	}
	if p.Refresh != "" {
		add(p.Refresh, p.Title, e.Kind, e.Depth+1, "", "")
	}
	from := e.Kind
	if from == kindAPI {
		from = kindList
	}
	var pl profLinks // what the page's profile selectors find; the heuristics do the rest
	if from == kindSeed || from == kindList {
		pl = profileLinks(c.profiles(), base, text, from, e.Depth)
	}
	for _, l := range p.Links {
		lu := canonical(base, l.Href)
		if lu == nil {
			continue
		}
		k := linkKind(from, e.Depth, lu, l.Text)
		if it, ok := pl.items[lu.String()]; ok {
			k, l.Text = it.Href, it.Text
		}
		if k == kindAttachment && from != kindArticle && l.Text == "" {
			continue
		}
		add(l.Href, l.Text, k, e.Depth+1, "", "")
	}
	if from == kindSeed || from == kindList || e.Kind == kindAPI {
		for _, pu := range append(pageLinks(base, p, c.cfg.MaxListPages), pl.next...) {
			add(pu, "", kindList, e.Depth, "", "")
		}
		calls := hanwebRequests(u, string(text), c.cfg.MaxListPages)
		if e.Kind == kindAPI && e.Method == http.MethodPost {
			// A dataproxy reply names neither the proxy nor the column: the request did.
			calls = hanwebFollow(u, e.Body, string(text), c.cfg.MaxListPages)
		}
		for _, a := range calls {
			add(a.URL, "", kindAPI, e.Depth, a.Method, a.Body)
		}
		for _, a := range append(gkmlptRequest(u, string(text)), c.profileCalls(u, text)...) {
			add(a.URL, "", kindAPI, e.Depth, a.Method, a.Body)
		}
	}
	return out, traps
}

func mustCanon(base *url.URL, ref string) *url.URL {
	if u := canonical(base, ref); u != nil {
		return u
	}
	return &url.URL{}
}

// isBinary reports whether b is a PDF, an OLE or ZIP office file or otherwise not text.
func isBinary(b []byte) bool {
	for _, sig := range [][]byte{[]byte("%PDF"), {0xD0, 0xCF, 0x11, 0xE0}, []byte("PK\x03\x04")} {
		if bytes.HasPrefix(b, sig) {
			return true
		}
	}
	head := b[:min(len(b), 1024)]
	return bytes.IndexByte(head, 0) >= 0
}

// toUTF8 decodes a page for link discovery: valid UTF-8 is taken as it is (a page
// labelled GBK that is really UTF-8 is common); otherwise the declared charset (header,
// then <meta>), and GB18030 when none is declared or the declaration is UTF-8 (a GBK page
// labelled UTF-8).
func toUTF8(b []byte, contentType string) []byte {
	if utf8.Valid(b) {
		return b
	}
	_, name, _ := charset.DetermineEncoding(b, contentType)
	if enc, _ := charset.Lookup(name); enc != nil && name != "utf-8" && name != "windows-1252" {
		if out, err := enc.NewDecoder().Bytes(b); err == nil {
			return out
		}
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil {
		return bytes.ToValidUTF8(b, []byte("\uFFFD"))
	}
	return out
}
