package extract

import (
	"math/rand"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// The byte-level scanners of identification and the prose reader stand in for plainer
// code (a regexp, strings.IndexAny, a range loop). These tests hold them to the plain
// versions on hand-picked cases and on random strings built from the bytes that matter,
// invalid UTF-8 included.

// randomText joins n pieces drawn from alphabet.
func randomText(r *rand.Rand, alphabet []string, n int) string {
	var b strings.Builder
	for range r.Intn(n + 1) {
		b.WriteString(alphabet[r.Intn(len(alphabet))])
	}
	return b.String()
}

// cnDateRe is the pattern idLastCnDate matches.
var cnDateRe = regexp.MustCompile(`((?:19|20)[0-9]{2})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日`)

func TestIdLastCnDate(t *testing.T) {
	want := func(s string) []int {
		locs := cnDateRe.FindAllStringSubmatchIndex(s, -1)
		if len(locs) == 0 {
			return nil
		}
		return locs[len(locs)-1]
	}
	tests := []struct{ name, in string }{
		{"none", "县政府办公室"},
		{"signature", "某某县人民政府办公室\n2014年3月25日"},
		{"spaced", "2014 年 3 月 25 日"},
		{"last of two", "于2013年1月2日召开。2014年12月10日"},
		{"three-digit day", "2014年3月125日"},
		{"year inside a longer number", "120141年3月2日 2014年3月2日"},
		{"not 19 or 20", "2114年3月2日"},
		{"vertical tab is no \\s", "2014\v年3月2日"},
		{"cut short", "2014年3月"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got, w := idLastCnDate(tc.in), want(tc.in); !reflect.DeepEqual(got, w) {
				t.Errorf("idLastCnDate(%q) = %v, want %v", tc.in, got, w)
			}
		})
	}
	t.Run("random", func(t *testing.T) {
		alphabet := []string{"年", "月", "日", "1", "2", "0", "9", "19", "20", "201", " ", "\t", "\v", "\n", "\xe5", "\xe5\xb9", "x", "３", "2019年", "12月", "3日"}
		r := rand.New(rand.NewSource(1))
		for range 200000 {
			s := randomText(r, alphabet, 16)
			if got, w := idLastCnDate(s), want(s); !reflect.DeepEqual(got, w) {
				t.Fatalf("idLastCnDate(%q) = %v, want %v", s, got, w)
			}
		}
	})
}

// plainIsOrganName is idIsOrganName as first written.
func plainIsOrganName(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 40 {
		return false
	}
	if strings.ContainsAny(s, "0123456789，。、：:；;！？|[]") {
		return false
	}
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' && r != 'X' {
			return false
		}
	}
	if i := strings.IndexAny(s, "(（"); i > 0 && (strings.HasSuffix(s, ")") || strings.HasSuffix(s, "）")) {
		s = s[:i]
	}
	for _, suf := range idOrganSuffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

func TestIdIsOrganNameAndColon(t *testing.T) {
	tests := []struct{ name, in string }{
		{"organ", "广元市利州区人民政府办公室"},
		{"with a note", "人力资源社会保障部(含国家公务员局)"},
		{"template XX", "XX市人民政府"},
		{"latin", "abc市政府"},
		{"digit", "2014年县政府"},
		{"full-width comma", "县政府，办公室"},
		{"colon", "发布机构：县政府"},
		{"ideographic comma", "县、区政府"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got, want := idIsOrganName(tc.in), plainIsOrganName(tc.in); got != want {
				t.Errorf("idIsOrganName(%q) = %v, want %v", tc.in, got, want)
			}
			if got, want := indexColon(tc.in), strings.IndexAny(tc.in, ":："); got != want {
				t.Errorf("indexColon(%q) = %d, want %d", tc.in, got, want)
			}
		})
	}
	t.Run("random", func(t *testing.T) {
		alphabet := []string{"局", "政府", "0", "9", "a", "X", "Y", "，", "。", "、", "：", ":", "；", ";", "！", "？", "|", "[", "]", "(", "（", ")", "）", "\xef", "\xbc", "\x9a", "\xe3", "\x80", "\x82", "市", "办", " ", "\xef\xbc", "\xe3\x80", "\xff"}
		r := rand.New(rand.NewSource(2))
		for range 300000 {
			s := randomText(r, alphabet, 12)
			if got, want := idIsOrganName(s), plainIsOrganName(s); got != want {
				t.Fatalf("idIsOrganName(%q) = %v, want %v", s, got, want)
			}
			if got, want := indexColon(s), strings.IndexAny(s, ":："); got != want {
				t.Fatalf("indexColon(%q) = %d, want %d", s, got, want)
			}
		}
	})
}

