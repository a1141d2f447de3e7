package convert

import (
	"unicode"
	"unicode/utf8"
)

// Span and grid limits. HTML caps colspan at 1000 itself; rowspan is capped lower because
// a copy is materialised for every covered position.
const (
	maxColSpan = 1000
	maxRowSpan = 1000
	maxCols    = 1000
	// maxGridCells bounds the cells of all tables of one document, so hostile spans
	// cannot make a small page allocate gigabytes.
	maxGridCells = 2 << 20
)

// ws is the whitespace seen since the last character written.
type ws uint8

const (
	wsNone  ws = 0
	wsSpace ws = 1 // a space or tab: renders as one space
	wsBreak ws = 2 // only line breaks: vanish between two CJK characters (CSS segment breaks)
)

// builder accumulates the text of a document rendered from a tree of blocks and tables
// (HTML, DOCX). It writes only non-space characters eagerly; whitespace stays pending
// until the next character, so lines and cells never start or end with spaces and cell
// offsets need no trimming.
type builder struct {
	out       []byte
	lineStart int
	pending   ws
	last      rune // last rune written on the current line, 0 at a line start

	tables   []*tableBuild // open tables, innermost last
	done     []rawTable    // finished tables in order of completion
	cells    int           // grid cells handed out so far
	maxOff   int           // the largest offset recorded in a row or cell
	warnings []string
	warned   map[string]bool

	// dropLine decides whether a finished line (not a table row) is chrome.
	dropLine func(line []byte) bool
}

type rawCell struct {
	start, end       int
	colspan, rowspan int
	vcont            bool // DOCX vMerge continuation: copy the cell above
}

type rawRow struct {
	start, end int
	cells      []rawCell
}

type rawTable struct {
	rows     []rawRow
	hasDigit bool
}

type tableBuild struct {
	rawTable
	inRow  bool
	inCell bool
	cell   rawCell
	// lineBroken is set when a nested block (a table inside a cell) broke the row's line.
	lineBroken bool
}

func (b *builder) warn(msg string) {
	if b.warned == nil {
		b.warned = map[string]bool{}
	}
	if !b.warned[msg] {
		b.warned[msg] = true
		b.warnings = append(b.warnings, msg)
	}
}

// inCell reports whether text goes into a cell of the innermost open table.
func (b *builder) inCell() bool {
	n := len(b.tables)
	return n > 0 && b.tables[n-1].inCell
}

func isSpaceRune(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', '\u00a0', '\u3000', '\u2002', '\u2003', '\u2009', '\u200b', '\ufeff':
		return true
	}
	return r < 0x20 || r == 0x7f
}

// wide reports whether r is an East Asian wide character, between which line breaks in
// the source are layout, not spaces.
func wide(r rune) bool {
	return r >= 0x2e80 && (unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef))
}

// text appends s, collapsing whitespace.
func (b *builder) text(s []byte) {
	for i := 0; i < len(s); {
		c := s[i]
		if c <= ' ' || c == 0x7f {
			if c == '\n' || c == '\r' {
				b.pending |= wsBreak
			} else {
				b.pending |= wsSpace
			}
			i++
			continue
		}
		// A run of characters written as they are goes out at once: only its first
		// character can follow pending white space.
		first, _ := utf8.DecodeRune(s[i:])
		j, last := i, rune(0)
		for j < len(s) {
			if c := s[j]; c < utf8.RuneSelf {
				if c <= ' ' || c == 0x7f {
					break
				}
				last = rune(c)
				j++
				continue
			}
			r, w := utf8.DecodeRune(s[j:])
			if r == utf8.RuneError && w == 1 || isSpaceRune(r) {
				break
			}
			last = r
			j += w
		}
		if j > i {
			b.flushSpace(first)
			b.out = append(b.out, s[i:j]...)
			b.last = last
			i = j
			continue
		}
		// s[i] starts an invalid byte or a non-ASCII space.
		r, w := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && w == 1 {
			b.flushSpace(r)
			b.out = utf8.AppendRune(b.out, r)
			b.last = r
			i++
			continue
		}
		b.pending |= wsSpace
		i += w
	}
}

// flushSpace writes the pending whitespace before next, unless at a line or cell start.
func (b *builder) flushSpace(next rune) {
	p := b.pending
	b.pending = wsNone
	if p == wsNone || b.last == 0 {
		return
	}
	if p == wsBreak && wide(b.last) && wide(next) {
		return
	}
	b.out = append(b.out, ' ')
}

// softBreak is a block boundary inside a table cell: the row must stay on one line.
func (b *builder) softBreak() { b.pending |= wsBreak }

