package extract

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"nianbao/data"
)

// idStatsPeriodYear returns the year of the statistics-period sentence, or 0. A period
// spanning two different years states no single report year.
func idStatsPeriodYear(compactHead string) int {
	// The regexp runs only around each "年1月1日": a scan of the whole head per report
	// costs more than the rest of identification.
	for at := 0; ; {
		i := strings.Index(compactHead[at:], "年1月1日")
		if i < 0 {
			return 0
		}
		i += at
		at = i + 1
		w := compactHead[max(0, i-4):min(len(compactHead), i+96)]
		if m := idPeriodRe.FindStringSubmatch(w); m != nil && (m[2] == "" || m[2] == m[1]) {
			y, _ := strconv.Atoi(m[1])
			return y
		}
	}
}

// idOpeningYear is the year the opening paragraphs speak of (2014年,县政府…): the most
// frequent year written as a year, not as a date, outside quoted titles, in the
// first part of the text; ties go to the earlier mention.
func idOpeningYear(compactHead string) int {
	s := idPrefixBytes(compactHead, 3000)
	counts := map[int]int{}
	best, bestN := 0, 0
	for _, loc := range idYearRe.FindAllStringSubmatchIndex(s, -1) {
		after := s[loc[1]:]
		if r, _ := utf8.DecodeRuneInString(after); r >= '0' && r <= '9' {
			continue // 2010年8月3日 is a date
		}
		if strings.HasPrefix(after, "以来") || strings.HasPrefix(after, "以前") {
			continue
		}
		before := s[:loc[2]]
		if strings.LastIndex(before, "《") > strings.LastIndex(before, "》") {
			continue
		}
		y, _ := strconv.Atoi(s[loc[2]:loc[3]])
		counts[y]++
		if counts[y] > bestN {
			best, bestN = y, counts[y]
		}
	}
	return best
}

// Labels of the publication date in portal metadata blocks, most specific first.
var idPublishedLabels = []string{"发布日期", "发布时间", "发文日期", "公开日期", "生成日期", "成文日期", "时间"}

// idPublishedDate takes the page metadata first (METRICS: 发文日期 / 发布时间), then a
// metadata line left in the text by the converter, then the idSignature date.
func idPublishedDate(doc *data.Document, head string, sig *idSig) string {
	if d := idIsoDate(doc.Meta.Published); d != "" {
		return d
	}
	// The labels end in 日期 or 时间, and none can overlap itself: the occurrences of a
	// label are those of its last two characters preceded by the rest, so two scans of
	// the head find them all rather than one scan per label.
	type wordEnds struct {
		word string
		ends []int
	}
	var scanned []wordEnds
	for _, l := range idPublishedLabels {
		last := idSuffixBytes(l, len("日期"))
		k := slices.IndexFunc(scanned, func(w wordEnds) bool { return w.word == last })
		if k < 0 {
			scanned = append(scanned, wordEnds{last, idWordEnds(head, last)})
			k = len(scanned) - 1
		}
		for _, i := range scanned[k].ends {
			if !strings.HasSuffix(head[:i], l) {
				continue
			}
			at := i - len(l)
			if strings.HasSuffix(head[:at], "统计") {
				continue // 统计时间 is the statistics period
			}
			win := strings.TrimLeft(idPrefixBytes(head[i:], 40), " :：\t")
			if loc := idDateRe.FindStringSubmatchIndex(win); loc != nil && loc[0] == 0 {
				if d := idYmd(win, loc); d != "" {
					return d
				}
			}
		}
	}
	if _, d := sig.get(); d != "" {
		return d
	}
	return ""
}

// idWordEnds returns the offsets of s just after each occurrence of word.
func idWordEnds(s, word string) []int {
	var out []int
	for i := 0; ; {
		j := strings.Index(s[i:], word)
		if j < 0 {
			return out
		}
		i += j + len(word)
		out = append(out, i)
	}
}

// idIsoDate normalises a date string (2020-01-31, 2014年3月25日, 2009-2-20 10:00) to ISO.
func idIsoDate(s string) string {
	loc := idDateRe.FindStringSubmatchIndex(s)
	if loc == nil {
		return ""
	}
	return idYmd(s, loc)
}

