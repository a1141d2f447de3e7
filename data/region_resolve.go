package data

import (
	"strings"
	"unicode/utf8"
)

// Resolution is where an organ (发布机关) sits: the government it belongs to and its level.
type Resolution struct {
	// Code is the six-digit code of the region whose government the organ belongs to: the
	// region itself for a government, its government's region for a department, the
	// county for a township. NationalCode for the central government and its ministries.
	Code string
	// Level is one of the Level constants (METRICS.md `level`).
	Level string
	// Parent is the code of the government the organ answers to: the parent region for a
	// government (NationalCode for a province), the organ's own government for a department
	// or township. Rankings "within a parent region" group on it.
	Parent string
	// Names along Code's chain. City is empty for districts of the four municipalities and
	// for counties governed directly by a province.
	Province, City, County string
	// Office marks a government's general office (人民政府办公室/办公厅). The corpus labels a
	// county government's office as the county (at that level the office publishes the
	// government's own report) and a city or province office as a department (there it
	// publishes a report of its own beside the government's summary report).
	Office bool
	// OK is false when the region or the kind of organ could not be determined; the fields
	// that could are still filled, and Reason says what is missing. Callers list these.
	OK     bool
	Reason string
}

// Resolve finds the government and level of an organ name such as 广元市利州区人民政府办公室,
// 道县文化广电新闻出版局 or 凤安镇人民政府(紫金县). Traditional characters must already be
// simplified. Parenthesised notes are never read as the organ itself but may name its region.
func (r *Regions) Resolve(organ string) Resolution {
	main, notes := splitNotes(organ)
	var res Resolution
	m := r.chain(main)
	if m.idx < 0 && len(notes) > 0 {
		hints := r.hintRegions(notes)
		if len(m.amb) > 0 {
			m.idx = narrow(r, m.amb, hints)
		} else if len(hints) > 0 && m.end == 0 {
			m.idx = hints[len(hints)-1] // no region in the name itself: the note's (紫金县)
		}
	}
	kind := classify(main[m.end:])
	if m.start > 0 && kind != kindTownship {
		kind = kindDepartment // 国家税务总局北京市税务局, 中共赣州市委: an organ inside a region
	}
	if m.idx < 0 {
		switch {
		case len(m.amb) > 1:
			res.Reason = "ambiguous region: " + r.describe(m.amb)
		case m.end == 0 && national(main, &res):
			return res
		default:
			res.Reason = "no known region in organ name"
		}
		if kind == kindTownship {
			res.Level = LevelTownship
		} else if kind == kindDepartment {
			res.Level = LevelDepartment
		}
		return res
	}

	g := r.list[m.idx]
	level, parent := g.Level, g.Parent
	if m.zoneStart >= 0 {
		if z, ok := r.zones[main[m.zoneStart:m.end]]; ok {
			level, parent = z.level, z.parent
		}
	}
	if level == LevelProvince {
		parent = NationalCode
	}
	res.Code = g.Code
	r.fillNames(&res, m.idx)
	res.OK = true
	switch kind {
	case kindGovernment:
		res.Level, res.Parent = level, parent
	case kindOffice:
		res.Office = true
		if level == LevelCounty {
			res.Level, res.Parent = LevelCounty, parent
		} else {
			res.Level, res.Parent = LevelDepartment, g.Code
		}
	case kindTownship:
		res.Level, res.Parent = LevelTownship, g.Code
	case kindDepartment:
		res.Level, res.Parent = LevelDepartment, g.Code
	default:
		res.OK = false
		res.Reason = "unrecognised organ type: " + main[m.end:]
	}
	return res
}

// match is the region part of an organ name: main[start:end] named region idx (or, when
// idx is -1, the candidates amb that the name alone cannot tell apart).
type match struct {
	idx        int32
	amb        []int32
	start, end int
	zoneStart  int // start of the innermost name, to look up special zones; -1 if none
}

// chain reads the run of region names that begins an organ name (江苏省淮安市洪泽区…), each
// one inside the previous. If the name does not begin with a region, the first region found
// anywhere starts the chain (国家税务总局北京市税务局).
func (r *Regions) chain(s string) match {
	m := match{idx: -1, zoneStart: -1}
	end, idx, amb := r.matchAt(s, 0, -1, true)
	if end == 0 {
		for pos := 0; pos < len(s); {
			_, size := utf8.DecodeRuneInString(s[pos:])
			pos += size
			if end, idx, amb = r.matchAt(s, pos, -1, false); end > 0 {
				m.start = pos
				break
			}
		}
		if end == 0 {
			return m
		}
	}
	m.zoneStart = m.start
	for {
		m.end, m.idx, m.amb = end, idx, amb
		if idx < 0 {
			return m // ambiguous: nothing after it can be read as inside it
		}
		start := end
		if end, idx, amb = r.matchAt(s, end, idx, true); end == 0 {
			return m
		}
		m.zoneStart = start
	}
}

