package convert

import (
	"bytes"
	"strconv"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"nianbao/data"
)

// Limits of the element stack. Real pages nest a few dozen deep; past these, elements are
// not tracked, which only coarsens chrome removal on hostile input.
const (
	maxStack       = 512
	maxTableDepth  = 64
	regionKeepSize = 3000 // a chrome candidate with this much text is content after all
	layoutCellSize = 6000 // raw bytes of one cell beyond which a table is page layout
)

type elemKind uint8

const (
	kInline elemKind = iota
	kBlock
	kTable
	kRow
	kCell
)

type elem struct {
	a       atom.Atom
	kind    elemKind
	data    bool  // a table, row or cell of a data table (not page layout)
	region  int32 // 1 + index into htmlConv.regions, or 0
	heading int32 // 1 + output offset where a title candidate starts, or 0
}

// region is a chrome candidate: its output is kept only if it turns out to hold content.
type region struct {
	out, lineStart int
	pending        ws
	last           rune
	done           int
	digitTables    int
}

type htmlConv struct {
	b           builder
	src         []byte
	stack       []elem
	counts      atomCounts
	regions     []region
	digitTables int
	skip        atom.Atom // inside an element whose content is never text (template, select, svg)
	skipDepth   int
	rawSkip     bool // the next text token is script, style and the like
	inTitle     bool
	titleTag    []byte
	heading     string
	tableDepth  int
	attrBuf     [256]byte
}

// convertHTML renders decoded UTF-8 HTML into a document.
func convertHTML(src []byte) *data.Document {
	h := &htmlConv{src: src}
	h.b.dropLine = dropChromeLine
	h.b.out = make([]byte, 0, len(src)/2)
	h.run()
	text := h.b.finish()
	doc := data.NewDocument(text, data.FormatHTML)
	h.b.resolveTables(doc)
	doc.Meta = parseMeta(doc, 200)
	if t := pickTitle(string(h.titleTag), h.heading); t != "" {
		doc.Meta.Title = t
	}
	doc.Warnings = append(doc.Warnings, h.b.warnings...)
	return doc
}