// breakLine ends the current line, unless it is empty or inside a cell.
func (b *builder) breakLine() {
	if b.inCell() {
		b.softBreak()
		return
	}
	b.hardBreak()
}

func (b *builder) hardBreak() {
	b.pending = wsNone
	b.last = 0
	if len(b.out) == b.lineStart {
		return
	}
	if b.dropLine != nil && !b.rowOnLine() && b.dropLine(b.out[b.lineStart:]) {
		b.out = b.out[:b.lineStart]
		return
	}
	b.out = append(b.out, '\n')
	b.lineStart = len(b.out)
}

// rowOnLine reports whether the current line holds cells, which are never dropped.
func (b *builder) rowOnLine() bool {
	n := len(b.tables)
	return n > 0 && b.tables[n-1].inRow
}

func (b *builder) startTable() {
	if n := len(b.tables); n > 0 && b.tables[n-1].inCell {
		// A table inside a cell gets its own lines; the outer row continues after it.
		b.tables[n-1].lineBroken = true
	}
	b.hardBreakForce()
	b.tables = append(b.tables, &tableBuild{})
}

// hardBreakForce ends the line even inside a cell.
func (b *builder) hardBreakForce() {
	b.pending = wsNone
	b.last = 0
	if len(b.out) != b.lineStart {
		b.out = append(b.out, '\n')
		b.lineStart = len(b.out)
	}
}

func (b *builder) startRow() {
	t := b.top()
	if t == nil {
		return
	}
	b.endRow()
	b.hardBreakForce()
	t.inRow = true
	row := rawRow{start: len(b.out)}
	if n := len(t.rows); n > 0 {
		// Rows of a table are mostly as wide as the one before: room for that many
		// cells at once rather than by repeated doubling.
		row.cells = make([]rawCell, 0, len(t.rows[n-1].cells))
	}
	t.rows = append(t.rows, row)
}

func (b *builder) top() *tableBuild {
	if n := len(b.tables); n > 0 {
		return b.tables[n-1]
	}
	return nil
}

// startCell opens a cell; a cell outside a row opens a row first, as browsers do.
func (b *builder) startCell(colspan, rowspan int, vcont bool) {
	t := b.top()
	if t == nil {
		return
	}
	b.endCell()
	if !t.inRow {
		b.startRow()
	}
	row := &t.rows[len(t.rows)-1]
	if len(row.cells) > 0 {
		b.out = append(b.out, '\t')
	}
	b.pending = wsNone
	b.last = 0
	t.inCell = true
	t.cell = rawCell{start: len(b.out), colspan: colspan, rowspan: rowspan, vcont: vcont}
}

func (b *builder) endCell() {
	t := b.top()
	if t == nil || !t.inCell {
		return
	}
	t.inCell = false
	b.pending = wsNone
	t.cell.end = len(b.out)
	if !t.hasDigit {
		for _, c := range b.out[t.cell.start:t.cell.end] {
			if c >= '0' && c <= '9' {
				t.hasDigit = true
				break
			}
		}
	}
	row := &t.rows[len(t.rows)-1]
	row.cells = append(row.cells, t.cell)
	row.end = len(b.out)
	b.maxOff = max(b.maxOff, row.end)
	b.last = 1 // not at a line start: the next cell adds a tab, not a space
}

func (b *builder) endRow() {
	t := b.top()
	if t == nil || !t.inRow {
		return
	}
	b.endCell()
	t.inRow = false
	row := &t.rows[len(t.rows)-1]
	if len(row.cells) == 0 {
		row.end = row.start
	}
	b.maxOff = max(b.maxOff, row.end)
	t.lineBroken = false
	b.hardBreakForce()
}

// endTable closes the innermost table and reports whether it held a digit.
func (b *builder) endTable() bool {
	t := b.top()
	if t == nil {
		return false
	}
	b.endRow()
	b.tables = b.tables[:len(b.tables)-1]
	if len(t.rows) > 0 {
		b.done = append(b.done, t.rawTable)
	}
	if n := len(b.tables); n > 0 && b.tables[n-1].inCell {
		// Back in the outer cell, whose text continues on a new line.
		b.pending = wsNone
		b.last = 0
	} else {
		b.hardBreakForce()
	}
	return t.hasDigit
}

// finish closes everything still open and returns the text.
func (b *builder) finish() string {
	for len(b.tables) > 0 {
		b.endTable()
	}
	b.hardBreak()
	// No trailing newline: the text ends with its last character, or with the offset
	// of an empty last cell, which must stay inside the text.
	n := len(b.out)
	for n > b.maxOff && b.out[n-1] == '\n' {
		n--
	}
	b.out = b.out[:n]
	return string(b.out)
}