// matchAt finds the longest name at s[pos:] naming a region inside ctx (anywhere when ctx
// is -1). It returns the end of the name and the region, or -1 and the candidates when the
// name is shared. end is 0 when nothing matches. anchored says s[pos:] is where a region
// name is expected, so aliases may match too. It allocates only for ambiguous names.
func (r *Regions) matchAt(s string, pos int, ctx int32, anchored bool) (int, int32, []int32) {
	k, ok := key2(s[pos:])
	if !ok {
		return 0, -1, nil
	}
	for _, e := range r.names[k] {
		if !strings.HasPrefix(s[pos:], e.name) {
			continue
		}
		end := pos + len(e.name)
		if e.alias && !anchored {
			continue
		}
		if e.bare {
			if next, _ := utf8.DecodeRuneInString(s[end:]); end < len(s) && continuesPlaceName(next) {
				continue
			}
		}
		n, one := 0, int32(-1)
		for _, c := range e.cands {
			if ctx < 0 || r.under(c, ctx) {
				n, one = n+1, c
			}
		}
		switch {
		case n == 1:
			return end, one, nil
		case n > 1:
			var cs []int32
			for _, c := range e.cands {
				if ctx < 0 || r.under(c, ctx) {
					cs = append(cs, c)
				}
			}
			if a := r.commonTop(cs); a >= 0 {
				return end, a, nil
			}
			return end, -1, cs
		}
	}
	return 0, -1, nil
}

// commonTop returns the candidate that contains all the others (bare 吉林 is 吉林省 and
// 吉林市; the province is meant), or -1.
func (r *Regions) commonTop(cs []int32) int32 {
	for _, a := range cs {
		all := true
		for _, c := range cs {
			if c != a && !r.under(c, a) {
				all = false
				break
			}
		}
		if all {
			return a
		}
	}
	return -1
}

// hintRegions resolves the regions named in notes (紫金县 in 凤安镇人民政府(紫金县)).
func (r *Regions) hintRegions(notes []string) []int32 {
	var out []int32
	for _, n := range notes {
		if m := r.chain(n); m.idx >= 0 {
			out = append(out, m.idx)
		}
	}
	return out
}

// narrow keeps the candidates consistent with a hint region; -1 unless exactly one remains.
func narrow(r *Regions, cands, hints []int32) int32 {
	found := int32(-1)
	for _, c := range cands {
		for _, h := range hints {
			if c == h || r.under(c, h) || r.under(h, c) {
				if found >= 0 && found != c {
					return -1
				}
				found = c
			}
		}
	}
	return found
}

func (r *Regions) describe(cs []int32) string {
	var b strings.Builder
	for i, c := range cs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(r.list[c].Code)
		b.WriteString(" ")
		b.WriteString(r.list[c].Name)
	}
	return b.String()
}

// splitNotes separates parenthesised notes from the name: manifests write
// 凤安镇人民政府(紫金县) and 淮安市人民政府（全市汇总，市政府办公室编制）, and the second must
// not turn a government into its office. Allocates only when there are brackets or spaces.
func splitNotes(organ string) (string, []string) {
	organ = strings.TrimSpace(organ)
	// ASCII first: ContainsAny with a non-ASCII set is slow and this runs once per report.
	if !strings.ContainsAny(organ, "([ ") && !strings.Contains(organ, "（") &&
		!strings.Contains(organ, "【") && !strings.Contains(organ, "　") {
		return organ, nil
	}
	var main, note strings.Builder
	var notes []string
	depth := 0
	for _, c := range organ {
		switch c {
		case '(', '（', '[', '【':
			depth++
		case ')', '）', ']', '】':
			if depth > 0 {
				depth--
				if depth == 0 {
					notes = append(notes, note.String())
					note.Reset()
				}
			}
		case ' ', '　':
		default:
			if depth == 0 {
				main.WriteRune(c)
			} else {
				note.WriteRune(c)
			}
		}
	}
	if note.Len() > 0 {
		notes = append(notes, note.String()) // unclosed bracket
	}
	return main.String(), notes
}
