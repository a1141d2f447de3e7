package convert

import "bytes"

// Attribute names readAttrs looks at, as bits for rawAttrs's first-occurrence rule.
const (
	attrColspan = 1 << iota
	attrRowspan
	attrID
	attrClass
	attrAlign
	attrStyle
)

// rawAttrs is readAttrs reading the start tag's raw bytes ("<name …>", as the tokenizer's
// Raw returns them) instead of calling TagAttr, which copies every key and value to the
// heap. It splits the tag the way the tokenizer does (its readTag, readTagAttrKey and
// readTagAttrVal, mirrored step by step) and, as the tokenizer, keeps only the first of
// attributes with the same name. ok is false when a value that matters holds '&', '\r' or
// NUL, which TagAttr would unescape or replace; the caller then reads it through TagAttr.
func rawAttrs(raw []byte, buf *[256]byte) (t tagAttrs, ok bool) {
	t = tagAttrs{colspan: 1, rowspan: 1}
	seen := 0
	i := 2 // "<" and the first letter of the name
	// The name ends at white space (consumed) or at '/' or '>' (not consumed).
	for i < len(raw) {
		c := raw[i]
		if c == '/' || c == '>' {
			break
		}
		i++
		if isTagSpace(c) {
			break
		}
	}
	i = skipTagSpace(raw, i)
	for i < len(raw) && raw[i] != '>' {
		// The key: up to white space, '/', '>' or an '=' that is not its first byte.
		ks := i
		for i < len(raw) {
			c := raw[i]
			if c == '=' && i == ks || !(c == '=' || isTagSpace(c) || c == '/' || c == '>') {
				i++
				continue
			}
			break
		}
		key := raw[ks:i]
		// The value.
		var val []byte
		i = skipTagSpace(raw, i)
		if i < len(raw) {
			switch raw[i] {
			case '/':
				i++
			case '=':
				i = skipTagSpace(raw, i+1)
				if i < len(raw) {
					switch q := raw[i]; q {
					case '>':
					case '\'', '"':
						vs := i + 1
						j := bytes.IndexByte(raw[vs:], q)
						if j < 0 {
							val, i = raw[vs:], len(raw)
						} else {
							val, i = raw[vs:vs+j], vs+j+1
						}
					default:
						vs := i
						i++
						for i < len(raw) && !isTagSpace(raw[i]) && raw[i] != '>' {
							i++
						}
						val = raw[vs:i]
						if i < len(raw) && raw[i] != '>' {
							i++ // the white space ending the value is consumed
						}
					}
				}
			}
		}
		i = skipTagSpace(raw, i)
		bit := attrBit(key)
		if bit == 0 || seen&bit != 0 {
			continue
		}
		seen |= bit
		for _, c := range val {
			if c == '&' || c == '\r' || c == 0 {
				return t, false
			}
		}
		t.set(bit, val, buf)
	}
	return t, true
}

func isTagSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' }

func skipTagSpace(raw []byte, i int) int {
	for i < len(raw) && isTagSpace(raw[i]) {
		i++
	}
	return i
}

// attrBit returns the bit of an attribute name readAttrs looks at, ignoring ASCII case,
// or 0.
func attrBit(key []byte) int {
	switch len(key) {
	case 2:
		if foldIs(key, "id") {
			return attrID
		}
	case 5:
		switch key[0] | 0x20 {
		case 'c':
			if foldIs(key, "class") {
				return attrClass
			}
		case 'a':
			if foldIs(key, "align") {
				return attrAlign
			}
		case 's':
			if foldIs(key, "style") {
				return attrStyle
			}
		}
	case 7:
		if foldIs(key, "colspan") {
			return attrColspan
		}
		if foldIs(key, "rowspan") {
			return attrRowspan
		}
	}
	return 0
}

// foldIs reports whether key, ASCII letters lower-cased, is name (lower case, as long as
// key).
func foldIs(key []byte, name string) bool {
	for i, c := range key {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != name[i] {
			return false
		}
	}
	return true
}
