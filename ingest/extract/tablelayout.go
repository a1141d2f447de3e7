package extract

import (
	"sort"
	"strings"
	"unicode/utf8"

	"nianbao/data"
)

// A pdftotext -layout rendering prints an empty cell as spaces, so a row with blank
// applicant columns shows fewer figures than the table has columns. Such a row is read by
// position: each figure goes to the column whose position on the page it sits under,
// taken from the nearest row that prints every column, or else from the header's column
// names. Figures far apart on one line are never split into several cells: only crawler
// text runs cells together.

// rowTokens is what the text holds after a row's label.
type rowTokens struct {
	toks   []token
	tabbed bool
}

// spaced reports figures printed on one line with at least two spaces between each pair:
// the columns of a layout rendering, not cells run together.
func spaced(norm string, toks []token) bool {
	if len(toks) == 0 {
		return false
	}
	for i, t := range toks {
		if t.c.sem == "" && t.digits == "" {
			return false
		}
		if i == 0 {
			continue
		}
		gap := norm[toks[i-1].c.end:t.c.start]
		if strings.IndexByte(gap, '\n') >= 0 || strings.Count(gap, " ") < 2 || strings.TrimSpace(gap) != "" {
			return false
		}
	}
	return true
}

// xCenter is the horizontal position of norm[s:e] on its line, in characters.
func xCenter(norm string, s, e int) float64 {
	ls := strings.LastIndexByte(norm[:s], '\n') + 1
	return float64(utf8.RuneCountInString(norm[ls:s])) + float64(utf8.RuneCountInString(norm[s:e]))/2
}

