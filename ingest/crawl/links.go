package crawl

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Link is one reference found in a page: the raw target and the text it was shown under.
type Link struct {
	Href string
	Text string
}

// Page is what the crawler reads from an HTML page: its title, links, the text of its
// inline scripts (where paging counts and list APIs hide) and a meta refresh target.
type Page struct {
	Title   string
	Base    string
	Links   []Link
	Scripts string
	Refresh string
}

// Limits on what parsePage keeps of untrusted input, so a hostile page costs bounded
// memory.
const (
	maxLinks       = 5000
	maxScriptBytes = 256 << 10
	maxTextBytes   = 512
)

var (
	jsURL      = regexp.MustCompile(`(?:window\.open|location\.href\s*=|location\s*=|location\.replace)\s*\(?\s*['"]([^'"]+)['"]`)
	refreshURL = regexp.MustCompile(`(?i)url\s*=\s*['"]?([^'";\s]+)`)
)

// parsePage tokenizes b (UTF-8 or an ASCII-compatible charset: only URLs and Chinese
// anchor text matter, and the caller decodes first) and collects links from a, area,
// iframe, frame, embed and object elements, onclick handlers, and pdf.js viewer ?file=
// parameters. CDATA sections (Hanweb's embedded <datastore> records) are unwrapped first
// because the HTML tokenizer would otherwise read them as comments.
func parsePage(b []byte) *Page {
	p := parseHTML(b)
	// Hanweb keeps a list's first records as markup inside <script type="text/xml">,
	// which the tokenizer returns as raw text: read that text as markup too, once.
	if bytes.Contains([]byte(p.Scripts), []byte("<record")) {
		inner := parseHTML([]byte(p.Scripts))
		for _, l := range inner.Links {
			if len(p.Links) >= maxLinks {
				break
			}
			p.Links = append(p.Links, l)
		}
	}
	return p
}

func parseHTML(b []byte) *Page {
	if bytes.Contains(b, []byte("<![CDATA[")) {
		b = bytes.ReplaceAll(b, []byte("<![CDATA["), nil)
		b = bytes.ReplaceAll(b, []byte("]]>"), nil)
	}
	p := &Page{}
	z := html.NewTokenizer(bytes.NewReader(b))
	var (
		inA      bool
		aHref    string
		aText    strings.Builder
		aTitle   string
		inTitle  bool
		inScript bool
		title    strings.Builder
		h1       strings.Builder
		inH1     bool
		scripts  strings.Builder
	)
	add := func(href, text string) {
		if href == "" || len(p.Links) >= maxLinks {
			return
		}
		p.Links = append(p.Links, Link{Href: href, Text: clip(collapse(text), maxTextBytes)})
		if u, err := url.Parse(strings.TrimSpace(href)); err == nil {
			if f := u.Query().Get("file"); f != "" && len(p.Links) < maxLinks {
				p.Links = append(p.Links, Link{Href: f, Text: clip(collapse(text), maxTextBytes)})
			}
		}
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if inA {
				add(aHref, firstNonEmpty(aText.String(), aTitle))
			}
			p.Scripts = scripts.String()
			p.Title = collapse(title.String())
			if p.Title == "" {
				p.Title = collapse(h1.String())
			}
			return p
		case html.TextToken:
			t := z.Text()
			switch {
			case inScript:
				if scripts.Len()+len(t) <= maxScriptBytes {
					scripts.Write(t)
					scripts.WriteByte('\n')
				}
			case inTitle:
				if title.Len() < maxTextBytes {
					title.Write(t)
				}
			default:
				if inA && aText.Len() < maxTextBytes {
					aText.Write(t)
				}
				if inH1 && h1.Len() < maxTextBytes {
					h1.Write(t)
				}
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			if tt == html.EndTagToken {
				switch tag {
				case "a":
					if inA {
						add(aHref, firstNonEmpty(aText.String(), aTitle))
						inA = false
					}
				case "title":
					inTitle = false
				case "script", "style":
					inScript = false
				case "h1":
					inH1 = false
				}
				continue
			}
			attrs := map[string]string{}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if len(attrs) < 32 {
					attrs[string(k)] = string(v)
				}
			}
			if oc := attrs["onclick"]; oc != "" {
				for _, m := range jsURL.FindAllStringSubmatch(oc, 4) {
					add(m[1], attrs["title"])
				}
			}
			switch tag {
			case "a", "area":
				if inA {
					add(aHref, firstNonEmpty(aText.String(), aTitle))
				}
				inA = tag == "a" && tt == html.StartTagToken
				aHref, aTitle = attrs["href"], attrs["title"]
				aText.Reset()
				if !inA {
					add(aHref, firstNonEmpty(attrs["alt"], aTitle))
				}
			case "iframe", "frame", "embed":
				add(attrs["src"], attrs["title"])
			case "object":
				add(attrs["data"], attrs["title"])
			case "base":
				if p.Base == "" {
					p.Base = attrs["href"]
				}
			case "meta":
				if strings.EqualFold(attrs["http-equiv"], "refresh") {
					if m := refreshURL.FindStringSubmatch(attrs["content"]); m != nil {
						p.Refresh = m[1]
					}
				}
				if strings.EqualFold(attrs["name"], "ArticleTitle") && title.Len() == 0 {
					title.WriteString(attrs["content"])
				}
			case "title":
				inTitle = tt == html.StartTagToken
			case "script", "style":
				inScript = tt == html.StartTagToken
			case "h1":
				inH1 = tt == html.StartTagToken
			}
		}
	}
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}

// collapse joins whitespace runs (including ideographic spaces and nbsp) into one space.
func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u3000' || r == '\u00a0' || r == '\f' || r == '\v'
	}), " ")
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for len(s) > 0 && !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}
