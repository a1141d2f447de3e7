package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// rowDef is one row of a template table: the metric key it feeds, the keywords that
// identify its label (any one; matched ignoring white space, since pdftotext and crawlers
// break labels anywhere), and the ordinal its label starts with in the template (2 for
// "2.其他法律行政法规禁止公开"), which must not be read as a cell when cells run together.
type rowDef struct {
	key      string
	keywords []string
	ordinal  byte // '1'…'8', or 0
	// needOrdinal: the keyword alone is too common ("其他"), so only "3.其他" counts.
	needOrdinal bool
}

// table3Rows is 表三 of both templates in order. The three sub-rows of （六） exist in the
// 2021 template only; the single （六）其他处理 row stands in for them in the 2019 one.
var table3Rows = []rowDef{
	{key: "requests_new", keywords: []string{"本年新收"}},
	{key: "requests_carried_over", keywords: []string{"上年结转"}},
	{key: "granted", keywords: []string{"予以公开"}},
	{key: "partial", keywords: []string{"部分公开"}},
	{key: "denied_state_secret", keywords: []string{"国家秘密"}, ordinal: '1'},
	{key: "denied_law_forbidden", keywords: []string{"其他法律行政", "法规禁止公开"}, ordinal: '2'},
	{key: "denied_three_safety", keywords: []string{"三安全一稳定"}, ordinal: '3'},
	{key: "denied_third_party", keywords: []string{"第三方合法权益"}, ordinal: '4'},
	{key: "denied_internal_affairs", keywords: []string{"三类内部事务"}, ordinal: '5'},
	{key: "denied_process_info", keywords: []string{"四类过程性"}, ordinal: '6'},
	{key: "denied_enforcement_file", keywords: []string{"行政执法案卷"}, ordinal: '7'},
	{key: "denied_query_matter", keywords: []string{"行政查询事项"}, ordinal: '8'},
	{key: "unable_not_held", keywords: []string{"不掌握相关政府信息", "本机关不掌握"}, ordinal: '1'},
	{key: "unable_needs_creation", keywords: []string{"另行制作"}, ordinal: '2'},
	{key: "unable_unclear", keywords: []string{"仍不明确"}, ordinal: '3'},
	{key: "np_petition", keywords: []string{"信访举报投诉"}, ordinal: '1'},
	{key: "np_repeat", keywords: []string{"重复申请"}, ordinal: '2'},
	{key: "np_publication", keywords: []string{"公开出版物"}, ordinal: '3'},
	{key: "np_mass_repeat", keywords: []string{"大量反复"}, ordinal: '4'},
	{key: "np_confirm", keywords: []string{"确认或重新出具", "确认或重新出"}, ordinal: '5'},
	{key: "other_no_correction", keywords: []string{"逾期不补正", "无正当理由逾期"}, ordinal: '1'},
	{key: "other_unpaid_fee", keywords: []string{"收费通知", "逾期未按收费"}, ordinal: '2'},
	{key: "other_other", keywords: []string{"其他"}, ordinal: '3', needOrdinal: true},
	{key: "other_total", keywords: []string{"其他处理"}},
	{key: "concluded_total", keywords: []string{"总计"}},
	{key: "carried_forward", keywords: []string{"结转下年度"}},
}

// compact is a view of a stretch of Norm with white space removed, so that keywords
// broken by line wraps or stray spaces still match. norm maps its byte offsets back to
// Norm.
type compact struct {
	s string
	// from and to are the Norm window and n the length of the whole view (s may be cut
	// short to limit a search); gaps record where white space was cut out of the window,
	// which is far less data than a Norm offset per byte.
	from, to, n int
	gaps        []compactGap
}

// compactGap: from compact offset at on, skip bytes of white space in all lie behind.
type compactGap struct{ at, skip int32 }

