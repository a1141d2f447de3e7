package analytics

import (
	"math/bits"
	"sort"
	"unicode"
)

// Shingling and MinHash for copy-paste detection (内容雷同). Texts are compared on
// k-rune shingles of their letters, Han characters and digits; every digit run becomes
// one '#', so a report copied from last year with new figures still matches, and
// punctuation or layout changes do not hide a copy.

// ShingleK is the shingle length in runes: 8 Han characters are about a short clause,
// long enough that two independent reports rarely share one outside template phrases.
const ShingleK = 8

// canon keeps the runes that carry content and folds digit runs to '#'.
func canon(text string) []rune {
	out := make([]rune, 0, len(text)/3)
	inDigits := false
	for _, r := range text {
		switch {
		case unicode.IsDigit(r):
			if !inDigits {
				out = append(out, '#')
			}
			inDigits = true
			continue
		case unicode.IsLetter(r):
			out = append(out, unicode.ToLower(r))
		}
		inDigits = false
	}
	return out
}

// hashRunes hashes one shingle with 64-bit FNV-1a over the code points: deterministic,
// so signatures are comparable across runs and processes.
func hashRunes(rs []rune) uint64 {
	h := uint64(14695981039346656037)
	for _, r := range rs {
		for v := uint32(r); ; v >>= 8 {
			h ^= uint64(v & 0xff)
			h *= 1099511628211
			if v < 0x100 {
				break
			}
		}
	}
	return h
}

// Shingles returns the distinct shingle hashes of text, sorted.
func Shingles(text string) []uint64 {
	rs := canon(text)
	if len(rs) < ShingleK {
		return nil
	}
	set := make(map[uint64]struct{}, len(rs))
	for i := 0; i+ShingleK <= len(rs); i++ {
		set[hashRunes(rs[i:i+ShingleK])] = struct{}{}
	}
	out := make([]uint64, 0, len(set))
	for h := range set {
		out = append(out, h)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// MinHash makes signatures of n permutations, simulated by n xor-multiply mixes of the
// shingle hash (cheap, and independent enough for Jaccard estimates within ±1/√n).
type MinHash struct{ mix []uint64 }

// NewMinHash returns a MinHash with n permutations; the mixes are derived from a
// fixed sequence so that signatures are stable.
func NewMinHash(n int) *MinHash {
	m := &MinHash{mix: make([]uint64, n)}
	x := uint64(0x9e3779b97f4a7c15)
	for i := range m.mix {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		m.mix[i] = x | 1
	}
	return m
}

// Signature returns the MinHash signature of a shingle set; nil for an empty set.
func (m *MinHash) Signature(shingles []uint64) []uint64 {
	if len(shingles) == 0 {
		return nil
	}
	sig := make([]uint64, len(m.mix))
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	for _, s := range shingles {
		for i, a := range m.mix {
			h := bits.RotateLeft64((s^a)*0xff51afd7ed558ccd, 31) * a
			if h < sig[i] {
				sig[i] = h
			}
		}
	}
	return sig
}

// EstimateJaccard estimates the Jaccard similarity of two sets from their signatures:
// the share of permutations whose minimum agrees.
func EstimateJaccard(a, b []uint64) float64 {
	if len(a) == 0 || len(a) != len(b) {
		return 0
	}
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / float64(len(a))
}

// Passages returns the passages of a (in its original characters) made of shingles
// that b also has, longest first, at most max of them and each at least minRunes
// canonical runes long: the evidence a reviewer reads to judge a copy.
func Passages(a, b string, minRunes, max int) []string {
	return passages(a, b, nil, minRunes, max)
}

// passages is Passages ignoring the shingles ignore says are boilerplate.
func passages(a, b string, ignore func(uint64) bool, minRunes, max int) []string {
	inB := map[uint64]bool{}
	for _, h := range Shingles(b) {
		if ignore == nil || !ignore(h) {
			inB[h] = true
		}
	}
	// canonical runes of a with the byte offset in a where each starts, to cut the
	// original text (digits and punctuation included) at passage boundaries.
	var rs []rune
	var at []int
	inDigits := false
	for i, r := range a {
		switch {
		case unicode.IsDigit(r):
			if !inDigits {
				rs, at = append(rs, '#'), append(at, i)
			}
			inDigits = true
			continue
		case unicode.IsLetter(r):
			rs, at = append(rs, unicode.ToLower(r)), append(at, i)
		}
		inDigits = false
	}
	covered := make([]bool, len(rs))
	for i := 0; i+ShingleK <= len(rs); i++ {
		if inB[hashRunes(rs[i:i+ShingleK])] {
			for j := i; j < i+ShingleK; j++ {
				covered[j] = true
			}
		}
	}
	type span struct{ s, e int } // canonical rune indexes, e exclusive
	var spans []span
	for i := 0; i < len(rs); {
		if !covered[i] {
			i++
			continue
		}
		j := i
		for j < len(rs) && covered[j] {
			j++
		}
		if j-i >= minRunes {
			spans = append(spans, span{i, j})
		}
		i = j
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].e-spans[i].s > spans[j].e-spans[j].s })
	if len(spans) > max {
		spans = spans[:max]
	}
	out := make([]string, len(spans))
	for k, sp := range spans {
		end := len(a)
		if sp.e < len(at) {
			end = at[sp.e]
		}
		out[k] = a[at[sp.s]:end]
	}
	return out
}