// columnCenters returns, for each template column (np … oth, total), where row i's
// figures stand: from the nearest fully printed layout row, else from the header.
func columnCenters(norm string, reads []rowTokens, i int, header headerCols, totFirst bool) ([]float64, bool) {
	best := -1
	for j, rt := range reads {
		if rt.tabbed || len(rt.toks) != nCols || !spaced(norm, rt.toks) {
			continue
		}
		if best < 0 || abs(j-i) < abs(best-i) {
			best = j
		}
	}
	if best >= 0 {
		xs := make([]float64, nCols)
		for k, t := range reads[best].toks {
			xs[k] = xCenter(norm, t.c.start, t.c.end)
		}
		if totFirst {
			xs = append(xs[1:], xs[0])
		}
		return xs, true
	}
	return header.centers, header.ok
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// headerCols are the positions of 表三's column names in a layout header.
type headerCols struct {
	centers []float64
	ok      bool
}

// headerNames are the words that name each template column in a header, in column order.
var headerNames = [nCols][]string{{"自然人"}, {"商业"}, {"科研"}, {"社会", "公益"}, {"法律", "服务"}, {"其他"}, {"总计"}}

// readHeader finds the column names in the lines of header (the text between 申请人情况 and
// the first row). Names a header breaks over lines are matched by their first word;
// missing ones are interpolated between the found ones.
func readHeader(norm string, from, to int) headerCols {
	h := headerCols{centers: make([]float64, nCols)}
	found := make([]bool, nCols)
	for at := from; at < to; {
		eol := strings.IndexByte(norm[at:to], '\n')
		if eol < 0 {
			eol = to - at
		}
		line := norm[at : at+eol]
		for _, f := range strings.Fields(line) {
			for c, names := range headerNames {
				if found[c] {
					continue
				}
				for _, n := range names {
					// 其他 alone names the column; 法人或其他组织 names the group.
					if f == n || (c != 5 && strings.HasPrefix(f, n)) {
						s := at + strings.Index(line, f)
						h.centers[c] = xCenter(norm, s, s+len(f))
						found[c] = true
					}
				}
			}
		}
		at += eol + 1
	}
	if !found[0] || !found[nCols-1] {
		return h
	}
	for c := 1; c < nCols-1; c++ {
		if found[c] {
			continue
		}
		lo, hi := c-1, c+1
		for !found[hi] {
			hi++
		}
		h.centers[c] = h.centers[lo] + (h.centers[hi]-h.centers[lo])/float64(hi-lo)
		found[c] = true
	}
	h.ok = true
	return h
}

// maxShift is how far, in characters, a figure may stand from its column's position:
// pdftotext centres or right-aligns figures of different widths within a character or two.
const maxShift = 3

// placeByColumn puts a short layout row's figures under the columns they stand beneath:
// the increasing assignment with the least total distance. The other columns are blank.
func placeByColumn(norm string, toks []token, centers []float64, at int) []cell {
	n := len(centers)
	cols := make([]int, n)
	for i := range cols {
		cols[i] = i
	}
	sort.Slice(cols, func(a, b int) bool { return centers[cols[a]] < centers[cols[b]] })
	xs := make([]float64, len(toks))
	for i, t := range toks {
		xs[i] = xCenter(norm, t.c.start, t.c.end)
	}
	best, bestCost := []int(nil), 0.0
	pick := make([]int, 0, len(toks))
	var walk func(next int, cost float64)
	walk = func(next int, cost float64) {
		if len(pick) == len(toks) {
			if best == nil || cost < bestCost {
				best, bestCost = append([]int(nil), pick...), cost
			}
			return
		}
		i := len(pick)
		for k := next; k <= n-(len(toks)-i); k++ {
			d := xs[i] - centers[cols[k]]
			if d < 0 {
				d = -d
			}
			pick = append(pick, k)
			walk(k+1, cost+d)
			pick = pick[:len(pick)-1]
		}
	}
	walk(0, 0)
	// A figure far from every column is not in a table laid out by position (or the
	// page's columns moved): guessing its column would make a wrong value.
	for i, k := range best {
		if d := xs[i] - centers[cols[k]]; d > maxShift || d < -maxShift {
			return nil
		}
	}
	out := make([]cell, n)
	for c := range out {
		out[c] = cell{sem: data.SemBlank, start: at, end: at}
	}
	for i, k := range best {
		t := toks[i]
		c := t.c
		if t.digits != "" {
			v, ok := parseCellNumber(t.digits)
			if !ok {
				return nil
			}
			c = numCell(v, t.c.start, t.c.end)
		}
		out[cols[k]] = c
	}
	return out
}

// table4Words name 表四's column kinds, in the template's order within each group;
// each is printed once per group (行政复议, 直接起诉, 复议后起诉), left to right.
var table4Words = []string{"维持", "纠正", "其他", "尚未", "总计"}

// table4Centers reads where 表四's fifteen columns stand from the header lines in
// [from, to): the k-th occurrence from the left of each kind word is group k's column.
// pdftotext breaks 总计 into "总 计" as often as not; both count.
func table4Centers(norm string, from, to int) ([]float64, bool) {
	xs := make([][]float64, len(table4Words))
	for at := from; at < to; {
		eol := strings.IndexByte(norm[at:to], '\n')
		if eol < 0 {
			eol = to - at
		}
		line := norm[at : at+eol]
		fields := strings.Fields(line)
		pos := 0
		for i, f := range fields {
			s := strings.Index(line[pos:], f) + pos
			pos = s + len(f)
			word := f
			if f == "总" && i+1 < len(fields) && fields[i+1] == "计" {
				word = "总计"
			}
			for k, w := range table4Words {
				if strings.HasPrefix(word, w) {
					xs[k] = append(xs[k], xCenter(norm, at+s, at+s+len(f)))
				}
			}
		}
		at += eol + 1
	}
	centers := make([]float64, 0, len(table4Keys))
	for _, x := range xs {
		if len(x) != 3 {
			return nil, false
		}
		sort.Float64s(x)
	}
	for g := 0; g < 3; g++ {
		for k := range table4Words {
			centers = append(centers, xs[k][g])
		}
	}
	return centers, true
}
