package data

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// nameEntry is one spelling of one or more regions. Several regions share a name (鼓楼区 is
// in four cities), so the resolver needs the whole candidate list and a context to choose.
type nameEntry struct {
	name  string
	cands []int32
	// bare marks a stem without its suffix (北京, 赣州): it may only match when the next
	// character does not continue a place name, or 朝阳乡 would read as 朝阳(市)+乡.
	bare bool
	// alias marks a spelling that is not an official name. Aliases only count where a
	// region name is expected (at the start of the organ name), never when searching inside
	// it: 雄安新区 contains 安新区, an alias of 安新县.
	alias bool
}

// nameIndex maps the first two runes of a spelling (every name has at least two) to its
// entries, longest first, so a scan costs one map lookup per position, the lists are a few
// entries long and the first hit is the longest match.
type nameIndex map[[2]rune][]nameEntry

// key2 returns the index key of s, false when s has fewer than two runes.
func key2(s string) ([2]rune, bool) {
	a, n := utf8.DecodeRuneInString(s)
	b, m := utf8.DecodeRuneInString(s[n:])
	return [2]rune{a, b}, n > 0 && m > 0
}

// specialZone is a division whose government is not where GB/T 2260 puts it.
type specialZone struct {
	code   string
	level  string
	parent string
}

// specialZones: 平潭综合实验区 is not a GB/T 2260 division: on paper its land is 平潭县 under
// 福州市, but since 2011 its 管委会 is a 派出机构 of the Fujian provincial government with
// prefecture-level powers, it publishes a whole-zone summary report like a 设区市, and Fujian
// lists it beside the nine 设区市. So: the code of 平潭县 (the only code for that land), level
// city, governed by the province. Its names stay those of the code (福建省/福州市/平潭县),
// as METRICS.md derives names from region_code; Parent is what says who governs it.
var specialZones = map[string]specialZone{
	"平潭综合实验区": {code: "350128", level: LevelCity, parent: "350000"},
}

// ethnicMarkers begin the ethnic part of an autonomous division's name: 琼中黎族苗族自治县 is
// commonly written 琼中县, 恩施土家族苗族自治州 恩施州. The 族 is kept in the marker where the
// official name has it, because bare one-character names (水, 土, 白) occur inside stems
// (彭水苗族土家族自治县 would otherwise be cut to 彭).
var ethnicMarkers = []string{
	"蒙古", "回族", "藏族", "维吾尔", "苗族", "彝族", "壮族", "布依族", "朝鲜族", "满族", "侗族",
	"瑶族", "白族", "土家族", "哈尼族", "哈萨克", "傣族", "黎族", "傈僳族", "佤族", "畲族",
	"拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜", "土族", "达斡尔族", "仫佬族",
	"羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯", "阿昌族", "普米族", "塔吉克", "怒族",
	"乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族",
	"独龙族", "鄂伦春", "赫哲族", "门巴族", "珞巴族", "基诺族", "各族",
}

// ethnicStem cuts an autonomous division's name before its first ethnic marker; "" when
// there is none past the first character.
func ethnicStem(name string) string {
	cut := -1
	for _, m := range ethnicMarkers {
		if i := strings.Index(name, m); i > 0 && (cut < 0 || i < cut) {
			cut = i
		}
	}
	if cut < 0 {
		return ""
	}
	return name[:cut]
}

// trimSuffixes returns name without the first matching suffix, and whether one matched.
func trimSuffixes(name string, suffixes ...string) (string, bool) {
	for _, s := range suffixes {
		if strings.HasSuffix(name, s) {
			return strings.TrimSuffix(name, s), true
		}
	}
	return name, false
}

type alias struct {
	name string
	bare bool
}

