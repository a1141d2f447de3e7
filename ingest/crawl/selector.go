package crawl

import (
	"errors"
	"strings"

	"golang.org/x/net/html"
)

// selector is a compiled CSS selector of the small subset portal profiles use: groups
// (a, b), descendant and child combinators, and compounds of a tag (or *), #id, .class,
// [attr] and [attr=value]. It runs on golang.org/x/net/html nodes (goquery is not a
// dependency of the module).
type selector [][]compound // groups of compounds, right-most last

type compound struct {
	tag     string // "" or "*": any
	id      string
	classes []string
	attrs   [][2]string // name, value ("" with has=true: present)
	has     []bool
	child   bool // joined to the compound before it by '>' rather than whitespace
}

var errSelector = errors.New("unsupported selector")

// maxCompounds bounds a selector's length, so matching (which backtracks over ancestors)
// stays cheap.
const maxCompounds = 8

// parseSelector compiles s, or returns errSelector for syntax outside the subset (a
// profile entry that is not a selector, such as the link text 下一页).
func parseSelector(s string) (selector, error) {
	var out selector
	for _, g := range strings.Split(s, ",") {
		g = strings.TrimSpace(strings.ReplaceAll(g, ">", " > "))
		if g == "" {
			return nil, errSelector
		}
		var seq []compound
		child := false
		for _, tok := range strings.Fields(g) {
			if tok == ">" {
				if len(seq) == 0 || child {
					return nil, errSelector
				}
				child = true
				continue
			}
			c, err := parseCompound(tok)
			if err != nil {
				return nil, err
			}
			c.child = child && len(seq) > 0
			child = false
			seq = append(seq, c)
		}
		if len(seq) == 0 || len(seq) > maxCompounds || child {
			return nil, errSelector
		}
		out = append(out, seq)
	}
	return out, nil
}

func isIdent(r byte) bool {
	return r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

func ident(s string, i int) (string, int) {
	j := i
	for j < len(s) && isIdent(s[j]) {
		j++
	}
	return s[i:j], j
}

func parseCompound(s string) (compound, error) {
	var c compound
	i := 0
	if i < len(s) && s[i] == '*' {
		c.tag, i = "*", 1
	} else {
		c.tag, i = ident(s, 0)
		c.tag = strings.ToLower(c.tag)
	}
	for i < len(s) {
		switch s[i] {
		case '#', '.':
			name, j := ident(s, i+1)
			if name == "" {
				return c, errSelector
			}
			if s[i] == '#' {
				c.id = name
			} else {
				c.classes = append(c.classes, name)
			}
			i = j
		case '[':
			end := strings.IndexByte(s[i:], ']')
			if end < 0 {
				return c, errSelector
			}
			body := s[i+1 : i+end]
			i += end + 1
			name, val, eq := strings.Cut(body, "=")
			name = strings.ToLower(strings.TrimSpace(name))
			if n, j := ident(name, 0); n == "" || j != len(name) {
				return c, errSelector
			}
			val = strings.Trim(strings.TrimSpace(val), `"'`)
			c.attrs = append(c.attrs, [2]string{name, val})
			c.has = append(c.has, !eq)
		default:
			return c, errSelector
		}
	}
	if c.tag == "" && c.id == "" && c.classes == nil && c.attrs == nil {
		return c, errSelector
	}
	return c, nil
}

func attr(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

func (c *compound) match(n *html.Node) bool {
	if n.Type != html.ElementNode || c.tag != "" && c.tag != "*" && c.tag != n.Data {
		return false
	}
	if c.id != "" {
		if v, _ := attr(n, "id"); v != c.id {
			return false
		}
	}
	if c.classes != nil {
		v, _ := attr(n, "class")
		have := strings.Fields(v)
		for _, want := range c.classes {
			found := false
			for _, h := range have {
				if h == want {
					found = true
					break
				}
			}
			if !found {
				return false
			}
		}
	}
	for i, a := range c.attrs {
		v, ok := attr(n, a[0])
		if !ok || !c.has[i] && v != a[1] {
			return false
		}
	}
	return true
}

// matchSeq reports whether n matches seq[:i+1], seq[i] matching n itself.
func matchSeq(seq []compound, i int, n *html.Node) bool {
	if !seq[i].match(n) {
		return false
	}
	if i == 0 {
		return true
	}
	if seq[i].child {
		return n.Parent != nil && matchSeq(seq, i-1, n.Parent)
	}
	for a := n.Parent; a != nil; a = a.Parent {
		if matchSeq(seq, i-1, a) {
			return true
		}
	}
	return false
}

// selectAll returns the elements under root that s matches, in document order.
func (s selector) selectAll(root *html.Node) []*html.Node {
	var out []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, seq := range s {
				if matchSeq(seq, len(seq)-1, n) {
					out = append(out, n)
					break
				}
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(root)
	return out
}

// nodeText is the collapsed text under n, at most maxTextBytes.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if b.Len() > maxTextBytes*2 {
			return
		}
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			if n.Data == "script" || n.Data == "style" {
				return
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(n)
	return clip(collapse(b.String()), maxTextBytes)
}

// anchors returns n itself when it is a link, else the links under it.
func anchors(n *html.Node) []*html.Node {
	if n.Type == html.ElementNode && n.Data == "a" {
		return []*html.Node{n}
	}
	var out []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "a" {
			out = append(out, n)
			return
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(n)
	return out
}
