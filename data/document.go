package data

import (
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Formats of converted documents.
const (
	FormatHTML = "html"
	FormatText = "text"
	FormatPDF  = "pdf"
	FormatDOCX = "docx"
)

// Document is what a converter makes of one file: UTF-8 text, tables and page metadata.
// Extractors read Norm and cut evidence from Text through Span, so every value's evidence
// is an exact substring of Text and its offset a character offset into it.
type Document struct {
	// Text is the document as UTF-8 text, with tables rendered one row per line and cells
	// separated by tabs. It is what evidence is cut from.
	Text string
	// Norm is Text with full-width digits and letters, NBSP and the like replaced rune for
	// rune, so character offsets are the same in both.
	Norm string
	// Tables are the document's tables with row and column spans resolved.
	Tables []Table
	Meta   Meta
	Format string
	// Charset is the encoding the bytes were decoded from.
	Charset  string
	Warnings []string

	// normMapped is set when Norm differs from Text; normToText then says where Norm's
	// bytes come from in Text (see textOffset).
	normMapped bool
	normToText []normAnchor
	// runeIdx samples character offsets of Norm, built on first use.
	runeIdx []int32
}

// Meta is the metadata block that portal pages carry.
type Meta struct {
	Title     string `json:"title,omitempty"`
	IndexNo   string `json:"index_no,omitempty"`  // 索引号
	Publisher string `json:"publisher,omitempty"` // 发布机构 / 发文机关
	Published string `json:"published,omitempty"` // 发文日期 / 发布时间, ISO 8601 when parseable
	Subject   string `json:"subject,omitempty"`   // 主题分类
}

// Table is a grid of cells; a cell spanning several rows or columns appears in each of
// the positions it covers, with Span set on the copies.
type Table struct {
	Rows [][]Cell
}

// Cell is one table cell. Start and End are byte offsets of its text in Document.Text
// (and Norm); they are equal for an empty cell.
type Cell struct {
	Text  string // normalised, trimmed
	Start int
	End   int
	Span  bool // a copy of a cell that spans into this position
}

// NewDocument builds a Document from its text, computing Norm. Invalid UTF-8 is replaced
// by U+FFFD first, so character offsets mean the same to every reader of the text.
func NewDocument(text, format string) *Document {
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	d := &Document{Text: text, Format: format}
	d.Norm, d.normToText, d.normMapped = normalize(text)
	return d
}

// Span returns the original text between byte offsets start and end of Norm, and the
// character offset of start: the evidence and offset of a value.
func (d *Document) Span(start, end int) (string, int) {
	if start < 0 {
		start = 0
	}
	if end > len(d.Norm) {
		end = len(d.Norm)
	}
	if start > end {
		start = end
	}
	ts, te := start, end
	if d.normMapped {
		ts, te = d.textOffset(start), d.textOffset(end)
	}
	return d.Text[ts:te], d.CharOffset(start)
}

// normAnchor says that Norm byte offset norm, a rune start, is Text byte offset text.
type normAnchor struct{ norm, text int32 }

// textOffset maps byte offset n of Norm (0 ≤ n ≤ len(Norm)) to Text: a rune of Norm maps to
// the start of the rune of Text it replaces, so an offset inside a rune maps to that rune's
// start in Text. Between two runes whose replacement changed byte lengths the two strings
// run in parallel, so anchors are needed only after those runes. Norm is valid UTF-8 (NewDocument
// makes Text so), so the rune containing n starts at most three bytes before it.
func (d *Document) textOffset(n int) int {
	for n < len(d.Norm) && n > 0 && !utf8.RuneStart(d.Norm[n]) {
		n--
	}
	a := d.normToText
	// The last anchor at or before n; none means Norm and Text still run in parallel.
	k := sort.Search(len(a), func(i int) bool { return int(a[i].norm) > n }) - 1
	if k < 0 {
		return n
	}
	return int(a[k].text) + n - int(a[k].norm)
}

// CharOffset converts a byte offset of Norm to a character (rune) offset.
func (d *Document) CharOffset(b int) int {
	if b <= 0 {
		return 0
	}
	if b > len(d.Norm) {
		b = len(d.Norm)
	}
	if d.runeIdx == nil {
		d.runeIdx = runeIndex(d.Norm)
	}
	k := b / runeBlock
	return int(d.runeIdx[k]) + runeStarts(d.Norm[k*runeBlock:b])
}

// runeBlock is the sampling step of the character-offset index: small enough to walk,
// large enough that the index of a 50 MB page stays a few MB.
const runeBlock = 64

// runeIndex returns, for every multiple k of runeBlock up to len(s), the number of runes
// that start before byte k*runeBlock.
func runeIndex(s string) []int32 {
	idx := make([]int32, len(s)/runeBlock+1)
	n := 0
	for k := range idx {
		idx[k] = int32(n)
		n += runeStarts(s[k*runeBlock : min(len(s), (k+1)*runeBlock)])
	}
	return idx
}

// runeStarts counts the runes that start in s, a piece of a valid UTF-8 string (Norm is
// valid: NewDocument makes it so): the bytes that are not continuation bytes. A rune cut at
// the end of s counts; one cut at its start does not.
func runeStarts(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if !isContinuation(s[i]) {
			n++
		}
	}
	return n
}

