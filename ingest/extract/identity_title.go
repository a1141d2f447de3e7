package extract

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// idMaxTitleRunes bounds what can be a title: longer pieces are sentences that merely
// mention a report.
const idMaxTitleRunes = 64

// idPrefixBytes returns at most n bytes of s, cut back to a rune boundary.
func idPrefixBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// idSuffixBytes returns at most the last n bytes of s, starting at a rune boundary.
func idSuffixBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}

// idCompact removes all white space: pdftotext output spaces out 2023 年 and wraps titles.
func idCompact(s string) string { return idCompactOf(s, false) }

// idCompactOf is idCompact for s known to be valid UTF-8 when valid is set.
func idCompactOf(s string, valid bool) string {
	i := indexSpace(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	if !valid && !utf8.ValidString(s) {
		// Rebuilt rune by rune, invalid bytes become U+FFFD.
		for _, r := range s {
			if !unicode.IsSpace(r) {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	// Whole runs without white space are copied at once.
	for i >= 0 {
		b.WriteString(s[:i])
		_, w := utf8.DecodeRuneInString(s[i:])
		s = s[i+w:]
		i = indexSpace(s)
	}
	b.WriteString(s)
	return b.String()
}

// indexSpace is strings.IndexFunc(s, unicode.IsSpace) for mostly-CJK text: every non-ASCII
// white space character (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000) starts with one of
// the bytes C2, E1, E2 or E3, which are never inside another character, so the runes
// starting with any other byte are skipped without decoding.
func indexSpace(s string) int {
	for i := 0; i < len(s); i++ {
		switch spaceClass[s[i]] {
		case 1:
			return i
		case 2:
			if r, _ := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
				return i
			}
		}
	}
	return -1
}

// spaceClass is 1 for an ASCII white space byte, 2 for C2, E1, E2 and E3, 0 otherwise.
var spaceClass = func() (t [256]uint8) {
	for c := range utf8.RuneSelf {
		if asciiSpace(byte(c)) {
			t[c] = 1
		}
	}
	t[0xc2], t[0xe1], t[0xe2], t[0xe3] = 2, 2, 2, 2
	return t
}()

// asciiSpace is unicode.IsSpace for an ASCII byte.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// idSegments cuts the head at line breaks, tabs, tags, sentence ends and runs of spaces,
// which titles never span, except that a title may wrap onto the next line.
// valid says whether head is valid UTF-8; the pieces, cut at rune boundaries, are then
// valid too.
//
// It also returns idCompact(head): the pieces and the separators that are not white
// space, in order, are exactly head without its white space, so the whole head need not
// be compacted again. (Invalid UTF-8 compacts differently piece by piece; then head is
// compacted on its own.)
func idSegments(head string, valid bool) ([]idSegment, string) {
	out := make([]idSegment, 0, len(head)/48)
	var compact strings.Builder
	if valid {
		compact.Grow(len(head))
	}
	start := 0
	spaces := 0
	lineStart := true
	flush := func(end int, nl bool) {
		if s := idCompactOf(head[start:end], valid); s != "" {
			compact.WriteString(s)
			out = append(out, idSegment{s: s, newline: nl, line: lineStart && nl})
			lineStart = false
		} else if nl && len(out) > 0 {
			out[len(out)-1].newline = true
		}
		if nl {
			lineStart = true
		}
	}
	// Byte by byte: every separator is an ASCII byte or a three-byte character whose
	// first byte (E3 or EF) never occurs inside another character, so no rune needs
	// decoding.
	for i := 0; i < len(head); i++ {
		c := head[i]
		if c == ' ' {
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
		switch c {
		case '\n', '\r', '\f':
			flush(i, true)
			start = i + 1
		case '\t':
			flush(i, false)
			start = i + 1
		case '<', '>', ';', ',', '|':
			flush(i, false)
			compact.WriteByte(c)
			start = i + 1
		case 0xe3, 0xef:
			if sep := head[i:min(len(head), i+3)]; sep == "。" || sep == "；" || sep == "，" || sep == "！" || sep == "？" {
				flush(i, false)
				compact.WriteString(sep)
				start = i + 3
				i += 2
			}
		}
	}
	flush(len(head), true)
	if !valid {
		return out, idCompactOf(head, false)
	}
	return out, compact.String()
}

// idFindTitles returns the title candidates of the head in document order, a metadata
// title first.
func idFindTitles(metaTitle string, segs []idSegment) []idTitleCand {
	var out []idTitleCand
	if metaTitle != "" {
		if t, ok := idParseTitle(idCompact(metaTitle)); ok {
			t.explicit = true
			out = append(out, t)
		}
	}
	for i, sg := range segs {
		s := sg.s
		explicit := false
		if l, rest, ok := idLabelled(s); ok && (l == "标题" || l == "名称" || l == "题名" || l == "文件名称") {
			s, explicit = rest, true
		}
		t, ok := idParseTitle(s)
		if ok && !t.report && !explicit && (!sg.line || !strings.Contains(s, "公开")) {
			// Clauses end in 规定 or 意见 all the time, and site chrome in 反馈意见: a
			// page of another kind about disclosure work shows its kind in a title
			// line of its own that names 公开.
			ok = false
		}
		// A title wrapped over two lines (琼中…2014年政府信息 / 公开工作总结).
		if (!ok || (t.report && t.organ == "")) && sg.newline && i+1 < len(segs) && idStartsTitle(s) {
			if joined := s + segs[i+1].s; utf8.RuneCountInString(joined) <= idMaxTitleRunes {
				if tj, okj := idParseTitle(joined); okj && tj.report && (!ok || tj.organ != "") {
					t, ok = tj, true
				}
			}
		}
		if !ok {
			continue
		}
		// The organ alone on the line above the title (洪泽区人民政府 / 2023年…年度报告).
		if t.report && t.organ == "" && i > 0 && segs[i-1].newline && idIsOrganName(segs[i-1].s) {
			t.organ = segs[i-1].s
		}
		t.explicit = explicit
		out = append(out, t)
	}
	return out
}

// idStartsTitle reports whether a line can be the first part of a wrapped title: it
// names the year or the organ. Cheap tests first; this runs for every line of the head.
func idStartsTitle(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > idMaxTitleRunes {
		return false
	}
	return idIsOrganNameN(s, n) || (strings.Contains(s, "年") && idYearRe.MatchString(s))
}

// idLabelled splits "标题:…" into its label and value.
func idLabelled(s string) (string, string, bool) {
	// Only a colon within the first 15 bytes makes a label, so only those are searched:
	// strings.IndexAny with a non-ASCII set decodes every rune of a long segment.
	i := indexColon(s[:min(len(s), 15+len("："))])
	if i <= 0 || i > 15 {
		return "", "", false
	}
	_, w := utf8.DecodeRuneInString(s[i:])
	return s[:i], s[i+w:], true
}

// indexColon is strings.IndexAny(s, ":：") without decoding runes: in UTF-8 the bytes of
// "：" cannot begin inside another character, valid or not, so a byte search finds the
// same first colon.
func indexColon(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ':':
			return i
		case 0xef: // "：" is EF BC 9A
			if i+2 < len(s) && s[i+1] == 0xbc && s[i+2] == 0x9a {
				return i
			}
		}
	}
	return -1
}

// idParseTitle reads a whitespace-free piece of text as a title.
func idParseTitle(s string) (idTitleCand, bool) {
	n := utf8.RuneCountInString(s)
	if n > idMaxTitleRunes {
		// Crawler text runs the title into the first sentence (…年度报告根据《条例》…):
		// a report title that ends within the first line's worth of characters is kept.
		return idRunOnTitle(s)
	}
	if n < 5 {
		return idTitleCand{}, false
	}
	if t, ok := idParseReportTitle(s); ok {
		return t, true
	}
	return idParseOtherTitle(s)
}

// idRunOnTitle reads a report title at the start of a long run of text.
func idRunOnTitle(s string) (idTitleCand, bool) {
	head := idPrefixBytes(s, idMaxTitleRunes*utf8.UTFMax)
	if !strings.Contains(head, "公开") {
		// idParseReportTitle would refuse whatever ends at a kind: no search for them.
		return idTitleCand{}, false
	}
	start, end := -1, -1
	for _, kind := range idReportKinds {
		// The first kind named, in its longest form (年度报告 over 年度报).
		if j := strings.Index(head, kind); j >= 0 && (start < 0 || j < start || j == start && j+len(kind) > end) {
			start, end = j, j+len(kind)
		}
	}
	if end < 0 {
		return idTitleCand{}, false
	}
	t, ok := idParseReportTitle(head[:end])
	if !ok || !t.report || t.year == 0 {
		return idTitleCand{}, false
	}
	// …年度报告编制工作的通知: the words right after the kind still make it a notice.
	after := idPrefixBytes(s[end:], 12*3) // twelve characters
	for _, nk := range idNonReportKinds {
		if strings.Contains(after, nk.word) {
			t.report, t.why = false, nk.why
			break
		}
	}
	return t, true
}

func idParseReportTitle(s string) (idTitleCand, bool) {
	if !strings.Contains(s, "公开") {
		// Most pieces of the head name neither subject: one search instead of two.
		return idTitleCand{}, false
	}
	subj := strings.Index(s, "信息公开")
	if subj < 0 {
		subj = strings.Index(s, "政务公开")
	}
	if subj < 0 {
		return idTitleCand{}, false
	}
	k, kw := -1, ""
	for _, kind := range idReportKinds {
		if j := strings.Index(s[subj:], kind); j >= 0 && (k < 0 || subj+j < k) {
			k, kw = subj+j, kind
		}
	}
	if k < 0 {
		return idTitleCand{}, false
	}
	prefix, suffix := s[:k], s[k+len(kw):]
	if strings.LastIndex(prefix, "《") > strings.LastIndex(prefix, "》") {
		return idTitleCand{}, false // the name of another document, quoted
	}
	t := idTitleCand{text: s, report: true}
	// What a title adds after its kind is short (编制工作的通知, （2014年度）); a crawler
	// rendering that runs the title into the body must not lend it the body's words.
	tail := idPrefixBytes(suffix, 12*3) // twelve characters
	for _, nk := range idNonReportKinds {
		// 关于做好2014年政府信息公开工作年度报告编制工作的通知 is a notice.
		if strings.Contains(tail, nk.word) {
			t.report, t.why = false, nk.why
			break
		}
	}
	loc := idYearRe.FindStringSubmatchIndex(prefix)
	if loc != nil {
		t.year, _ = strconv.Atoi(prefix[loc[2]:loc[3]])
		t.organ = idCleanOrgan(prefix[:loc[2]])
		if t.organ == "" {
			rest := strings.TrimPrefix(prefix[loc[3]+len("年"):], "度")
			if j := strings.Index(rest, "政府信息公开"); j >= 0 {
				rest = rest[:j]
			} else if j := strings.Index(rest, "政务公开"); j >= 0 {
				rest = rest[:j]
			} else if j := strings.Index(rest, "信息公开"); j >= 0 {
				rest = rest[:j]
			}
			t.organ = idCleanOrgan(rest)
		}
	} else if m := idYearRe.FindStringSubmatch(idPrefixBytes(suffix, 24)); m != nil {
		// 政府信息公开工作年度报告（2014年度）
		t.year, _ = strconv.Atoi(m[1])
		t.organ = idCleanOrgan(strings.TrimSuffix(prefix[:subj], "政府"))
	}
	if t.year == 0 && t.report {
		// A nav link or column name (政府信息公开年报) names no year; it is no title.
		return idTitleCand{}, false
	}
	return t, true
}

// idParseOtherTitle recognises the title of a page of another kind by how it ends.
func idParseOtherTitle(s string) (idTitleCand, bool) {
	if _, rest, ok := idLabelled(s); ok {
		s = rest
	}
	// Nearly every piece of the head ends in something else: its last character rules it
	// out before the trimming and the suffix tests.
	trim := func(r rune) bool {
		return unicode.IsPunct(r) || unicode.IsDigit(r) || r == '年' || r == '月' || r == '日'
	}
	end := s
	if r, _ := utf8.DecodeLastRuneInString(s); trim(r) {
		end = strings.TrimRightFunc(s, trim)
	}
	if r, _ := utf8.DecodeLastRuneInString(end); !idNonReportEnd(r) {
		return idTitleCand{}, false
	}
	for _, nk := range idNonReportKinds {
		if !strings.HasSuffix(end, nk.word) {
			continue
		}
		// Column names (政府信息公开指南) are site chrome, not a page's title.
		core := strings.TrimSuffix(end, nk.word)
		for _, p := range []string{"政府信息公开", "政务公开", "信息公开", "政府"} {
			core = strings.TrimPrefix(core, p)
		}
		if utf8.RuneCountInString(core) < 3 {
			return idTitleCand{}, false
		}
		t := idTitleCand{text: s, why: nk.why}
		if m := idYearRe.FindStringSubmatch(s); m != nil {
			t.year, _ = strconv.Atoi(m[1])
		}
		return t, true
	}
	return idTitleCand{}, false
}

// idCleanOrgan strips the verbs and labels that precede an organ name inside a sentence
// (现公布湖南省人民政府2015年…) and rejects what cannot be a name.
func idCleanOrgan(s string) string {
	if _, rest, ok := idLabelled(s); ok {
		s = rest
	}
	for _, p := range []string{"特向社会公布", "特向社会公开", "向社会公布", "现予公布", "现公布", "现公开", "现将", "公布", "编写", "编制", "关于", "印发", "发布"} {
		if i := strings.LastIndex(s, p); i >= 0 {
			s = s[i+len(p):]
		}
	}
	s = strings.Trim(s, "《》“”\"'【】[]、-—· |")
	// 我局, 本单位: the report speaks of itself; the name is elsewhere.
	if strings.HasPrefix(s, "我") || strings.HasPrefix(s, "本") || !idIsOrganName(s) {
		return ""
	}
	return s
}

// idIsOrganName reports whether s can be an organ's name as written.
func idIsOrganName(s string) bool { return idIsOrganNameN(s, utf8.RuneCountInString(s)) }

// idIsOrganNameN is idIsOrganName for s of n runes.
func idIsOrganNameN(s string, n int) bool {
	if n < 2 || n > 40 {
		return false
	}
	// No digits or separators, and no Latin letters: mirror sites put advertisements
	// where the organ's name was ("[mirror-injected text]"), and a name with Latin
	// letters in it (but the XX of a template) is not a name. One pass over the bytes,
	// the way strings.ContainsAny(s, "0123456789，。、：:；;！？|[]") would find them without
	// decoding every rune: the UTF-8 bytes of a character never begin inside another.
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < utf8.RuneSelf:
			if c >= '0' && c <= '9' || c == ':' || c == ';' || c == '|' || c == '[' || c == ']' ||
				c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' && c != 'X' {
				return false
			}
		case c == 0xef: // ，：；！？ are EF BC 8C, 9A, 9B, 81, 9F
			if i+2 < len(s) && s[i+1] == 0xbc {
				switch s[i+2] {
				case 0x8c, 0x9a, 0x9b, 0x81, 0x9f:
					return false
				}
			}
		case c == 0xe3: // 。、 are E3 80 82, 81
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0x82 || s[i+2] == 0x81) {
				return false
			}
		}
	}
	// 人力资源社会保障部(含国家公务员局): judge the name before the note.
	if strings.HasSuffix(s, ")") || strings.HasSuffix(s, "）") {
		if i := strings.IndexAny(s, "(（"); i > 0 {
			s = s[:i]
		}
	}
	for _, suf := range idOrganSuffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

var idOrganSuffixes = []string{
	"政府", "办公室", "办公厅", "局", "委员会", "委", "厅", "部", "办", "管委会", "办事处",
	"中心", "署", "院", "所", "站", "馆", "会", "省", "市", "县", "区", "旗", "州", "镇", "乡", "街道",
}
