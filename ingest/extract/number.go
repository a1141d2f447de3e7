package extract

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// num is a figure read from report text. Start and End are byte offsets of the numeral
// (with its 万/亿 multiplier and any 多/余 suffix); an approximating prefix such as 近 or
// 超过 is not inside the span, so the span is always the figure itself.
type num struct {
	Value  float64
	Approx bool
	Start  int
	End    int
}

// approxPrefixes qualify the figure that follows them. Longest first, since 超过 and 过 or
// 将近 and 近 share suffixes.
var approxPrefixes = []string{"将近", "接近", "大约", "超过", "多达", "约", "近", "逾", "超"}

// parseNumberAt reads the figure starting at byte i of s: ASCII or full-width digits with
// optional thousands separators and decimals, or Chinese numerals (十二, 一百零五, 两万),
// followed by an optional 万/亿 multiplier and an optional 多/余 ("more than"). It reports
// false when no figure starts at i, or when i is inside a longer run of digits (so callers
// can scan byte by byte without reading "013" out of "2013").
func parseNumberAt(s string, i int) (num, bool) {
	if i < 0 || i >= len(s) {
		return num{}, false
	}
	if i > 0 {
		if r, _ := utf8.DecodeLastRuneInString(s[:i]); isDigitRune(r) || r == '.' || isCNDigit(r) || isCNPlace(r) {
			return num{}, false
		}
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	var n num
	var end int
	var ok bool
	switch {
	case isDigitRune(r):
		n.Value, end, ok = parseArabic(s, i)
	case isCNDigit(r) || r == '十':
		n.Value, end, ok = parseChinese(s, i)
	}
	if !ok {
		return num{}, false
	}
	// A multiplier may follow Arabic digits (69.17万) and Chinese numerals that did not
	// consume it already (they do, but 两万 is handled inside parseChinese).
	multiplied := false
	for end < len(s) {
		r, w := utf8.DecodeRuneInString(s[end:])
		if r == '万' || r == '萬' {
			n.Value *= 1e4
		} else if r == '亿' || r == '億' {
			n.Value *= 1e8
		} else {
			break
		}
		multiplied = true
		end += w
	}
	if end < len(s) {
		r, w := utf8.DecodeRuneInString(s[end:])
		if r == '多' || r == '余' || r == '餘' {
			n.Approx = true
			end += w
		}
	}
	// Multiplying a decimal by 万 leaves float noise (69.17 × 1e4 = 691699.999…); figures
	// stated with a multiplier are whole counts at the precision they were written in.
	if multiplied {
		n.Value = math.Round(n.Value)
	}
	for _, p := range approxPrefixes {
		if i >= len(p) && s[i-len(p):i] == p {
			n.Approx = true
			break
		}
	}
	n.Start, n.End = i, end
	return n, true
}

func isDigitRune(r rune) bool { return (r >= '0' && r <= '9') || (r >= '０' && r <= '９') }

func digitVal(r rune) int {
	if r >= '０' && r <= '９' {
		return int(r - '０')
	}
	return int(r - '0')
}

// parseArabic reads digits with separators and a decimal part.
func parseArabic(s string, i int) (float64, int, bool) {
	buf := make([]byte, 0, 16)
	j := i
	for j < len(s) {
		r, w := utf8.DecodeRuneInString(s[j:])
		switch {
		case isDigitRune(r):
			buf = append(buf, byte('0'+digitVal(r)))
			j += w
			continue
		case r == ',' || r == '，':
			// A thousands separator only when exactly three digits follow: "1,234条" but
			// not the list "3,12".
			if len(buf) > 0 && threeDigitsAt(s, j+w) {
				j += w
				continue
			}
		case r == '.' || r == '．':
			if len(buf) > 0 && !containsByte(buf, '.') && j+w < len(s) {
				if r2, _ := utf8.DecodeRuneInString(s[j+w:]); isDigitRune(r2) {
					buf = append(buf, '.')
					j += w
					continue
				}
			}
		}
		break
	}
	if len(buf) == 0 || len(buf) > 15 {
		return 0, j, false
	}
	v, err := strconv.ParseFloat(string(buf), 64)
	if err != nil {
		return 0, j, false
	}
	return v, j, true
}

func containsByte(b []byte, c byte) bool {
	for _, x := range b {
		if x == c {
			return true
		}
	}
	return false
}

func threeDigitsAt(s string, j int) bool {
	n := 0
	for j < len(s) && n < 4 {
		r, w := utf8.DecodeRuneInString(s[j:])
		if !isDigitRune(r) {
			break
		}
		n++
		j += w
	}
	return n == 3
}

func isCNDigit(r rune) bool {
	switch r {
	case '零', '〇', '一', '二', '两', '兩', '三', '四', '五', '六', '七', '八', '九':
		return true
	}
	return false
}

func isCNPlace(r rune) bool {
	switch r {
	case '十', '拾', '百', '佰', '千', '仟':
		return true
	}
	return false
}

func cnDigit(r rune) int {
	switch r {
	case '一':
		return 1
	case '二', '两', '兩':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	}
	return 0
}

// parseChinese reads a Chinese numeral: positional with 十百千 inside 万 and 亿 sections
// (三千五百, 一百零五, 两万), or a plain digit string (二〇一三). It stops before a
// multiplier that no digit precedes, so 万元 after 三 is read by the caller as 3万.
func parseChinese(s string, i int) (float64, int, bool) {
	var total, section, digit float64
	haveDigit, positional, plain := false, false, true
	var plainVal float64
	nDigits := 0
	j := i
	for j < len(s) {
		r, w := utf8.DecodeRuneInString(s[j:])
		switch {
		case isCNDigit(r):
			digit = float64(cnDigit(r))
			haveDigit = true
			plainVal = plainVal*10 + digit
			nDigits++
		case r == '十' || r == '拾':
			if !haveDigit {
				digit = 1
			}
			section += digit * 10
			digit, haveDigit, positional, plain = 0, false, true, false
		case r == '百' || r == '佰':
			if !haveDigit {
				return 0, j, false
			}
			section += digit * 100
			digit, haveDigit, positional, plain = 0, false, true, false
		case r == '千' || r == '仟':
			if !haveDigit {
				return 0, j, false
			}
			section += digit * 1000
			digit, haveDigit, positional, plain = 0, false, true, false
		case r == '万' || r == '萬' || r == '亿' || r == '億':
			if !positional && nDigits != 1 {
				goto done
			}
			mult := 1e4
			if r == '亿' || r == '億' {
				mult = 1e8
				total = (total + section + digit) * mult
			} else {
				total += (section + digit) * mult
			}
			section, digit, haveDigit, positional, plain = 0, 0, false, true, false
		default:
			goto done
		}
		j += w
	}
done:
	if j == i {
		return 0, j, false
	}
	if plain {
		if nDigits == 0 || nDigits > 12 {
			return 0, j, false
		}
		return plainVal, j, true
	}
	return total + section + digit, j, true
}

// formatNum renders a value for check details without a trailing ".0".
func formatNum(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// decodeRune is utf8.DecodeRuneInString with the three-byte characters of CJK text
// decoded inline: the standard function leaves every non-ASCII rune to an out-of-line
// call, and the prose reader steps through every character of a report several times.
// Leads E1–EC and EE–EF with any two continuation bytes are always valid (no overlong
// forms, no surrogates), so the result is the same.
func decodeRune(s string) (rune, int) {
	if len(s) >= 3 {
		c0, c1, c2 := s[0], s[1], s[2]
		if c0 >= 0xe1 && c0 <= 0xef && c0 != 0xed && c1&0xc0 == 0x80 && c2&0xc0 == 0x80 {
			return rune(c0&0x0f)<<12 | rune(c1&0x3f)<<6 | rune(c2&0x3f), 3
		}
	}
	return utf8.DecodeRuneInString(s)
}