func idYmd(s string, loc []int) string {
	y, _ := strconv.Atoi(s[loc[2]:loc[3]])
	m, _ := strconv.Atoi(s[loc[4]:loc[5]])
	d, _ := strconv.Atoi(s[loc[6]:loc[7]])
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}

// idSig is the signature of a tail, read when first needed: both the publication date
// and the organ may fall back on it.
type idSig struct {
	tail        string
	done        bool
	organ, date string
}

func (s *idSig) get() (organ, date string) {
	if !s.done {
		s.organ, s.date = idSignature(s.tail)
		s.done = true
	}
	return s.organ, s.date
}

// idSignature finds the closing organ line and date at the end of a report (广元市利州区
// 人民政府办公室 / 2017年3月23日). Either may be missing.
func idSignature(tail string) (organ, date string) {
	loc := idLastCnDate(tail)
	if loc == nil {
		return "", ""
	}
	// A date inside a sentence (于2014年3月25日召开) is no idSignature: only white space
	// or an organ name may precede it on its line.
	before := tail[:loc[0]]
	line := before
	if i := strings.LastIndexAny(line, "\n。；;"); i >= 0 {
		_, w := utf8.DecodeRuneInString(line[i:])
		line = line[i+w:]
	}
	// Crawler renderings run the idSignature into the last sentence (…开展。 机关 2014年12月10日).
	line = strings.TrimSpace(line)
	if i := strings.LastIndex(line, "  "); i >= 0 {
		line = strings.TrimSpace(line[i:])
	}
	switch {
	case line == "":
		prev := strings.TrimRight(before, " \t\r\n\f")
		if i := strings.LastIndexAny(prev, "\n"); i >= 0 {
			prev = prev[i+1:]
		}
		if p := idCompact(prev); idIsOrganName(p) {
			organ = p
		}
	case idIsOrganName(idCompact(line)):
		organ = idCompact(line)
	default:
		return "", ""
	}
	return organ, idYmd(tail, loc)
}

// idLastCnDate returns the submatch indexes of the last signature date (2014年3月25日,
// which must end in 日) in s, or nil: the last match of the regexp
// ((?:19|20)[0-9]{2})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日.
// Each match holds exactly one 年, so matches never overlap and the last one is found by
// trying the 年s from the end, without running the regexp over the whole text.
func idLastCnDate(s string) []int {
	for end := len(s); ; {
		k := strings.LastIndex(s[:end], "年")
		if k < 0 {
			return nil
		}
		if loc := idCnDateAt(s, k); loc != nil {
			return loc
		}
		end = k
	}
}

// idCnDateAt matches that regexp at the 年 at byte k of s: the year's four digits end
// before it, white space between, and the month and day are runs of one or two digits.
func idCnDateAt(s string, k int) []int {
	ye := k
	for ye > 0 && reSpace(s[ye-1]) {
		ye--
	}
	ys := ye - 4
	if ys < 0 || !(s[ys] == '1' && s[ys+1] == '9' || s[ys] == '2' && s[ys+1] == '0') || !isASCIIDigit(s[ys+2]) || !isASCIIDigit(s[ys+3]) {
		return nil
	}
	ms, me, next, ok := idCnDatePart(s, k+len("年"), "月")
	if !ok {
		return nil
	}
	ds, de, end, ok := idCnDatePart(s, next, "日")
	if !ok {
		return nil
	}
	return []int{ys, end, ys, ye, ms, me, ds, de}
}

// idCnDatePart matches `\s*([0-9]{1,2})\s*unit` at byte i of s, returning the digits and
// the offset after unit. A longer run of digits cannot match: the regexp needs unit after
// at most two of them.
func idCnDatePart(s string, i int, unit string) (start, end, next int, ok bool) {
	for i < len(s) && reSpace(s[i]) {
		i++
	}
	start = i
	for i < len(s) && isASCIIDigit(s[i]) {
		i++
	}
	end = i
	if end == start || end-start > 2 {
		return 0, 0, 0, false
	}
	for i < len(s) && reSpace(s[i]) {
		i++
	}
	if !strings.HasPrefix(s[i:], unit) {
		return 0, 0, 0, false
	}
	return start, end, i + len(unit), true
}

// reSpace is the regexp class \s.
func reSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }

