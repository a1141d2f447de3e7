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
	text  string
	idx   []int32 // byte offset of every spanBlock-th character
	valid bool    // text is valid UTF-8 (known once idx is built)
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
		s.index()
	}
	k := c / spanBlock
	if k >= len(s.idx) {
		return 0, false
	}
	b := int(s.idx[k])
	if s.valid {
		// In valid UTF-8 a character starts at every byte that is not a continuation
		// byte (10xxxxxx): no rune needs decoding.
		for range c - k*spanBlock {
			if b >= len(s.text) {
				return 0, false
			}
			b++
			for b < len(s.text) && s.text[b]&0xc0 == 0x80 {
				b++
			}
		}
		return b, true
	}
	for range c - k*spanBlock {
		if b >= len(s.text) {
			return 0, false
		}
		_, size := utf8.DecodeRuneInString(s.text[b:])
		b += size
	}
	return b, true
}

// index samples the byte offset of every spanBlock-th character. Invalid UTF-8 counts a
// character per bad byte, as ranging over a string does, so it is decoded rune by rune;
// valid text, nearly every text, is counted by its lead bytes. Decoding took 3% of an
// ingest's CPU at 10⁵ reports (11 µs a report); BenchmarkTextSpans, a 4,053-character
// text and 369 facts, took 25 µs against 39.
func (s *textSpans) index() {
	s.idx = make([]int32, 0, len(s.text)/(2*spanBlock)+1)
	n := 0
	if s.valid = utf8.ValidString(s.text); s.valid {
		next := 0 // characters before the next sample
		for i := 0; i < len(s.text); i++ {
			if s.text[i]&0xc0 == 0x80 {
				continue
			}
			if next == 0 {
				s.idx = append(s.idx, int32(i))
				next = spanBlock
			}
			next--
			n++
		}
	} else {
		for i := range s.text {
			if n%spanBlock == 0 {
				s.idx = append(s.idx, int32(i))
			}
			n++
		}
	}
	if n%spanBlock == 0 {
		s.idx = append(s.idx, int32(len(s.text)))
	}
}