func (h *htmlConv) run() {
	z := html.NewTokenizer(bytes.NewReader(h.src))
	pos := 0
	for {
		tt := z.Next()
		pos += len(z.Raw())
		switch tt {
		case html.ErrorToken:
			h.popTo(0)
			return
		case html.TextToken:
			h.onText(z.Text())
		case html.StartTagToken, html.SelfClosingTagToken:
			a := tagAtom(z.Raw()[len("<"):])
			h.rawSkip, h.inTitle = false, false
			if h.skipDepth > 0 {
				if a == h.skip && tt == html.StartTagToken {
					h.skipDepth++
				}
				continue
			}
			// Attributes are read only for the elements that use them (tables and the
			// elements pushed on the stack): copying them out of the tokenizer is much
			// of the cost of a tag.
			attrs := func() tagAttrs { return readAttrs(z, &h.attrBuf) }
			h.onStart(a, attrs, pos, tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			a := tagAtom(z.Raw()[len("</"):])
			h.rawSkip, h.inTitle = false, false
			if h.skipDepth > 0 {
				if a == h.skip {
					h.skipDepth--
				}
				continue
			}
			h.onEnd(a)
		}
	}
}

// tagAtom returns the atom of the tag name at the start of raw, the bytes of a start tag
// after "<" or of an end tag after "</", as atom.Lookup(z.TagName()) would: the tokenizer
// ends a name at white space, '/' or '>' and lower-cases ASCII letters. TagName copies the
// name to the heap for every tag; a name too long for buf is no atom.
func tagAtom(raw []byte) atom.Atom {
	var buf [32]byte
	n := 0
	for _, c := range raw {
		if c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '/' || c == '>' {
			break
		}
		if n == len(buf) {
			return 0
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[n] = c
		n++
	}
	return atom.Lookup(buf[:n])
}

// tagAttrs holds the few attributes that matter, copied out of the tokenizer's buffer.
type tagAttrs struct {
	colspan, rowspan int
	chrome           bool // id or class names site chrome
	centred, bold    bool
}

// readAttrs reads the attributes of the current start tag, from its raw bytes when it can.
// buf is scratch space for lower-casing values.
func readAttrs(z *html.Tokenizer, buf *[256]byte) tagAttrs {
	if t, ok := rawAttrs(z.Raw(), buf); ok {
		return t
	}
	t := tagAttrs{colspan: 1, rowspan: 1}
	for {
		k, v, more := z.TagAttr()
		t.set(attrBit(k), v, buf)
		if !more {
			return t
		}
	}
}

// set records the value v of the attribute named by bit (0 for one that does not matter).
func (t *tagAttrs) set(bit int, v []byte, buf *[256]byte) {
	switch bit {
	case attrColspan:
		t.colspan = atoiSpan(v)
	case attrRowspan:
		t.rowspan = atoiSpan(v)
	case attrID, attrClass:
		lv := lowerAttr(buf, v)
		t.chrome = t.chrome || chromeName(v, lv)
		if bytes.Contains(lv, []byte("title")) {
			t.bold = true
		}
	case attrAlign:
		t.centred = t.centred || bytes.EqualFold(bytes.TrimSpace(v), []byte("center"))
	case attrStyle:
		// Lower-cased, with spaces removed.
		lv := lowerAttr(buf, v)
		n := 0
		for _, c := range lv {
			if c != ' ' {
				lv[n] = c
				n++
			}
		}
		lv = lv[:n]
		t.centred = t.centred || bytes.Contains(lv, []byte("text-align:center"))
		t.bold = t.bold || bytes.Contains(lv, []byte("font-weight:bold")) || bytes.Contains(lv, []byte("font-weight:700"))
	}
}

// lowerAttr returns a lower-cased copy of v, as bytes.ToLower does, in buf when v fits and
// is ASCII (attribute values nearly always are): a page has thousands of style and class
// attributes, and a heap copy of each costs more than reading it.
func lowerAttr(buf *[256]byte, v []byte) []byte {
	if len(v) > len(buf) || !isASCII(v) {
		return bytes.ToLower(v)
	}
	for i, c := range v {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(v)]
}

// atoiSpan parses a span attribute the lenient way browsers do: leading digits count.
func atoiSpan(v []byte) int {
	v = bytes.TrimSpace(v)
	n := 0
	for n < len(v) && n < 9 && v[n] >= '0' && v[n] <= '9' {
		n++
	}
	if n == 0 {
		return 1
	}
	x, _ := strconv.Atoi(string(v[:n]))
	return x
}

func (h *htmlConv) onText(t []byte) {
	if h.rawSkip || h.skipDepth > 0 {
		return
	}
	if h.inTitle {
		if len(h.titleTag) < 1024 {
			h.titleTag = append(h.titleTag, t...)
		}
		return
	}
	if tb := h.b.top(); tb != nil && tb.inRow && !tb.inCell {
		// Text between cells belongs to no cell; browsers move it before the table.
		return
	}
	h.b.text(t)
}

// onStart handles a start tag; attrs reads its attributes, once at most.
func (h *htmlConv) onStart(a atom.Atom, attrs func() tagAttrs, pos int, selfClosing bool) {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Iframe, atom.Noembed, atom.Noframes, atom.Textarea:
		// The tokenizer returns their content as one raw text token.
		h.rawSkip = true
		return
	case atom.Title:
		h.inTitle = h.tableDepth == 0
		h.rawSkip = !h.inTitle
		return
	case atom.Template, atom.Select, atom.Svg, atom.Math, atom.Object:
		if !selfClosing {
			h.skip, h.skipDepth = a, 1
		}
		return
	case atom.Br, atom.Hr:
		h.b.breakLine()
		return
	case atom.Table:
		h.closeP()
		if h.tableDepth >= maxTableDepth {
			return
		}
		h.tableDepth++
		e := elem{a: a, kind: kTable, data: !isLayoutTable(h.src, pos)}
		if e.data {
			h.b.startTable()
		} else {
			h.b.breakLine()
		}
		h.push(e, attrs())
		return
	case atom.Tbody, atom.Thead, atom.Tfoot:
		if k := h.find(atom.Table); k >= 0 {
			h.popTo(k + 1)
		}
		return
	case atom.Tr:
		k := h.find(atom.Table)
		if k < 0 {
			return
		}
		h.popTo(k + 1)
		e := elem{a: a, kind: kRow, data: h.stack[k].data}
		if e.data {
			h.b.startRow()
		} else {
			h.b.breakLine()
		}
		h.push(e, attrs())
		return
	case atom.Td, atom.Th:
		k := h.find(atom.Table)
		if k < 0 {
			return
		}
		if r := h.find(atom.Tr); r > k {
			h.popTo(r + 1)
		} else {
			h.popTo(k + 1)
		}
		e := elem{a: a, kind: kCell, data: h.stack[k].data}
		at := attrs()
		if e.data {
			h.b.startCell(at.colspan, at.rowspan, false)
		} else {
			h.b.breakLine()
		}
		h.push(e, at)
		return
	}
	if isVoidAtom(a) || selfClosing || a == 0 {
		return
	}
	kind := kInline
	if isBlockAtom(a) {
		kind = kBlock
		switch a {
		case atom.Li:
			h.closeIn(atom.Li, atom.Ul, atom.Ol)
		case atom.Dt, atom.Dd:
			h.closeIn(atom.Dt, atom.Dl)
			h.closeIn(atom.Dd, atom.Dl)
		}
		h.closeP()
		h.b.breakLine()
	}
	h.push(elem{a: a, kind: kind}, attrs())
}

// push records an open element, registering it as a chrome candidate or title candidate.
func (h *htmlConv) push(e elem, at tagAttrs) {
	if len(h.stack) >= maxStack && e.kind != kTable && e.kind != kRow && e.kind != kCell {
		return
	}
	chrome := at.chrome
	switch e.a {
	case atom.Nav, atom.Header, atom.Footer, atom.Aside:
		chrome = true
	case atom.Html, atom.Body, atom.Main, atom.Article:
		chrome = false
	}
	if e.data && e.kind != kTable {
		// Rows and cells of a data table are never cut out of it.
		chrome = false
	}
	if chrome {
		b := &h.b
		h.regions = append(h.regions, region{out: len(b.out), lineStart: b.lineStart, pending: b.pending,
			last: b.last, done: len(b.done), digitTables: h.digitTables})
		e.region = int32(len(h.regions))
	}
	if h.heading == "" && (at.centred || at.bold || isHeadingAtom(e.a)) {
		e.heading = int32(len(h.b.out)) + 1
	}
	h.stack = append(h.stack, e)
	h.counts.add(e.a, 1)
}

func (h *htmlConv) onEnd(a atom.Atom) {
	switch a {
	case atom.Br:
		h.b.breakLine()
		return
	case atom.P:
		if h.counts.get(a) == 0 {
			h.b.breakLine()
			return
		}
	}
	if h.counts.get(a) == 0 {
		return
	}
	if a == atom.Tbody || a == atom.Thead || a == atom.Tfoot {
		if k := h.find(atom.Table); k >= 0 {
			h.popTo(k + 1)
		}
		return
	}
	if k := h.find(a); k >= 0 {
		h.popTo(k)
	}
}

// find returns the stack index of the innermost open a, or -1. As in HTML, rows and cells
// belong to the innermost table only, and other end tags do not reach out of a cell.
func (h *htmlConv) find(a atom.Atom) int {
	if h.counts.get(a) == 0 {
		return -1
	}
	part := a == atom.Tr || a == atom.Td || a == atom.Th
	for i := len(h.stack) - 1; i >= 0; i-- {
		e := h.stack[i].a
		if e == a {
			return i
		}
		if a == atom.Table {
			continue
		}
		if e == atom.Table || (!part && (e == atom.Td || e == atom.Th)) {
			return -1
		}
	}
	return -1
}

// closeP closes an open paragraph, which a block start implies in HTML.
func (h *htmlConv) closeP() {
	if k := h.find(atom.P); k >= 0 {
		h.popTo(k)
	}
}

// closeIn closes an open a unless a list container in between owns the new item.
func (h *htmlConv) closeIn(a atom.Atom, stops ...atom.Atom) {
	if h.counts.get(a) == 0 {
		return
	}
	for i := len(h.stack) - 1; i >= 0; i-- {
		e := h.stack[i]
		if e.a == a {
			h.popTo(i)
			return
		}
		if e.kind == kTable || e.kind == kCell {
			return
		}
		for _, s := range stops {
			if e.a == s {
				return
			}
		}
	}
}

// popTo closes the elements at stack indexes >= k, innermost first.
func (h *htmlConv) popTo(k int) {
	for len(h.stack) > k {
		e := h.stack[len(h.stack)-1]
		h.stack = h.stack[:len(h.stack)-1]
		h.counts.add(e.a, -1)
		h.close(e)
	}
}

func (h *htmlConv) close(e elem) {
	b := &h.b
	switch e.kind {
	case kTable:
		h.tableDepth--
		if e.data {
			if b.endTable() {
				h.digitTables++
			}
		} else {
			b.breakLine()
		}
	case kRow:
		if e.data {
			b.endRow()
		} else {
			b.breakLine()
		}
	case kCell:
		if e.data {
			b.endCell()
		} else {
			b.breakLine()
		}
	case kBlock:
		b.breakLine()
	}
	if e.heading > 0 && h.heading == "" {
		if s := int(e.heading) - 1; s <= len(b.out) {
			t := bytes.TrimSpace(b.out[s:])
			if len(t) <= 600 && bytes.IndexByte(t, '\n') < 0 && isReportTitle(t) {
				h.heading = string(t)
			}
		}
	}
	if e.region > 0 {
		h.closeRegion(h.regions[e.region-1])
	}
}
