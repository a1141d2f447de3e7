package extract

import (
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"nianbao/data"
)

// Limits of key-area matching. The synonyms of all areas are looked up in one pass over
// the text (kaPatterns.occurrences); kaMaxHits bounds the occurrences weighed per synonym
// on huge pages.
const (
	kaMaxHits     = 64
	kaMaxEvidence = 150 // runes; longer sentences are cut to the clause
	kaCountGap    = 12  // runes between the area's name and its count (…信息数公开了392条)
)

// kaOrganSuffixes after an area's name make it the name of an organ (环境保护局), which
// says nothing about disclosure in the area.
var kaOrganSuffixes = []string{"局", "厅", "部", "委员会", "委", "办公室", "中心", "站", "所"}

// kaUnits are the units a count of disclosed items is given in. 项 and 个 are left out:
// 取消行政审批项目18项 counts approvals, 涉及9个领域 counts areas.
var kaUnits = []string{"条", "篇", "份"}

// kaHit is one occurrence of an area in the text, with how good a piece of evidence it is.
type kaHit struct {
	start, end int // byte offsets in Norm of the synonym
	score      int
	count      *int64
}

func extractKeyAreas(doc *data.Document, r *data.Report) {
	ky, ok := data.KeyAreasFor(r.Year)
	if !ok || len(ky.Areas) == 0 {
		return
	}
	occ := kaPatternsFor(r.Year, ky.Areas).occurrences(doc.Norm, ky.Areas)
	found := 0
	for ai, a := range ky.Areas {
		h, ok := kaFind(doc.Norm, ky.Areas, ai, occ[ai])
		if !ok {
			continue
		}
		found++
		s, e := kaEvidenceBounds(doc.Norm, h.start, h.end)
		ev, off := doc.Span(s, e)
		r.KeyAreas = append(r.KeyAreas, data.KeyAreaMention{Area: a.Name, Evidence: ev, Offset: off, Count: h.count})
	}
	if ky.Scored() {
		c := float64(found) / float64(len(ky.Areas))
		r.KeyAreaCoverage = &c
	}
}

// kaPatterns are the synonyms of a year's areas prepared for occurrences: the ones long
// enough for the matcher, with the area and synonym each stands for.
type kaPatterns struct {
	pats []string
	refs []kaRef
	m    *multiMatcher
}

type kaRef struct{ area, syn int }

// kaPatternCache holds the prepared synonyms by report year: preparing them (the
// matcher's table alone is 8 KB) cost more than matching a short report.
var kaPatternCache sync.Map // int → *kaPatterns

func kaPatternsFor(year int, areas []data.KeyArea) *kaPatterns {
	if p, ok := kaPatternCache.Load(year); ok {
		return p.(*kaPatterns)
	}
	p, _ := kaPatternCache.LoadOrStore(year, kaPatternsOf(areas))
	return p.(*kaPatterns)
}

func kaPatternsOf(areas []data.KeyArea) *kaPatterns {
	p := &kaPatterns{}
	for ai, a := range areas {
		for si, syn := range a.Synonyms {
			if len(syn) >= 3 {
				p.pats = append(p.pats, syn)
				p.refs = append(p.refs, kaRef{ai, si})
			}
		}
	}
	if len(p.pats) > 0 {
		p.m = newMultiMatcher(p.pats)
	}
	return p
}

// occurrences returns, for every synonym of every area (occ[area][synonym]), the start
// offsets in norm of its first kaMaxHits non-overlapping occurrences: what calling
// strings.Index again after each match would find. All synonyms are matched in one pass
// over the text (multiMatcher).
func (pp *kaPatterns) occurrences(norm string, areas []data.KeyArea) [][][]int {
	occ := make([][][]int, len(areas))
	for ai, a := range areas {
		occ[ai] = make([][]int, len(a.Synonyms))
		for si, syn := range a.Synonyms {
			if syn != "" && len(syn) < 3 {
				// Too short for the matcher: searched on its own.
				for i, n := 0, 0; n < kaMaxHits; n++ {
					j := strings.Index(norm[i:], syn)
					if j < 0 {
						break
					}
					occ[ai][si] = append(occ[ai][si], i+j)
					i += j + len(syn)
				}
			}
		}
	}
	if len(pp.pats) == 0 {
		return occ
	}
	// next[p] is where the next occurrence of pats[p] may start: occurrences of one
	// synonym do not overlap.
	next := make([]int, len(pp.pats))
	pp.m.scan(norm, func(i, p int) {
		ref := pp.refs[p]
		o := &occ[ref.area][ref.syn]
		if i >= next[p] && len(*o) < kaMaxHits {
			*o = append(*o, i)
			next[p] = i + len(pp.pats[p])
		}
	})
	return occ
}

// kaFind returns the best occurrence of any of an area's synonyms: one with a stated
// count first, then one that speaks of disclosing the area's information, then any.
// Ties go to the earliest. occ holds the occurrences of each synonym (kaPatterns.occurrences).
func kaFind(norm string, areas []data.KeyArea, ai int, occ [][]int) (kaHit, bool) {
	a := areas[ai]
	var best kaHit
	ok := false
	for si, syn := range a.Synonyms {
		for _, s := range occ[si] {
			e := s + len(syn)
			if kaRejected(norm, s, e, a.Exclude) {
				continue
			}
			h := kaHit{start: s, end: e, score: 1}
			if c, ok := kaCount(norm, e); ok && !kaShared(norm, s, e, areas, ai) {
				h.count, h.score = &c, 3
			} else if w := idPrefixBytes(norm[e:], 8*3); strings.Contains(w, "公开") || strings.Contains(w, "信息") {
				h.score = 2
			}
			if !ok || h.score > best.score || (h.score == best.score && h.start < best.start) {
				best, ok = h, true
			}
			if h.score == 3 {
				break
			}
		}
	}
	return best, ok
}