// plainSegments is idSegments as first written, decoding every rune.
func plainSegments(head string, valid bool) []idSegment {
	var out []idSegment
	start, spaces, lineStart := 0, 0, true
	flush := func(end int, nl bool) {
		if s := idCompactOf(head[start:end], valid); s != "" {
			out = append(out, idSegment{s: s, newline: nl, line: lineStart && nl})
			lineStart = false
		} else if nl && len(out) > 0 {
			out[len(out)-1].newline = true
		}
		if nl {
			lineStart = true
		}
	}
	for i, r := range head {
		if r == ' ' {
			spaces++
			if spaces == 2 {
				flush(i-1, false)
				start = i + 1
			} else if spaces > 2 {
				start = i + 1
			}
			continue
		}
		spaces = 0
		switch r {
		case '\n', '\r', '\f':
			flush(i, true)
			start = i + 1
		case '\t', '<', '>', '。', '；', ';', '，', ',', '！', '？', '|':
			flush(i, false)
			start = i + utf8.RuneLen(r)
		}
	}
	flush(len(head), true)
	return out
}

func TestIdSegments(t *testing.T) {
	tests := []struct{ name, in string }{
		{"title and body", "某县人民政府\n2014年政府信息公开工作年度报告\n根据《条例》，现将。"},
		{"runs of spaces", "索引号  001   发布机构 县政府"},
		{"full-width separators", "一、概述；二、主动公开！三？"},
		{"invalid bytes", "县\xe3\x80政府\xef\xbc，办公室"},
	}
	check := func(t *testing.T, s string) {
		v := utf8.ValidString(s)
		got, compact := idSegments(s, v)
		want := plainSegments(s, v)
		if len(got) != 0 || len(want) != 0 {
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("idSegments(%q) = %v, want %v", s, got, want)
			}
		}
		if wantCompact := idCompact(s); compact != wantCompact {
			t.Fatalf("idSegments(%q) compacts to %q, want %q", s, compact, wantCompact)
		}
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { check(t, tc.in) })
	}
	t.Run("random", func(t *testing.T) {
		alphabet := []string{" ", "  ", "\n", "\r", "\f", "\t", "<", ">", "。", "；", ";", "，", ",", "！", "？", "|", "政府", "a", "\xe3", "\xef", "\xe3\x80", "\xef\xbc", "\x82", "\u3000", "\v", "\u00a0", "\u2028", "年"}
		r := rand.New(rand.NewSource(3))
		for range 200000 {
			check(t, randomText(r, alphabet, 20))
		}
	})
}

func TestDecodeRune(t *testing.T) {
	bytes := []byte{0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xe1, 0xe3, 0xe4, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf4, 0xff}
	for c0 := range 256 {
		for _, c1 := range bytes {
			for _, c2 := range bytes {
				b := []byte{byte(c0), c1, c2, 0x80}
				for n := 1; n <= len(b); n++ {
					s := string(b[:n])
					r1, w1 := decodeRune(s)
					r2, w2 := utf8.DecodeRuneInString(s)
					if r1 != r2 || w1 != w2 {
						t.Fatalf("decodeRune(%x) = %U %d, want %U %d", s, r1, w1, r2, w2)
					}
				}
			}
		}
	}
}
