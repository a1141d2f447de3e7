package extract

import "strconv"

// maxSplitVisits bounds the search for ways to split run-together digits, so a hostile or
// garbled row costs microseconds, not minutes; a search cut short counts as ambiguous.
const maxSplitVisits = 200000

// splitter enumerates the ways of reading a row's tokens as exactly n cells. A digit run
// may hold several cells; a part may not have a leading zero unless it is "0", which is how
// the identities of the template leave, in practice, one reading.
type splitter struct {
	toks   []token
	n      int
	accept func([]cell) bool
	// prefix, when set, rejects a partial reading early, so a long run of digits is
	// searched along the readings that can still satisfy the identities.
	prefix func([]cell) bool
	limit  int

	cur     []cell
	out     [][]cell
	visits  int
	aborted bool
}

// splits returns the readings of toks as n cells that accept approves, and whether the
// search was complete. A row whose tokens are already n clean cells has one reading.
func splits(toks []token, n int, limit int, accept func([]cell) bool) ([][]cell, bool) {
	return splitsPruned(toks, n, limit, accept, nil)
}

// splitsPruned is splits with a test of partial readings.
func splitsPruned(toks []token, n int, limit int, accept, prefix func([]cell) bool) ([][]cell, bool) {
	s := &splitter{toks: toks, n: n, accept: accept, prefix: prefix, limit: limit}
	s.walk(0)
	return s.out, !s.aborted
}

func (s *splitter) walk(t int) {
	if s.aborted {
		return
	}
	if s.visits++; s.visits > maxSplitVisits {
		s.aborted = true
		return
	}
	left := s.n - len(s.cur)
	if t == len(s.toks) {
		if left == 0 && (s.accept == nil || s.accept(s.cur)) {
			s.out = append(s.out, append([]cell(nil), s.cur...))
			if len(s.out) > s.limit {
				s.aborted = true
			}
		}
		return
	}
	rest := len(s.toks) - t - 1 // every later token gives at least one cell
	tk := s.toks[t]
	if tk.digits == "" {
		if left-1 < rest {
			return
		}
		s.cur = append(s.cur, tk.c)
		s.walk(t + 1)
		s.cur = s.cur[:len(s.cur)-1]
		return
	}
	for k := 1; k <= len(tk.digits) && k <= left-rest; k++ {
		s.parts(t, tk.digits, tk.c.start, k)
	}
}

// parts splits d (starting at Norm offset at) into k numbers, then continues with token t+1.
func (s *splitter) parts(t int, d string, at int, k int) {
	if s.aborted {
		return
	}
	if k == 1 {
		if len(d) > 1 && d[0] == '0' || len(d) > 15 {
			return
		}
		v, _ := strconv.ParseFloat(d, 64)
		s.cur = append(s.cur, numCell(v, at, at+len(d)))
		if s.prefix == nil || s.prefix(s.cur) {
			s.walk(t + 1)
		}
		s.cur = s.cur[:len(s.cur)-1]
		return
	}
	maxLen := len(d) - (k - 1)
	if d[0] == '0' {
		maxLen = 1
	}
	for l := 1; l <= maxLen && l <= 15; l++ {
		if s.visits++; s.visits > maxSplitVisits {
			s.aborted = true
			return
		}
		v, _ := strconv.ParseFloat(d[:l], 64)
		s.cur = append(s.cur, numCell(v, at, at+l))
		if s.prefix == nil || s.prefix(s.cur) {
			s.parts(t, d[l:], at+l, k-1)
		}
		s.cur = s.cur[:len(s.cur)-1]
	}
}

// agree returns, for each position, the cell all readings share, or an unread cell where
// they differ.
func agree(cands [][]cell, n int) []cell {
	out := make([]cell, n)
	if len(cands) == 0 {
		return out
	}
	copy(out, cands[0])
	for _, c := range cands[1:] {
		for i := range out {
			if out[i].sem != "" && (c[i].sem != out[i].sem || c[i].val != out[i].val) {
				out[i] = cell{}
			}
		}
	}
	return out
}
