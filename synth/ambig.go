package synth

import (
	"strconv"
	"strings"
)

// Run-together cells ("7000007") can be read back only where the digits allow one reading
// under the table's own identities. The labels must not claim more than the text settles,
// so each crawler row is read back here, independently of the extractor, and the keys of a
// row with several readings (or none that is right) are left unlabelled.

// rtok is a piece of a run-together row: a digit run that may hold several cells, or one
// clean cell (a decimal number).
type rtok struct {
	digits string
	clean  bool
	val    float64
}

// rtokens splits a printed row into digit runs and decimals; anything else separates.
func rtokens(s string) []rtok {
	var out []rtok
	for i := 0; i < len(s); {
		if s[i] < '0' || s[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j+1 < len(s) && s[j] == '.' && s[j+1] >= '0' && s[j+1] <= '9' {
			k := j + 1
			for k < len(s) && s[k] >= '0' && s[k] <= '9' {
				k++
			}
			v, _ := strconv.ParseFloat(s[i:k], 64)
			out = append(out, rtok{clean: true, val: v})
			i = k
			continue
		}
		out = append(out, rtok{digits: s[i:j]})
		i = j
	}
	return out
}

// readings returns up to limit+1 distinct ways of reading toks as n cells that accept
// approves. A cell has no leading zero unless it is 0: reports do not print 05.
func readings(toks []rtok, n int, accept func([]float64) bool, limit int) [][]float64 {
	var out [][]float64
	cur := make([]float64, 0, n)
	visits := 0
	var walk func(t int, rest string)
	walk = func(t int, rest string) {
		if len(out) > limit || visits > 1_000_000 {
			return
		}
		visits++
		if rest == "" {
			if t == len(toks) {
				if len(cur) == n && (accept == nil || accept(cur)) {
					out = append(out, append([]float64(nil), cur...))
				}
				return
			}
			if toks[t].clean {
				cur = append(cur, toks[t].val)
				walk(t+1, "")
				cur = cur[:len(cur)-1]
				return
			}
			walk(t+1, toks[t].digits)
			return
		}
		if len(cur) >= n {
			return
		}
		maxLen := len(rest)
		if rest[0] == '0' {
			maxLen = 1
		}
		for l := 1; l <= maxLen && l <= 15; l++ {
			v, _ := strconv.ParseFloat(rest[:l], 64)
			cur = append(cur, v)
			walk(t, rest[l:])
			cur = cur[:len(cur)-1]
		}
	}
	walk(0, "")
	return out
}

// settled reports whether the printed row s reads back to want, and only to want.
func settled(s string, want []float64, accept func([]float64) bool) bool {
	rs := readings(rtokens(s), len(want), accept, 1)
	if len(rs) != 1 {
		return false
	}
	for i := range want {
		if rs[0][i] != want[i] {
			return false
		}
	}
	return true
}

// crawlerUncertain drops the labels of the cells a crawler rendering leaves ambiguous.
func crawlerUncertain(tv *tableVals, st tableStyle, l *labels) {
	if tv.crawl == nil {
		return
	}
	for i, row := range tv.t2 {
		want := make([]float64, len(row.cells))
		for j, c := range row.cells {
			v, err := strconv.ParseFloat(c, 64)
			if err != nil {
				v = -1 // "/" or blank: never settled
			}
			want[j] = v
		}
		if !settled(tv.crawl.t2[i], want, nil) {
			for _, k := range row.keys {
				if k != "" {
					l.drop(k)
					if base, ok := strings.CutSuffix(k, "_made"); ok {
						l.drop(base + "_issued")
					}
				}
			}
		}
	}
	rowSum := func(c []float64) bool {
		if st.totalFirst {
			return c[0] == c[1]+c[2]+c[3]+c[4]+c[5]+c[6]
		}
		return c[6] == c[0]+c[1]+c[2]+c[3]+c[4]+c[5]
	}
	for _, row := range tv.rows {
		cells := rowCells(tv, row.key, st.totalFirst)
		want := make([]float64, 7)
		for j, c := range cells {
			want[j], _ = strconv.ParseFloat(c, 64)
		}
		if settled(tv.crawl.t3[row.key], want, rowSum) {
			continue
		}
		for c := range 7 {
			l.drop(row.key + colSuffix[c])
		}
		for _, g := range groups3 {
			for _, p := range g.parts {
				if p == row.key {
					for c := range 7 {
						l.drop(g.total + colSuffix[c])
					}
				}
			}
		}
	}
	groupSums := func(c []float64) bool {
		for g := 0; g < 15; g += 5 {
			if c[g]+c[g+1]+c[g+2]+c[g+3] != c[g+4] {
				return false
			}
		}
		return true
	}
	want := make([]float64, 15)
	for i := range want {
		want[i] = float64(tv.t4[i])
	}
	if !settled(tv.crawl.t4, want, groupSums) {
		for _, k := range table4Keys {
			l.drop(k)
		}
	}
}
