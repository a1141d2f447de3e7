// Resolving the raw tables a builder collected into rectangular grids, with their
// cells' offsets in the document's Norm.

package convert

import (
	"sort"
	"unicode/utf8"

	"nianbao/data"
)

// offsetMap converts byte offsets of a document's Text to those of its Norm. Norm replaces
// rune for rune, so walking both strings together maps any set of offsets in one pass.
type offsetMap struct {
	text, norm []int
}

func newOffsetMap(doc *data.Document, offs []int) offsetMap {
	if len(doc.Norm) == len(doc.Text) {
		return offsetMap{}
	}
	sort.Ints(offs)
	m := offsetMap{text: make([]int, 0, len(offs)), norm: make([]int, 0, len(offs))}
	i, j := 0, 0
	for _, t := range offs {
		if len(m.text) > 0 && m.text[len(m.text)-1] == t {
			continue
		}
		for i < t && i < len(doc.Text) && j < len(doc.Norm) {
			_, wt := utf8.DecodeRuneInString(doc.Text[i:])
			_, wn := utf8.DecodeRuneInString(doc.Norm[j:])
			i += wt
			j += wn
		}
		m.text = append(m.text, t)
		m.norm = append(m.norm, j)
	}
	return m
}

func (m offsetMap) get(t int) int {
	if m.text == nil {
		return t
	}
	k := sort.SearchInts(m.text, t)
	if k < len(m.text) && m.text[k] == t {
		return m.norm[k]
	}
	return t
}

// resolveTables turns the raw tables into grids with Norm offsets, once doc.Norm exists.
func (b *builder) resolveTables(doc *data.Document) {
	var m offsetMap
	if len(doc.Norm) != len(doc.Text) {
		var offs []int
		for _, t := range b.done {
			for _, r := range t.rows {
				offs = append(offs, r.start, r.end)
				for _, c := range r.cells {
					offs = append(offs, c.start, c.end)
				}
			}
		}
		m = newOffsetMap(doc, offs)
	}
	// Room for the largest table's cells up front (spans may still grow it).
	most := 0
	for _, t := range b.done {
		n := 0
		for _, r := range t.rows {
			n += len(r.cells)
		}
		most = max(most, n)
	}
	g := gridScratch{cells: make([]data.Cell, 0, most)}
	for _, t := range b.done {
		if tb, ok := b.grid(t, doc, m, &g); ok {
			doc.Tables = append(doc.Tables, tb)
		}
	}
}

// gridScratch holds grid's working rows, reused from table to table: the rows are built
// in one flat slice and copied into the table's own storage once its width is known.
type gridScratch struct {
	cells   []data.Cell
	rows    []int // where each row starts in cells
	pending []gridPend
}

type gridPend struct {
	left int
	cell data.Cell
}

// grid resolves row and column spans into a rectangular grid.
func (b *builder) grid(t rawTable, doc *data.Document, m offsetMap, sc *gridScratch) (data.Table, bool) {
	pending := sc.pending[:0]
	flat := sc.cells[:0]
	starts := sc.rows[:0]
	defer func() { sc.cells, sc.rows, sc.pending = flat, starts, pending }()
	// row returns row k of the grid built so far.
	row := func(k int) []data.Cell {
		if k+1 < len(starts) {
			return flat[starts[k]:starts[k+1]]
		}
		return flat[starts[k]:]
	}
	var rowEnds []int
	width := 0
	budget := maxGridCells - b.cells
	used := 0
	for r, rr := range t.rows {
		if used >= budget {
			b.warn("table cells beyond the limit dropped")
			break
		}
		start := len(flat)
		c := 0
		fill := func() {
			for c < len(pending) && pending[c].left > 0 && c < maxCols {
				pc := pending[c].cell
				pc.Span = true
				flat = append(flat, pc)
				pending[c].left--
				c++
			}
		}
		for _, rc := range rr.cells {
			fill()
			s, e := m.get(rc.start), m.get(rc.end)
			base := data.Cell{Text: doc.Norm[s:e], Start: s, End: e}
			cs := clampSpan(rc.colspan, maxColSpan)
			rs := rc.rowspan
			if rs <= 0 {
				rs = len(t.rows) - r
			}
			rs = min(clampSpan(rs, maxRowSpan), len(t.rows)-r)
			if rc.colspan > maxColSpan || rc.rowspan > maxRowSpan {
				b.warn("table span clipped")
			}
			for k := 0; k < cs; k++ {
				if c >= maxCols {
					b.warn("table columns beyond the limit dropped")
					break
				}
				cell := base
				if k > 0 {
					cell.Span = true
				}
				// A continuation with no earlier row to continue (rows without cells
				// before it) stands as the empty cell it is.
				if rc.vcont && len(starts) > 0 && c < len(row(len(starts)-1)) {
					cell = row(len(starts) - 1)[c]
					cell.Span = true
				}
				flat = append(flat, cell)
				for len(pending) <= c {
					pending = append(pending, gridPend{})
				}
				pending[c] = gridPend{left: rs - 1, cell: cell}
				c++
			}
		}
		fill()
		n := len(flat) - start
		if n == 0 {
			continue
		}
		width = max(width, n)
		used += n
		starts = append(starts, start)
		rowEnds = append(rowEnds, m.get(rr.end))
	}
	if len(starts) == 0 {
		return data.Table{}, false
	}
	if len(starts)*width > budget {
		width = max(1, budget/len(starts))
		b.warn("table cells beyond the limit dropped")
	}
	// One allocation for the whole grid; a short row is padded with empty cells at its
	// end offset.
	all := make([]data.Cell, len(starts)*width)
	rows := make([][]data.Cell, len(starts))
	for i := range starts {
		g := all[i*width : (i+1)*width : (i+1)*width]
		n := copy(g, row(i))
		for k := n; k < width; k++ {
			g[k] = data.Cell{Start: rowEnds[i], End: rowEnds[i]}
		}
		rows[i] = g
	}
	b.cells += len(rows) * width
	return data.Table{Rows: rows}, true
}

func clampSpan(n, limit int) int {
	if n < 1 {
		return 1
	}
	return min(n, limit)
}
