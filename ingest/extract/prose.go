package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"nianbao/data"
)

// Prose-era reports (2008–2018) state their figures in sentences, each organ in its own
// words. The reader works clause by clause: a figure counts only when a keyword anchor sits
// in the same clause, next to it, and every rule is a phrasing rule, never a rule about a
// particular report. Candidates compete per key and scope: the stronger anchor wins, then
// the earlier position, so a whole-region figure stated first is never displaced by the
// breakdown that follows it.

// Candidate strengths. A table row of the old statistics form is the weakest source, since
// the report's own prose is what its authors checked.
const (
	scoreTable  = 1
	scoreWeak   = 2
	scoreMedium = 3
	scoreStrong = 4
)

type proseCand struct {
	key, scope, unit, sem string
	value                 float64
	approx                bool
	score                 int
	pos                   int // byte offset in Norm, for "earliest wins"
	evStart, evEnd        int // evidence span in Norm
}

type proseReader struct {
	doc   *data.Document
	s     string
	year  int
	cands []proseCand
	// proactive are the byte ranges of sections headed 主动公开…, where looser phrasings
	// of the proactive count are trusted.
	proactive [][2]int
	// lastRequest is the Norm offset of the latest request-count statement, so that
	// outcome figures ("同意公开"的7件) are read only near a request count.
	lastRequest int
	// sentence state
	sentStart, sentEnd int
	sentProactive      bool // a proactive count was read in this sentence
	sentRecon          bool // a reconsideration total was read in this sentence
	sentRequestScope   string
}

// extractProse reads the prose figures of a pre-2019 report into r.
func extractProse(doc *data.Document, r *data.Report) {
	p := &proseReader{doc: doc, s: doc.Norm, year: r.Year, lastRequest: -1 << 30}
	p.findProactiveSections()
	p.scan()
	p.readStatTable()
	p.emit(r)
}

// sentence and clause delimiters (all single runes).
func isSentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '!', '?', '\n', '\r':
		return true
	}
	return false
}

func isClauseEnd(r rune) bool {
	switch r {
	case '，', ',', '；', ';', '：', ':':
		return true
	}
	return isSentenceEnd(r)
}

// isHeadingStart reports text that opens with a section number such as 四、.
func isHeadingStart(s string) bool {
	r, w := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("一二三四五六七八九十", r) && strings.HasPrefix(s[w:], "、")
}

// maxSentence bounds how far a sentence runs without a delimiter, so run-together pages
// (a whole report on one line) cost linear time and yield bounded evidence.
const maxSentence = 1500

func (p *proseReader) scan() {
	s := p.s
	i := 0
	for i < len(s) {
		// skip delimiters
		r, w := decodeRune(s[i:])
		if isSentenceEnd(r) || r == ' ' || r == '\t' {
			i += w
			continue
		}
		end := i
		heading := isHeadingStart(s[i:])
		for end < len(s) && end-i < maxSentence {
			r, w := decodeRune(s[end:])
			if isSentenceEnd(r) {
				break
			}
			// Crawler text runs a section heading into its first sentence
			// (四、…收费及减免情况2013年共收取…): the heading ends at its 情况.
			if heading && r == '情' && strings.HasPrefix(s[end:], "情况") && end+len("情况") < len(s) {
				if c := s[end+len("情况")]; c >= '0' && c <= '9' {
					end += len("情况")
					break
				}
			}
			end += w
		}
		if end < len(s) && end-i >= maxSentence {
			for end < len(s) && !utf8.RuneStart(s[end]) {
				end++
			}
		}
		p.sentence(i, end)
		if end == i {
			end += w
		}
		i = end
	}
}

func (p *proseReader) sentence(a, b int) {
	p.sentStart, p.sentEnd = a, b
	p.sentProactive, p.sentRecon, p.sentRequestScope = false, false, ""
	s := p.s
	c := a
	prevColon := false
	var prevA, prevB int
	for c < b {
		d := c
		for d < b {
			r, w := decodeRune(s[d:])
			// 1,234 and 1，234 are one figure, not two clauses.
			if isClauseEnd(r) && !((r == ',' || r == '，') && d > a && isDigitRune(lastRune(s[:d])) && threeDigitsAt(s, d+w)) {
				break
			}
			d += w
		}
		// "收费情况：无" states a zero for the clause before the colon.
		if prevColon && strings.TrimSpace(s[c:d]) == "无" {
			p.zeroClause(prevA, d, prevA, prevB)
		} else {
			p.clause(c, d)
		}
		prevColon = false
		if d < b {
			r, w := decodeRune(s[d:])
			prevColon = r == '：' || r == ':'
			prevA, prevB = c, d
			d += w
		}
		c = d
	}
}

// clause reads the figures and the statements of none of one clause.
func (p *proseReader) clause(a, b int) {
	s := p.s
	p.zeroClause(a, b, -1, -1)
	for i := a; i < b; {
		r, w := decodeRune(s[i:])
		if !(isDigitRune(r) || isCNDigit(r) || r == '十') {
			i += w
			continue
		}
		n, ok := parseNumberAt(s, i)
		if !ok || n.End > b {
			i += w
			continue
		}
		unit, ue := unitAt(s, n.End, b)
		if unit != "" && !ordinalBefore(s, n.Start) {
			p.figure(n, unit, a, b, ue)
		}
		if n.End > i {
			i = n.End
		} else {
			i += w
		}
	}
}

