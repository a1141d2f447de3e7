package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"nianbao/data"
)

// Scopes and sections: which part of a region a figure is about, and which section of
// the report it stands in.

var (
	wholeMarks = []string{"全市", "全县", "全区", "全省", "全州", "全旗", "全盟", "全镇", "全乡", "全街道", "全自治区"}
	ownMarks   = []string{"市本级", "县本级", "区本级", "省本级", "州本级", "旗本级", "镇本级", "乡本级", "盟本级"}
	subMarks   = []string{"县(市、区)级", "县（市、区）级", "县(市、区)", "县（市、区）", "县(区)级", "县（区）级",
		"县(市)级", "县（市）级", "县市区级", "区县级", "县区级", "各县(市、区)", "各县（市、区）", "乡镇级", "各乡镇", "各乡(镇)", "各乡（镇）"}
)

// scopeAt names the scope of a figure at pos from the markers before it in its sentence:
// the latest of 全市 (whole), 市本级 (own) or a sub-unit (县(市、区)级, or a county named
// right before the figure). Markers joined by 和/及/与 (市本级和县(市、区)都没有…) together
// mean the whole.
func (p *proseReader) scopeAt(pos int) string {
	s := p.s
	if name := placeBefore(s, p.sentStart, pos); name != "" {
		return name
	}
	sp := s[p.sentStart:pos]
	if !containsAny(sp, "全", "本级", "县", "乡") {
		return data.ScopeWhole
	}
	best, bestLen, scope := -1, 0, "whole"
	try := func(marks []string, sc string) {
		for _, m := range marks {
			i := strings.LastIndex(sp, m)
			if i < 0 || i < best || (i == best && len(m) <= bestLen) {
				continue
			}
			if conjAround(sp, i, i+len(m)) {
				continue
			}
			best, bestLen = i, len(m)
			if sc == "" {
				scope = strings.TrimPrefix(m, "各")
			} else {
				scope = sc
			}
		}
	}
	try(wholeMarks, "whole")
	try(ownMarks, "own")
	try(subMarks, "")
	return scope
}

func conjAround(s string, i, j int) bool {
	for _, c := range []string{"和", "及", "与", "、"} {
		if strings.HasPrefix(s[j:], c) || strings.HasSuffix(s[:i], c) {
			return true
		}
	}
	return false
}

// placeBefore returns a county/district name written right before a figure after a list
// separator (…(章贡区6件、上犹县6件…).
func placeBefore(s string, start, pos int) string {
	i := pos
	n := 0
	for i > start && n < 7 {
		r, w := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.Is(unicode.Han, r) {
			break
		}
		i -= w
		n++
	}
	if n < 2 || n > 6 || i <= start {
		return ""
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	if !strings.ContainsRune("、(（,，：:", prev) {
		return ""
	}
	name := s[i:pos]
	last, _ := utf8.DecodeLastRuneInString(name)
	first, _ := utf8.DecodeRuneInString(name)
	if !strings.ContainsRune("县区市旗", last) || strings.ContainsRune("我本全该各其共市县区", first) {
		return ""
	}
	return name
}

// findProactiveSections records the sections whose heading names 主动公开.
func (p *proseReader) findProactiveSections() {
	s := p.s
	type head struct{ pos, level int }
	var heads []head
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == '、' {
			if start := headingNumeralBefore(s, i); start >= 0 {
				heads = append(heads, head{start, 1})
			}
		} else if r == '(' || r == '（' {
			if j := closeParenNumeral(s, i+w); j > 0 {
				heads = append(heads, head{i, 2})
			}
		}
		i += w
	}
	for k, h := range heads {
		text := headingText(s, h.pos)
		if !strings.Contains(text, "主动公开") {
			continue
		}
		end := len(s)
		for _, h2 := range heads[k+1:] {
			if h2.level <= h.level {
				end = h2.pos
				break
			}
		}
		p.proactive = append(p.proactive, [2]int{h.pos, end})
	}
}

// headingNumeralBefore returns where the top-level heading number closed by the 、 at i
// starts (三、, 十一、) when it starts a line or follows a sentence, else -1.
func headingNumeralBefore(s string, i int) int {
	j := i
	n := 0
	for j > 0 && n < 3 {
		r, w := utf8.DecodeLastRuneInString(s[:j])
		if !isCNDigit(r) && r != '十' {
			break
		}
		j -= w
		n++
	}
	if n == 0 || n > 2 {
		return -1
	}
	if j == 0 {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(s[:j])
	if strings.ContainsRune("\n\r \t。；;：:）)>", r) {
		return j
	}
	return -1
}

func closeParenNumeral(s string, j int) int {
	n := 0
	for j < len(s) && n < 3 {
		r, w := utf8.DecodeRuneInString(s[j:])
		if r == ')' || r == '）' {
			if n > 0 {
				return j + w
			}
			return 0
		}
		if !isCNDigit(r) && r != '十' {
			return 0
		}
		j += w
		n++
	}
	return 0
}

// headingText is the heading's own words: up to 30 runes, ending at a sentence end.
func headingText(s string, i int) string {
	j := i
	for k := 0; k < 30 && j < len(s); k++ {
		r, w := utf8.DecodeRuneInString(s[j:])
		if r == '。' || r == '\n' {
			break
		}
		j += w
	}
	return s[i:j]
}

func (p *proseReader) inProactive(pos int) bool {
	for _, r := range p.proactive {
		if pos >= r[0] && pos < r[1] {
			return true
		}
	}
	return false
}
