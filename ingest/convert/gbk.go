package convert

import (
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// decodeGB18030 is decodeWith(b, simplifiedchinese.GB18030, name) for the common case of a
// page made of ASCII and two-byte GBK pairs, which it decodes by table lookup; the
// x/text decoder, which encodes rune by rune through a transformer, cost as much as
// tokenizing the page. Anything else (four-byte sequences, stray bytes) takes the x/text
// path, so the output is the same either way.
//
// valid is gb18030Valid(b), known without a second pass when the table decoded b.
func decodeGB18030(b []byte, name string) (d decoded, valid bool) {
	if out, euro, ok := decodeGBKPairs(b); ok {
		// ASCII and pairs are exactly what gb18030Valid accepts, but for the 0x80 byte.
		return decoded{b: out, charset: name}, !euro
	}
	return decodeWith(b, simplifiedchinese.GB18030, name), gb18030Valid(b)
}

// gbkPairs holds the UTF-8 encoding of every two-byte GBK pair as the GB18030 decoder
// decodes it (U+FFFD for an unassigned pair), packed as length<<24 | bytes, indexed by
// gbkPairIndex.
var gbkPairs = sync.OnceValue(func() []uint32 {
	t := make([]uint32, 0x7e*0xbf)
	dec := simplifiedchinese.GB18030.NewDecoder()
	var dst [8]byte
	for c0 := 0x81; c0 <= 0xfe; c0++ {
		for c1 := 0x40; c1 <= 0xfe; c1++ {
			if c1 == 0x7f {
				continue
			}
			dec.Reset()
			n, nSrc, err := dec.Transform(dst[:], []byte{byte(c0), byte(c1)}, true)
			if err != nil || nSrc != 2 || n == 0 || n > 3 {
				continue // left 0: such a pair takes the x/text path
			}
			v := uint32(n) << 24
			for i := range n {
				v |= uint32(dst[i]) << (8 * (2 - i))
			}
			t[gbkPairIndex(byte(c0), byte(c1))] = v
		}
	}
	return t
})

func gbkPairIndex(c0, c1 byte) int { return int(c0-0x81)*0xbf + int(c1-0x40) }

// decodeGBKPairs decodes b if it holds only ASCII, the euro byte 0x80 and two-byte pairs
// (lead 81–FE, trail 40–7E or 80–FE), reporting whether it met 0x80; ok is false
// otherwise.
func decodeGBKPairs(b []byte) (out []byte, euro, ok bool) {
	t := gbkPairs()
	out = make([]byte, 0, len(b)+len(b)/2+4)
	for i := 0; i < len(b); {
		c0 := b[i]
		if c0 < utf8.RuneSelf {
			// Runs of ASCII (markup) are copied at once.
			j := i + 1
			for j < len(b) && b[j] < utf8.RuneSelf {
				j++
			}
			out = append(out, b[i:j]...)
			i = j
			continue
		}
		if c0 == 0x80 {
			euro = true
			out = append(out, "€"...)
			i++
			continue
		}
		if c0 == 0xff || i+1 >= len(b) {
			return nil, false, false
		}
		c1 := b[i+1]
		if c1 < 0x40 || c1 == 0x7f || c1 == 0xff {
			return nil, false, false
		}
		v := t[gbkPairIndex(c0, c1)]
		switch v >> 24 {
		case 2:
			out = append(out, byte(v>>16), byte(v>>8))
		case 3:
			out = append(out, byte(v>>16), byte(v>>8), byte(v))
		default:
			return nil, false, false
		}
		i += 2
	}
	return out, euro, true
}