func newCompact(norm string, from, to int) compact {
	var b strings.Builder
	b.Grow(to - from)
	c := compact{from: from, to: to}
	skip := 0
	kept := from // start of the run of kept bytes not yet written
	i := from
	for i < to {
		w := 1
		if ch := norm[i]; ch < utf8.RuneSelf {
			if ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r' && ch != '\f' && ch != '\v' {
				i++
				continue
			}
		} else {
			// A rune that starts before to is taken whole, even if it ends after it.
			var r rune
			r, w = decodeRune(norm[i:])
			if !isSpace(r) {
				i += w
				continue
			}
		}
		b.WriteString(norm[kept:i])
		skip += w
		i += w
		kept = i
		if n := len(c.gaps); n > 0 && int(c.gaps[n-1].at) == b.Len() {
			c.gaps[n-1].skip = int32(skip)
		} else {
			c.gaps = append(c.gaps, compactGap{at: int32(b.Len()), skip: int32(skip)})
		}
	}
	b.WriteString(norm[kept:i])
	c.s = b.String()
	c.n = len(c.s)
	return c
}

// isSpace is unicode.IsSpace with a shortcut for CJK text: no white space lies above U+3000.
func isSpace(r rune) bool { return r <= 0x3000 && unicode.IsSpace(r) }

// norm maps compact offset i (0 ≤ i ≤ the length of the whole view) to Norm; the end of
// the view maps to the end of the window.
func (c compact) norm(i int) int {
	if i == c.n {
		return c.to
	}
	// k is the last gap at or before i (sort.Search without the closure call per step).
	g := c.gaps
	lo, hi := 0, len(g)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if int(g[mid].at) > i {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	k := lo - 1
	if k < 0 {
		return c.from + i
	}
	return c.from + i + int(g[k].skip)
}

// find returns the Norm span [start, end) of the first keyword found at or after the
// compact offset from, with start extended back over the row's ordinal; the compact end
// offset is returned for the next search.
func (c compact) find(def rowDef, from int) (start, end, next int, ok bool) {
	best := -1
	bestLen := 0
	for _, kw := range def.keywords {
		at := from
		for at <= len(c.s) {
			i := strings.Index(c.s[at:], kw)
			if i < 0 {
				break
			}
			i += at
			if _, d, ok := c.ordinal(i); def.needOrdinal && (!ok || d != def.ordinal) {
				at = i + len(kw)
				continue
			}
			if best < 0 || i < best {
				best, bestLen = i, len(kw)
			}
			break
		}
	}
	if best < 0 {
		return 0, 0, from, false
	}
	s := best
	if o, d, ok := c.ordinal(best); ok && d == def.ordinal {
		s = o
	}
	return c.norm(s), c.norm(best+bestLen-1) + 1, best + bestLen, true
}

// ordinal returns the start and digit of the ordinal ("N." "N、" "(N)" "（N）") that
// begins the label whose keyword is at compact offset i, looking back over the label's
// first few characters (3.危及“三安全一稳定” has its keyword after 危及“). Only one digit
// is taken: in run-together text "00000002.其他" the 2 is the ordinal and the zeros are the
// previous row's cells.
func (c compact) ordinal(i int) (int, byte, bool) {
	j := i
	for back := 0; back <= ordinalLookback && j > 0; back++ {
		if start, d, ok := c.ordinalAt(j); ok {
			return start, d, true
		}
		r, w := utf8.DecodeLastRuneInString(c.s[:j])
		if unicode.IsDigit(r) || r == '）' || r == ')' || r == '。' || r == '；' {
			break
		}
		j -= w
	}
	return i, 0, false
}

// ordinalLookback is how many characters of a label may stand between its ordinal and the
// keyword that identifies it (没有现成信息需要|另行制作).
const ordinalLookback = 10

// ordinalAt returns the ordinal that ends exactly at compact offset i.
func (c compact) ordinalAt(i int) (int, byte, bool) {
	s := c.s[:i]
	for _, sep := range []string{".", "、", ")", "）"} {
		if !strings.HasSuffix(s, sep) {
			continue
		}
		j := len(s) - len(sep) - 1
		if j < 0 || s[j] < '1' || s[j] > '9' {
			continue
		}
		switch {
		case sep == ")" && j >= 1 && s[j-1] == '(':
			return j - 1, s[j], true
		case sep == "）" && strings.HasSuffix(s[:j], "（"):
			return j - len("（"), s[j], true
		}
		return j, s[j], true
	}
	return i, 0, false
}