// unitAt reads the counting unit right after a figure. "条次" and "人次" count visits or
// postings and are returned as such so that no rule takes them for items or cases.
func unitAt(s string, i, b int) (string, int) {
	for i < b && s[i] == ' ' {
		i++
	}
	for _, u := range []string{"人次", "条次", "件次", "%", "％", "条", "件", "宗", "场", "次", "元", "例", "起", "个", "份", "篇"} {
		if strings.HasPrefix(s[i:b], u) {
			if u == "％" {
				u = "%"
			}
			return u, i + len(u)
		}
	}
	return "", i
}

func ordinalBefore(s string, i int) bool {
	return strings.HasSuffix(s[:i], "第")
}

// add records a candidate with the current sentence as evidence.
func (p *proseReader) add(key, scope, unit string, v float64, approx bool, score, pos int) {
	sem := data.SemNumber
	if v == 0 {
		sem = data.SemZero
	}
	p.cands = append(p.cands, proseCand{key: key, scope: scope, unit: unit, sem: sem, value: v,
		approx: approx, score: score, pos: pos, evStart: p.sentStart, evEnd: p.sentEnd})
}

// emit keeps one candidate per key and scope and appends them to r in document order.
func (p *proseReader) emit(r *data.Report) {
	type ks struct{ k, s string }
	best := map[ks]int{}
	for i, c := range p.cands {
		j, ok := best[ks{c.key, c.scope}]
		if !ok || c.score > p.cands[j].score || (c.score == p.cands[j].score && c.pos < p.cands[j].pos) {
			best[ks{c.key, c.scope}] = i
		}
	}
	kept := make([]bool, len(p.cands))
	for _, i := range best {
		kept[i] = true
	}
	have := map[ks]bool{}
	for _, m := range r.Metrics {
		have[ks{m.Key, m.Scope}] = true
	}
	for i, c := range p.cands {
		if !kept[i] || have[ks{c.key, c.scope}] {
			continue
		}
		ev, off := trimmedSpan(p.doc, c.evStart, c.evEnd)
		r.Metrics = append(r.Metrics, data.Metric{Key: c.key, Value: data.F(c.value), Semantic: c.sem,
			Unit: c.unit, Scope: c.scope, Method: data.MethodProse, Evidence: ev, Offset: off, Approx: c.approx})
	}
	p.checkOutcomes(r)
}

// trimmedSpan is doc.Span without the white space at its ends: the evidence, and the
// offset of its first character.
func trimmedSpan(doc *data.Document, start, end int) (string, int) {
	s, off := doc.Span(start, end)
	t := strings.TrimLeftFunc(s, unicode.IsSpace)
	return strings.TrimRightFunc(t, unicode.IsSpace), off + utf8.RuneCountInString(s[:len(s)-len(t)])
}

// outcomeKeys are the prose outcome figures that together cannot exceed the requests.
var outcomeKeys = []string{"granted", "partial", "denied_total", "unable_not_held", "not_this_organ", "unclear", "other_total"}

// checkOutcomes adds prose_outcomes_le_requests for each scope that states both a request
// count and outcomes: outcomes beyond requests (plus any carried over) mean the source
// contradicts itself, which researchers need flagged, not fixed.
func (p *proseReader) checkOutcomes(r *data.Report) {
	type agg struct {
		req, carried, out float64
		hasReq, hasOut    bool
		parts             []string
	}
	by := map[string]*agg{}
	var order []string
	get := func(scope string) *agg {
		if by[scope] == nil {
			by[scope] = &agg{}
			order = append(order, scope)
		}
		return by[scope]
	}
	for _, m := range r.Metrics {
		if m.Method != data.MethodProse || m.Value == nil {
			continue
		}
		switch m.Key {
		case "requests_new":
			a := get(m.Scope)
			a.req, a.hasReq = *m.Value, true
		case "requests_carried_over":
			get(m.Scope).carried = *m.Value
		default:
			for _, k := range outcomeKeys {
				if m.Key == k {
					a := get(m.Scope)
					a.out += *m.Value
					a.hasOut = true
					a.parts = append(a.parts, k+"="+formatNum(*m.Value))
				}
			}
		}
	}
	for _, sc := range order {
		a := by[sc]
		if !a.hasReq || !a.hasOut {
			continue
		}
		ok := a.out <= a.req+a.carried
		rel := "<="
		if !ok {
			rel = ">"
		}
		detail := "outcomes " + strings.Join(a.parts, "+") + " = " + formatNum(a.out) + " " + rel +
			" requests_new " + formatNum(a.req)
		if a.carried != 0 {
			detail += " + carried over " + formatNum(a.carried)
		}
		if sc != data.ScopeWhole {
			detail += " (scope " + sc + ")"
		}
		r.Checks = append(r.Checks, data.Check{Name: "prose_outcomes_le_requests", OK: ok, Detail: detail})
	}
}

// containsAny reports whether s contains one of words.
func containsAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}
