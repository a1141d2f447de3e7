package extract

import (
	"strconv"
	"strings"

	"nianbao/data"
)

// cell is one table cell as read. sem is "" for a cell that could not be read.
type cell struct {
	val        float64
	sem        string
	start, end int // Norm byte offsets of the cell's text; equal for a blank cell
}

func (c cell) known() bool { return c.sem != "" && c.sem != data.SemNA }

// value is the cell's number, with a blank read as 0, as the template's instructions say
// (an empty cell of a filled table is a zero that was not typed).
func (c cell) value() float64 { return c.val }

// token is a stretch of text read as cells: a clean cell, or a run of digits that may hold
// several cells run together (crawler text drops the separators).
type token struct {
	c      cell
	digits string // set for a pure digit run that may need splitting
}

// isPageMarker reports lines such as "-3-" or "- 4 -" or "第3页" that pdftotext leaves
// between the rows of a table that crosses a page break.
func isPageMarker(line string) bool {
	t := strings.TrimSpace(line)
	if strings.HasPrefix(t, "第") && strings.HasSuffix(t, "页") {
		return allDigits(strings.TrimSpace(t[len("第") : len(t)-len("页")]))
	}
	t = strings.Trim(t, "-－— ")
	return t != "" && len(t) <= 3 && allDigits(t) && t != strings.TrimSpace(line)
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// naMarks are what reports print for "not applicable".
var naMarks = map[string]bool{"/": true, "／": true, "—": true, "-": true, "－": true, "——": true, "--": true, "无": true, "不适用": true, "\\": true}

// readField reads one tab-separated table cell [start, end) of norm.
func readField(norm string, start, end int) (cell, bool) {
	s, e := start, end
	for s < e && (norm[s] == ' ' || norm[s] == '\r') {
		s++
	}
	for e > s && (norm[e-1] == ' ' || norm[e-1] == '\r') {
		e--
	}
	f := norm[s:e]
	if f == "" {
		return cell{sem: data.SemBlank, start: s, end: s}, true
	}
	if naMarks[f] {
		return cell{sem: data.SemNA, start: s, end: e}, true
	}
	// A unit may follow the figure in the cell ("251000元").
	n := numberPrefix(f)
	if n == 0 {
		return cell{}, false
	}
	v, ok := parseCellNumber(f[:n])
	if !ok {
		return cell{}, false
	}
	rest := strings.TrimSpace(f[n:])
	if rest != "" && rest != "元" && rest != "万元" && rest != "件" && rest != "个" && rest != "项" {
		return cell{}, false
	}
	return numCell(v, s, s+n), true
}

func numCell(v float64, start, end int) cell {
	sem := data.SemNumber
	if v == 0 {
		sem = data.SemZero
	}
	return cell{val: v, sem: sem, start: start, end: end}
}

// numberPrefix returns the length of the number at the start of s: digits with an optional
// minus sign, thousands separators and one decimal point.
func numberPrefix(s string) int {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	start := i
	dot := false
	for i < len(s) {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			i++
		case c == '.' && !dot && i > start && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			dot = true
			i++
		case c == ',' && i > start && i+4 <= len(s) && allDigits(s[i+1:i+4]) && (i+4 == len(s) || s[i+4] < '0' || s[i+4] > '9'):
			// A thousands separator: exactly three digits follow.
			i++
		default:
			if i == start {
				return 0
			}
			return i
		}
	}
	if i == start {
		return 0
	}
	return i
}

func parseCellNumber(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	return v, err == nil
}

// tabRow reads the cells of a row rendered as "label\tcell\tcell…" (HTML and DOCX tables):
// the fields after the label's own field, to the end of the line.
func tabRow(norm string, labelEnd int) ([]token, bool) {
	eol := strings.IndexByte(norm[labelEnd:], '\n')
	if eol < 0 {
		eol = len(norm) - labelEnd
	}
	line := norm[labelEnd : labelEnd+eol]
	tab := strings.IndexByte(line, '\t')
	if tab < 0 {
		return nil, false
	}
	rest := line[tab+1:]
	var toks []token
	pos := labelEnd + tab + 1
	for {
		f := rest
		j := strings.IndexByte(rest, '\t')
		if j >= 0 {
			f = rest[:j]
		}
		if c, ok := readField(norm, pos, pos+len(f)); ok {
			if toks == nil {
				toks = make([]token, 0, strings.Count(rest, "\t")+1)
			}
			toks = append(toks, token{c: c})
		}
		pos += len(f) + 1
		if j < 0 {
			return toks, true
		}
		rest = rest[j+1:]
	}
}

// textRow reads the cells between two row labels of running text: numbers separated by
// spaces (pdftotext -layout) or run together (crawler text), and "/"-style marks.
func textRow(norm string, from, to int) []token {
	var toks []token
	i := from
	for i < to {
		// Skip page markers line by line.
		if i == from || norm[i-1] == '\n' {
			eol := strings.IndexByte(norm[i:to], '\n')
			if eol < 0 {
				eol = to - i
			}
			if isPageMarker(norm[i : i+eol]) {
				i += eol
				continue
			}
		}
		c := norm[i]
		switch {
		case c >= '0' && c <= '9':
			n := numberPrefix(norm[i:to])
			s := norm[i : i+n]
			if toks == nil {
				toks = make([]token, 0, nCols+1) // a row's worth
			}
			if allDigits(s) {
				toks = append(toks, token{digits: s, c: cell{start: i, end: i + n}})
			} else if v, ok := parseCellNumber(s); ok {
				toks = append(toks, token{c: numCell(v, i, i+n)})
			}
			i += n
		case c == '/' || c == '\\':
			if standalone(norm, i, i+1, from, to) {
				toks = append(toks, token{c: cell{sem: data.SemNA, start: i, end: i + 1}})
			}
			i++
		case c == '-':
			if standalone(norm, i, i+1, from, to) {
				toks = append(toks, token{c: cell{sem: data.SemNA, start: i, end: i + 1}})
			}
			i++
		case c != 0xef && c != 0xe2:
			// Not the first byte of ／ (EF BC 8F), — (E2 80 94) or － (EF BC 8D).
			i++
		default:
			for _, m := range []string{"／", "—", "－"} {
				if strings.HasPrefix(norm[i:to], m) {
					j := i + len(m)
					for strings.HasPrefix(norm[j:to], m) {
						j += len(m)
					}
					if standalone(norm, i, j, from, to) {
						toks = append(toks, token{c: cell{sem: data.SemNA, start: i, end: j}})
					}
					i = j - 1
					break
				}
			}
			i++
		}
	}
	return toks
}

// standalone reports whether norm[s:e] is surrounded by white space or the ends of the
// stretch, so a dash inside a label is not read as a cell.
func standalone(norm string, s, e, from, to int) bool {
	before := s == from || strings.IndexByte(" \t\n\r", norm[s-1]) >= 0
	after := e >= to || strings.IndexByte(" \t\n\r", norm[e]) >= 0
	return before && after
}