// kaRejected tells the occurrences that are not about the area: an excluded phrase
// around it (属于行政执法案卷), an organ's name (环境保护局), or the title of another
// document (《环境信息公开办法》).
func kaRejected(norm string, s, e int, exclude []string) bool {
	if len(exclude) > 0 {
		lo := s - 12*3
		if lo < 0 {
			lo = 0
		}
		for lo > 0 && !utf8.RuneStart(norm[lo]) {
			lo--
		}
		win := norm[lo:e] + idPrefixBytes(norm[e:], 12*3)
		for _, x := range exclude {
			if strings.Contains(win, x) {
				return true
			}
		}
	}
	after := norm[e:]
	for _, suf := range kaOrganSuffixes {
		if strings.HasPrefix(after, suf) {
			return true
		}
	}
	ss, _ := kaSentence(norm, s, e)
	before := norm[ss:s]
	return strings.LastIndex(before, "《") > strings.LastIndex(before, "》")
}

// kaCount reads a count stated right after an area's name, within its clause
// (财政资金使用信息数公开了392条 → 392). A year (2013年) or a percentage is no count.
func kaCount(norm string, e int) (int64, bool) {
	rest := norm[e:]
	gap := 0
	for i, r := range rest {
		if r >= '0' && r <= '9' {
			k := i
			for k < len(rest) && (rest[k] >= '0' && rest[k] <= '9' || rest[k] == ',' && k+1 < len(rest) && rest[k+1] >= '0' && rest[k+1] <= '9') {
				k++
			}
			for _, u := range kaUnits {
				if strings.HasPrefix(rest[k:], u) {
					v, err := strconv.ParseInt(strings.ReplaceAll(rest[i:k], ",", ""), 10, 64)
					return v, err == nil
				}
			}
			return 0, false
		}
		if strings.ContainsRune("，,；;。！？\n、：:（(等", r) || gap >= kaCountGap {
			return 0, false
		}
		gap++
	}
	return 0, false
}

// kaShared reports whether the clause of an occurrence, up to its count, names another
// area of the list too: 民政扶贫救灾社会保障就业类信息67条 counts several areas at once,
// and the count belongs to none of them alone.
func kaShared(norm string, s, e int, areas []data.KeyArea, ai int) bool {
	cs := 0
	if i := strings.LastIndexAny(norm[:s], "，,；;。：:\n\t"); i >= 0 {
		_, w := utf8.DecodeRuneInString(norm[i:])
		cs = i + w
	}
	ce := e
	for ce < len(norm) && !(norm[ce] >= '0' && norm[ce] <= '9') {
		_, w := utf8.DecodeRuneInString(norm[ce:])
		ce += w
	}
	clause := norm[cs:s] + "\x00" + norm[e:ce]
	for k, o := range areas {
		if k == ai {
			continue
		}
		for _, syn := range o.Synonyms {
			if strings.Contains(clause, syn) {
				return true
			}
		}
	}
	return false
}

// kaSentence returns the byte bounds of the sentence around [s, e).
func kaSentence(norm string, s, e int) (int, int) {
	const stops = "。；;！？\n\t"
	// A page without full stops must not make every occurrence scan it whole.
	const reach = 1500
	lo := max(0, s-reach)
	for lo > 0 && !utf8.RuneStart(norm[lo]) {
		lo--
	}
	ss := lo
	if i := strings.LastIndexAny(norm[lo:s], stops); i >= 0 {
		_, w := utf8.DecodeRuneInString(norm[lo+i:])
		ss = lo + i + w
	}
	hi := min(len(norm), e+reach)
	for hi < len(norm) && !utf8.RuneStart(norm[hi]) {
		hi++
	}
	se := hi
	if i := strings.IndexAny(norm[e:hi], stops); i >= 0 {
		se = e + i
		if r, w := utf8.DecodeRuneInString(norm[se:]); r != '\n' && r != '\t' {
			se += w // keep the full stop
		}
	}
	return ss, se
}

// kaEvidenceBounds gives the evidence of an occurrence: its sentence, or its clause when
// the sentence is long (a list of nine areas), or a window around it.
func kaEvidenceBounds(norm string, s, e int) (int, int) {
	ss, se := kaSentence(norm, s, e)
	if utf8.RuneCountInString(norm[ss:se]) > kaMaxEvidence {
		if i := strings.LastIndexAny(norm[ss:s], "，,"); i >= 0 {
			_, w := utf8.DecodeRuneInString(norm[ss+i:])
			ss += i + w
		}
		if i := strings.IndexAny(norm[e:se], "，,"); i >= 0 {
			se = e + i
		}
	}
	if utf8.RuneCountInString(norm[ss:se]) > kaMaxEvidence {
		lo, hi := s, e
		for n := 0; n < 50 && lo > ss; n++ {
			_, w := utf8.DecodeLastRuneInString(norm[ss:lo])
			lo -= w
		}
		for n := 0; n < 50 && hi < se; n++ {
			_, w := utf8.DecodeRuneInString(norm[hi:se])
			hi += w
		}
		ss, se = lo, hi
	}
	for ss < s {
		r, w := utf8.DecodeRuneInString(norm[ss:])
		if !unicode.IsSpace(r) {
			break
		}
		ss += w
	}
	return ss, se
}
