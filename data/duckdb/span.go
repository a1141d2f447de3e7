package duckdb

import "unicode/utf8"

// spanBlock is the sampling step, in characters, of textSpans' index: a lookup walks at
// most this many runes.
const spanBlock = 64

// textSpans says whether a fact's evidence is its report's text from the fact's offset
// on (migrations 014, 015), so that only where it lies in the text is stored. It indexes
// the text's characters on first use: most texts have facts, and their offsets count
// characters where Go slices bytes.
type textSpans struct {
	text string
	idx  []int32 // byte offset of every spanBlock-th character
}

func newTextSpans(text string) *textSpans { return &textSpans{text: text} }

// at returns the byte offset in the text of evidence ev at character offset off, and
// whether ev is the text there (its length in bytes is len(ev)). Empty evidence is never
// a span: it is stored as NULL.
func (s *textSpans) at(ev string, off int) (int, bool) {
	if ev == "" || off < 0 || len(ev) > len(s.text) {
		return 0, false
	}
	b, ok := s.byteAt(off)
	if !ok || len(s.text)-b < len(ev) || s.text[b:b+len(ev)] != ev {
		return 0, false
	}
	return b, true
}

// byteAt returns the byte offset of character c of the text (the text's length for c
// equal to its character count), and false past that.
func (s *textSpans) byteAt(c int) (int, bool) {
	if s.idx == nil {
		s.idx = make([]int32, 0, len(s.text)/(2*spanBlock)+1)
		n := 0
		for i := range s.text {
			if n%spanBlock == 0 {
				s.idx = append(s.idx, int32(i))
			}
			n++
		}
		if n%spanBlock == 0 {
			s.idx = append(s.idx, int32(len(s.text)))
		}
	}
	k := c / spanBlock
	if k >= len(s.idx) {
		return 0, false
	}
	b := int(s.idx[k])
	for range c - k*spanBlock {
		if b >= len(s.text) {
			return 0, false
		}
		_, size := utf8.DecodeRuneInString(s.text[b:])
		b += size
	}
	return b, true
}