// Labels of the publishing organ in portal metadata blocks.
var idOrganLabels = []string{"发布机构", "发文机关", "发布单位", "信息来源", "来源"}

// idOrganOf takes the organ from a report title, then the idSignature, then the page
// metadata, then a metadata line left in the text.
func idOrganOf(doc *data.Document, titles []idTitleCand, head string, sig *idSig) string {
	for _, t := range titles {
		if t.report && t.organ != "" {
			return t.organ
		}
	}
	if o, _ := sig.get(); o != "" {
		return o
	}
	if o := idCompact(doc.Meta.Publisher); o != "" {
		return o
	}
	// 本报告…由伊宁县人民政府办公室编制: the compiler named in the opening sentence.
	for i := 0; ; {
		j := strings.Index(head[i:], "由")
		if j < 0 {
			break
		}
		i += j + len("由")
		win := idPrefixBytes(head[i:], 90)
		if k := strings.Index(win, "编制"); k > 0 {
			o := win[:k]
			if m := strings.Index(o, "根据"); m > 0 {
				o = o[:m]
			}
			if o = idCompact(o); idIsOrganName(o) {
				return o
			}
		}
	}
	for _, l := range idOrganLabels {
		i := strings.Index(head, l)
		if i < 0 {
			continue
		}
		v := strings.TrimLeft(head[i+len(l):], " :：\t|")
		if j := strings.IndexAny(v, " \t\n|"); j >= 0 {
			v = v[:j]
		}
		if idIsOrganName(v) {
			return v
		}
	}
	return ""
}

// idLevelOf infers the administrative level from how an organ is named. A government's
// 办公室 publishes its government's report (labels: 广元市利州区人民政府办公室 is county),
// while a provincial 办公厅 reports as a department (METRICS: 上海市人民政府办公厅). County-
// level cities (瑞安市) cannot be told from prefecture-level ones by name; they come out
// as city until regions are resolved from codes.
func idLevelOf(organ string) string {
	o := organ
	if i := strings.IndexAny(o, "(（"); i > 0 {
		o = o[:i]
	}
	switch {
	case o == "":
		return ""
	case strings.HasPrefix(o, "国务院") && !strings.Contains(o, "部"):
		return "national"
	case strings.HasSuffix(o, "人民政府办公厅"):
		return "department"
	case strings.HasSuffix(o, "人民政府办公室"):
		return idRegionLevel(strings.TrimSuffix(o, "人民政府办公室"))
	case strings.HasSuffix(o, "街道办事处"), strings.HasSuffix(o, "街道"):
		return "township"
	case strings.HasSuffix(o, "人民政府"):
		return idRegionLevel(strings.TrimSuffix(o, "人民政府"))
	case strings.HasSuffix(o, "政府"):
		return idRegionLevel(strings.TrimSuffix(o, "政府"))
	case strings.HasSuffix(o, "管委会"), strings.HasSuffix(o, "管理委员会"):
		return idRegionLevel(strings.TrimSuffix(strings.TrimSuffix(o, "管委会"), "管理委员会"))
	}
	if l := idRegionLevel(o); l != "" {
		return l
	}
	return "department"
}

var idMunicipalities = map[string]bool{"北京市": true, "上海市": true, "天津市": true, "重庆市": true}

// idRegionLevel gives the level of a bare region name, or "" when it is not one.
func idRegionLevel(name string) string {
	switch {
	case name == "":
		return ""
	case idMunicipalities[name], strings.HasSuffix(name, "省"), strings.HasSuffix(name, "自治区") && !strings.Contains(name, "县"):
		return "province"
	case strings.HasSuffix(name, "镇"), strings.HasSuffix(name, "乡"), strings.HasSuffix(name, "街道"):
		return "township"
	case strings.HasSuffix(name, "县"), strings.HasSuffix(name, "旗"), strings.HasSuffix(name, "区"):
		return "county"
	case strings.HasSuffix(name, "市"), strings.HasSuffix(name, "州"), strings.HasSuffix(name, "盟"):
		if rs := []rune(name); strings.Count(name, "市") > 1 && len(rs) > 3 {
			return "county" // 淮安市洪泽市 style: a city within a city
		}
		return "city"
	}
	return ""
}
