package extract

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
	if out, ok := cleanSplit(toks, n, limit, accept); ok {
		return out, !(len(out) > limit)
	}
	s := &splitter{toks: toks, n: n, accept: accept, prefix: prefix, limit: limit, cur: make([]cell, 0, n+1)}
	s.walk(0)
	return s.out, !s.aborted
}

// cleanSplit is the search's result, without searching, for tokens that are all clean
// cells (a tab-separated row): their one reading if there are n of them and accept takes
// it. ok is false when some token is a digit run.
func cleanSplit(toks []token, n int, limit int, accept func([]cell) bool) ([][]cell, bool) {
	if len(toks) >= maxSplitVisits {
		return nil, false
	}
	for _, tk := range toks {
		if tk.digits != "" {
			return nil, false
		}
	}
	if len(toks) != n {
		return nil, true
	}
	cur := make([]cell, n)
	for i, tk := range toks {
		cur[i] = tk.c
	}
	if accept != nil && !accept(cur) {
		return nil, true
	}
	return [][]cell{cur}, true
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
		s.cur = append(s.cur, numCell(digitsValue(d), at, at+len(d)))
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
		s.cur = append(s.cur, numCell(digitsValue(d[:l]), at, at+l))
		if s.prefix == nil || s.prefix(s.cur) {
			s.parts(t, d[l:], at+l, k-1)
		}
		s.cur = s.cur[:len(s.cur)-1]
	}
}

// digitsValue is strconv.ParseFloat(d, 64) for a run of at most 15 ASCII digits, which
// is an integer below 2⁵³ and so exact either way; the search tries many ways to cut a
// run, and parsing each piece as a float cost most of it.
func digitsValue(d string) float64 {
	n := uint64(0)
	for i := 0; i < len(d); i++ {
		n = n*10 + uint64(d[i]-'0')
	}
	return float64(n)
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
