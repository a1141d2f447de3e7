package extract

import "strings"

// multiMatcher finds several patterns in one pass over a text. CJK text defeats
// strings.Index's first-byte search (every character starts with one of a few lead bytes),
// so looking for a few dozen words one by one costs a few dozen slow scans of the text.
// The matcher keeps a bitset of the patterns' first three bytes (for CJK, exactly their
// first character) and compares a pattern in full only where its first character is.
type multiMatcher struct {
	pats  []string
	keys  []uint16
	first [1 << 16 / 64]uint64
}

// newMultiMatcher returns a matcher for pats, which must all be at least three bytes
// long and valid UTF-8.
func newMultiMatcher(pats []string) *multiMatcher {
	m := &multiMatcher{pats: pats, keys: make([]uint16, len(pats))}
	for i, p := range pats {
		k := matchKey(p)
		m.keys[i] = k
		m.first[k/64] |= 1 << (k % 64)
	}
	return m
}

// matchKey folds the first three bytes of s (at least three) into 16 bits: the code point,
// when they encode a three-byte character.
func matchKey(s string) uint16 {
	return uint16(s[0]&0x0f)<<12 | uint16(s[1]&0x3f)<<6 | uint16(s[2]&0x3f)
}

// scan calls visit(i, p) for every offset i of s where pats[p] occurs, in increasing i
// (and p at one offset), overlapping occurrences included.
func (m *multiMatcher) scan(s string, visit func(i, p int)) {
	for i := 0; i+3 <= len(s); {
		c0, c1, c2 := s[i], s[i+1], s[i+2]
		w := 1
		if c0 >= 0xe0 && c0 < 0xf0 && c1&0xc0 == 0x80 && c2&0xc0 == 0x80 {
			// A three-byte character: no pattern starts inside it, since a pattern starts
			// with an ASCII or a leading byte.
			w = 3
		}
		k := uint16(c0&0x0f)<<12 | uint16(c1&0x3f)<<6 | uint16(c2&0x3f) // matchKey
		if m.first[k/64]&(1<<(k%64)) != 0 {
			for p, pk := range m.keys {
				if pk == k && strings.HasPrefix(s[i:], m.pats[p]) {
					visit(i, p)
				}
			}
		}
		i += w
	}
}

// contains reports, for each pattern, whether s contains it.
func (m *multiMatcher) contains(s string) []bool {
	found := make([]bool, len(m.pats))
	m.scan(s, func(_, p int) { found[p] = true })
	return found
}