func isContinuation(c byte) bool { return c&0xc0 == 0x80 }

// normalize is Normalize for NewDocument: it reports whether anything was replaced and
// records the offset map as anchors after the replacements that changed byte lengths, which
// a Chinese page (full-width spaces, digits) has a few hundred of at most, instead of an
// int32 per byte. The text is valid UTF-8. Unchanged stretches are copied whole.
func normalize(s string) (string, []normAnchor, bool) {
	trad := tradTable()
	i := nextNorm(s, 0, trad)
	if i == len(s) {
		return s, nil, false
	}
	var b strings.Builder
	b.Grow(len(s))
	var anchors []normAnchor
	for copied := 0; ; {
		// s[copied:i] is unchanged; the rune at i, if any, is replaced.
		b.WriteString(s[copied:i])
		if i == len(s) {
			break
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		nr, _ := normRuneIn(r, trad)
		b.WriteRune(nr)
		i += w
		copied = i
		if utf8.RuneLen(nr) != w {
			anchors = append(anchors, normAnchor{norm: int32(b.Len()), text: int32(i)})
		}
		i = nextNorm(s, i, trad)
	}
	return b.String(), anchors, true
}

// nextNorm returns the offset of the first rune at or after i that normalisation replaces,
// or len(s).
func nextNorm(s string, i int, trad []rune) int {
	for i < len(s) {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if _, ok := normRuneIn(r, trad); ok {
			return i
		}
		i += w
	}
	return i
}

// Normalize replaces full-width ASCII, ideographic and no-break spaces and similar runes
// with their plain forms, one rune for one rune. It returns the normalised string and, when
// any replacement changed byte lengths, the map from its byte offsets to those of s (with
// one extra entry for len).
func Normalize(s string) (string, []int32) {
	changed := false
	for _, r := range s {
		if _, ok := normRune(r); ok {
			changed = true
			break
		}
	}
	if !changed {
		return s, nil
	}
	var b strings.Builder
	b.Grow(len(s))
	m := make([]int32, 0, len(s)+1)
	for i, r := range s {
		if r == utf8.RuneError {
			if _, w := utf8.DecodeRuneInString(s[i:]); w == 1 {
				// An invalid byte stays as it is so offsets keep lining up.
				b.WriteByte(s[i])
				m = append(m, int32(i))
				continue
			}
		}
		nr, ok := normRune(r)
		if !ok {
			nr = r
		}
		start := b.Len()
		b.WriteRune(nr)
		for j := start; j < b.Len(); j++ {
			m = append(m, int32(i))
		}
	}
	m = append(m, int32(len(s)))
	return b.String(), m
}

func normRune(r rune) (rune, bool) { return normRuneIn(r, tradTable()) }

// normRuneIn is normRune with tradTable's result passed in, to keep the sync.OnceValue
// call out of per-character loops.
func normRuneIn(r rune, trad []rune) (rune, bool) {
	if r < 0x80 {
		return r, false
	}
	if r >= cjkLo && r < cjkHi {
		// Most of a report is CJK text: a table lookup, not a map lookup, per character.
		if t := trad[r-cjkLo]; t != 0 {
			return t, true
		}
		return r, false
	}
	switch {
	case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
		return r - 0xFEE0, true
	case r == '\u00a0', r == '\u3000', r == '\u2002', r == '\u2003', r == '\u2009', r == '\u200b', r == '\ufeff':
		return ' ', true
	case r == '．':
		return '.', true
	case r == '，' || r == '％' || r == '：' || r == '；' || r == '（' || r == '）':
		// Kept: full-width punctuation is how Chinese reports are written, and the
		// extractors' patterns use it.
		return r, false
	}
	if t, ok := tradToSimp[r]; ok {
		return t, true
	}
	return r, false
}

// The CJK Unified Ideographs block, where every traditional form of tradToSimp lies.
const cjkLo, cjkHi = 0x4E00, 0xA000

// tradTable is tradToSimp as a dense table over the CJK block, built once.
var tradTable = sync.OnceValue(func() []rune {
	t := make([]rune, cjkHi-cjkLo)
	for k, v := range tradToSimp {
		if k >= cjkLo && k < cjkHi {
			t[k-cjkLo] = v
		}
	}
	return t
})
