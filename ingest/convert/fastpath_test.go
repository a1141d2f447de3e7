package convert

import (
	"bytes"
	"math/rand"
	"reflect"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// rawAttrs and mayHoldLabel stand in for plainer code (the tokenizer's TagAttr, a search
// for every label); these tests hold them to it on hand-picked cases and on random input.

func randomText(r *rand.Rand, alphabet []string, n int) string {
	var b strings.Builder
	for range r.Intn(n + 1) {
		b.WriteString(alphabet[r.Intn(len(alphabet))])
	}
	return b.String()
}

// checkRawAttrs tokenizes page and compares, for every start tag, rawAttrs with the
// attributes as TagAttr returns them.
func checkRawAttrs(t *testing.T, page string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(page))
	var buf [256]byte
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		raw := bytes.Clone(z.Raw())
		fast, ok := rawAttrs(raw, &buf)
		want := tagAttrs{colspan: 1, rowspan: 1}
		for more := true; more; {
			var k, v []byte
			k, v, more = z.TagAttr()
			want.set(attrBit(k), v, &buf)
		}
		if ok && fast != want {
			t.Fatalf("rawAttrs(%q) = %+v, TagAttr gives %+v", raw, fast, want)
		}
	}
}

func TestRawAttrs(t *testing.T) {
	tests := []struct{ name, page string }{
		{"cell", `<td colspan="3" style="width:60px;">1</td>`},
		{"centred", `<p align=center>x</p><p style="TEXT-ALIGN: center; font-weight: 700">y</p>`},
		{"chrome", `<div id=nav class='Breadcrumb top'>x</div>`},
		{"duplicate", `<td rowspan=2 ROWSPAN=5 colspan = 4>x</td>`},
		{"self-closing", `<br/><td colspan=2/>x`},
		{"equals first", `<td =colspan=3 colspan=2>x</td>`},
		{"entity falls back", `<td colspan="&#50;">x</td>`},
		{"unquoted then '>'", `<td colspan=3>x</td>`},
		{"newline in value", "<td style=\"font-weight:\nbold\">x</td>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { checkRawAttrs(t, tc.page) })
	}
	t.Run("random", func(t *testing.T) {
		alphabet := []string{" ", "\t", "\n", "\r", "\f", "=", "/", ">", "'", "\"", "colspan", "COLSPAN", "rowspan", "id", "class", "align", "style", "center", "2", "3", "x", "nav", "footer", "title", "text-align:center", "font-weight:bold", "&amp;", "\x00", "a", "Id", "Class=", `colspan="2"`, "rowspan=3", "style='font-weight: 700'"}
		r := rand.New(rand.NewSource(1))
		for range 100000 {
			prefix := "<td"
			if r.Intn(3) == 0 {
				prefix += " "
			}
			checkRawAttrs(t, prefix+randomText(r, alphabet, 14)+">x</td>")
		}
	})
}

// plainFindLabels is findLabels without the mayHoldLabel shortcut.
func plainFindLabels(f string) []metaHit {
	var hits []metaHit
	for li, l := range metaLabels {
		for off := 0; off < len(f); {
			i := strings.Index(f[off:], l.word)
			if i < 0 {
				break
			}
			p := off + i
			off = p + len(l.word)
			rest := strings.TrimLeft(f[off:], " ")
			h := metaHit{pos: p, label: li}
			switch {
			case strings.HasPrefix(rest, "："):
				h.end, h.colon = len(f)-len(rest)+len("："), true
			case strings.HasPrefix(rest, ":"):
				h.end, h.colon = len(f)-len(rest)+1, true
			case rest == "" && strings.TrimSpace(f[:p]) == "":
				h.end = len(f)
			default:
				continue
			}
			hits = append(hits, h)
		}
	}
	if len(hits) < 2 {
		return hits
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].pos < hits[j].pos })
	out := hits[:1]
	for _, h := range hits[1:] {
		if h.pos < out[len(out)-1].end {
			continue
		}
		out = append(out, h)
	}
	return out
}

func TestFindLabels(t *testing.T) {
	tests := []struct{ name, in string }{
		{"label and value", "发布机构：县政府"},
		{"label alone", " 信息来源 "},
		{"two labels", "索引号: 001 发布日期：2020-01-31"},
		{"prose with a colon", "地址：某某路1号"},
		{"label in prose", "其来源为：县政府"},
	}
	check := func(t *testing.T, f string) {
		got, want := findLabels(f), plainFindLabels(f)
		if (len(got) != 0 || len(want) != 0) && !reflect.DeepEqual(got, want) {
			t.Fatalf("findLabels(%q) = %v, want %v", f, got, want)
		}
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { check(t, tc.in) })
	}
	t.Run("random", func(t *testing.T) {
		alphabet := []string{"索引号", "来源", "信息来源", "发布日期", "：", ":", " ", "x", "　", "主题分类", "发布机构", "\xef", "\xef\xbc"}
		r := rand.New(rand.NewSource(2))
		for range 200000 {
			check(t, randomText(r, alphabet, 8))
		}
	})
}