// aliases lists the other spellings reports use for g: stems of provinces and prefectures
// (广西, 赣州), 州/县 short forms of autonomous divisions (恩施州, 琼中县), the 地区 ↔ 市 and
// 县 ↔ 区 ↔ 市 forms that 撤地设市 and 撤县设区/设市 produced since 2008 (a 2012 report of
// 洪泽县 resolves to today's 洪泽区), which is why no rename table is needed for those.
func aliases(g Region) []alias {
	var out []alias
	add := func(stem string, bare bool, suffixes ...string) {
		if utf8.RuneCountInString(stem) < 2 {
			return // 道县 → 道 would match anything starting with 道
		}
		if bare {
			out = append(out, alias{stem, true})
		}
		for _, s := range suffixes {
			if n := stem + s; n != g.Name {
				out = append(out, alias{name: n})
			}
		}
	}
	switch g.Level {
	case LevelProvince:
		if strings.HasSuffix(g.Name, "自治区") {
			n := 2 // 广西, 西藏, 宁夏, 新疆
			if strings.HasPrefix(g.Name, "内蒙古") {
				n = 3
			}
			add(string([]rune(g.Name)[:n]), true)
		} else if stem, ok := trimSuffixes(g.Name, "省", "市"); ok {
			add(stem, true)
		}
	case LevelCity:
		if strings.HasSuffix(g.Name, "自治州") {
			if stem := ethnicStem(g.Name); stem != "" {
				add(stem, true, "州")
			}
		} else if stem, ok := trimSuffixes(g.Name, "地区", "市", "盟"); ok {
			add(stem, true, "市", "地区")
		}
	case LevelCounty:
		if g.Code[4] == '7' {
			return nil // statistical development zones: long unique names, no short forms
		}
		if strings.HasSuffix(g.Name, "自治县") || strings.HasSuffix(g.Name, "自治旗") {
			if stem := ethnicStem(g.Name); stem != "" {
				add(stem, false, g.Name[len(g.Name)-len("县"):])
			}
		} else if stem, ok := trimSuffixes(g.Name, "县", "区", "市"); ok {
			add(stem, false, "县", "区", "市")
		}
	}
	return out
}

// buildIndex indexes every region under its official name, its aliases, the historic names
// of renames.tsv and the special zones. An official name always beats an alias of the same
// spelling: 通州区 is Beijing's and Nantong's, never an alias of something else.
func (r *Regions) buildIndex(renames map[string]int32) error {
	type acc struct {
		exact, alias []int32
		bare         bool
	}
	all := map[string]*acc{}
	get := func(n string) *acc {
		a := all[n]
		if a == nil {
			a = &acc{}
			all[n] = a
		}
		return a
	}
	for i, g := range r.list {
		get(g.Name).exact = append(get(g.Name).exact, int32(i))
		for _, al := range aliases(g) {
			a := get(al.name)
			a.alias = append(a.alias, int32(i))
			a.bare = a.bare || al.bare
		}
	}
	for n, i := range renames {
		get(n).alias = append(get(n).alias, i)
	}
	r.zones = map[string]specialZone{}
	for n, z := range specialZones {
		i, ok := r.byCode[z.code]
		if !ok {
			return errUnknownZone(n)
		}
		get(n).alias = append(get(n).alias, i)
		r.zones[n] = z
	}
	r.names = nameIndex{}
	for n, a := range all {
		e := nameEntry{name: n, cands: a.exact}
		if len(e.cands) == 0 {
			e.cands, e.bare, e.alias = dedup(a.alias), a.bare, true
		}
		k, ok := key2(n)
		if !ok {
			return errShortName(n)
		}
		r.names[k] = append(r.names[k], e)
	}
	for _, es := range r.names {
		sort.Slice(es, func(i, j int) bool {
			if len(es[i].name) != len(es[j].name) {
				return len(es[i].name) > len(es[j].name)
			}
			return es[i].name < es[j].name
		})
	}
	return nil
}

type errShortName string

func (e errShortName) Error() string {
	return "region name " + strconv.Quote(string(e)) + " is shorter than two characters"
}

type errUnknownZone string

func (e errUnknownZone) Error() string { return "special zone " + string(e) + ": unknown code" }

func dedup(xs []int32) []int32 {
	sort.Slice(xs, func(i, j int) bool { return xs[i] < xs[j] })
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// continuesPlaceName: after a bare stem, these characters mean the stem was part of a
// longer place name that is not a division we know (朝阳乡, 中山路), so it must not match.
func continuesPlaceName(r rune) bool {
	switch r {
	case '省', '市', '县', '区', '州', '旗', '盟', '乡', '镇', '村', '街', '路', '里', '岛', '湾':
		return true
	}
	return false
}
