package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"nianbao/data"
)

// proseKeys are the figures a prose-era report may state; each is labelled with the
// stated value or null.
var proseKeys = []string{"proactive_total", "proactive_cumulative", "proactive_yoy_pct_stated", "requests_new",
	"granted", "partial", "denied_total", "unable_not_held", "not_this_organ", "unclear",
	"reconsideration_total", "litigation_total", "complaints", "fees_yuan", "press_conferences"}

// proactiveScale is the log-mean of items disclosed in a year, by level.
var proactiveScale = map[string]float64{
	data.LevelProvince: 9.5, data.LevelCity: 8, data.LevelCounty: 6.5, data.LevelDepartment: 4.5, data.LevelTownship: 3.5,
}

// fullWidth writes digits as full-width characters, as some Word-made reports do.
func fullWidth(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r - '0' + '０')
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// proseDoc builds one prose-era report (2008–2018): sentences in the phrasings real
// reports use, with the figures the labels state.
func proseDoc(r *rand.Rand, o Organ, year int, format string) (string, *labels, []string) {
	var traps []string
	l := newLabels()
	for _, k := range proseKeys {
		l.null(k)
	}
	var paras []string
	add := func(s string) { paras = append(paras, s) }
	me := o.Short
	whole := o.whole()

	add(fmt.Sprintf("%s%d年政府信息公开工作年度报告", o.Name, year))
	add(fmt.Sprintf("根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，由%s编制本报告。全文包括概述、主动公开政府信息情况、依申请公开政府信息情况、政府信息公开的收费及减免情况、因政府信息公开申请行政复议和提起行政诉讼的情况、存在的主要问题及改进措施等内容。本报告中所列数据的统计期限自%d年1月1日起至%d年12月31日止。%s",
		office(o), year, year, contact(r, o)))
	add("一、概述")
	for _, s := range fillers(r, fillerGeneral[:6], 1+r.IntN(3), o, year) {
		add(s)
	}

	add([]string{"二、主动公开政府信息情况", "二、主动公开政府信息的情况", "二、政府信息主动公开情况"}[r.IntN(3)])
	if r.IntN(20) != 0 {
		p := max(1, lognormal(r, proactiveScale[o.Level], 1))
		printed := itoa(p)
		if p >= 100000 && r.IntN(2) == 0 {
			// 69.17万条: the label is the figure converted.
			p = int64(math.Round(float64(p)/100)) * 100
			printed = ftoa(float64(p)/10000) + "万"
			traps = append(traps, "wan_unit")
		} else if r.IntN(30) == 0 {
			printed = fullWidth(printed)
			traps = append(traps, "fullwidth_digits")
		}
		l.set("proactive_total", float64(p))
		subject := me
		if whole != "" && r.IntN(2) == 0 {
			subject = whole + "各级行政机关"
		}
		s := []string{
			fmt.Sprintf("%d年，%s共主动公开政府信息%s条", year, subject, printed),
			fmt.Sprintf("%d年%s主动公开政府信息%s条", year, subject, printed),
			fmt.Sprintf("%d年，%s通过政府门户网站主动公开信息%s条", year, subject, printed),
			fmt.Sprintf("%d年度主动公开信息的有%s条", year, printed),
		}[r.IntN(4)]
		if r.IntN(6) == 0 {
			pct := float64(r.IntN(9000)+100) / 100
			word := "同比增长"
			v := pct
			if r.IntN(4) == 0 {
				word, v = "同比下降", -pct
			}
			s += fmt.Sprintf("，%s%s%%", word, ftoa(pct))
			l.set("proactive_yoy_pct_stated", v)
		}
		if r.IntN(3) == 0 && p >= 20 {
			a := p * int64(2+r.IntN(3)) / 10
			b := p * int64(1+r.IntN(3)) / 10
			s += fmt.Sprintf("，其中机构职能类信息%d条，政策法规类信息%d条，工作动态类信息%d条", a, b, p-a-b)
		}
		add(s + "。")
		if o.Level == data.LevelCity && whole != "" && r.IntN(4) == 0 {
			// A 市本级 figure beside the whole-region one: not the report's total.
			add(fmt.Sprintf("其中市本级主动公开政府信息%d条。", p/int64(3+r.IntN(5))))
			traps = append(traps, "own_scope_beside_whole")
		}
		if r.IntN(5) == 0 {
			c := p * int64(3+r.IntN(8))
			l.set("proactive_cumulative", float64(c))
			add(fmt.Sprintf("截至%d年底，累计主动公开政府信息%d条。", year, c))
		}
	}
	if r.IntN(3) == 0 {
		add(fmt.Sprintf("“%s长信箱”共收到群众来信%d件，均已按时办理回复。", strings.TrimPrefix(me, "我"), 5+r.IntN(200)))
	}
	if (o.Level == data.LevelCity || o.Level == data.LevelProvince) && r.IntN(2) == 0 {
		n := 1 + r.IntN(40)
		l.set("press_conferences", float64(n))
		add([]string{
			fmt.Sprintf("全年召开新闻发布会%d场，及时回应社会关切。", n),
			fmt.Sprintf("通过不同渠道和方式回应解读情况：举办新闻发布会%d次，发布政策解读稿%d篇。", n, r.IntN(30)),
		}[r.IntN(2)])
	}

	add([]string{"三、依申请公开政府信息情况", "三、政府信息依申请公开办理情况"}[r.IntN(2)])
	mu, pz := requestScale(o.Level)
	var req int64
	if r.Float64() >= pz+0.1 {
		req = max(1, lognormal(r, mu-0.8, 1.2))
	}
	if req == 0 {
		l.set("requests_new", 0)
		add([]string{
			fmt.Sprintf("%d年度%s未收到政府信息公开申请。", year, me),
			fmt.Sprintf("本单位%d年度没有收到要求公开信息的申请。", year),
			"全年未接到公民、法人和其他组织提出的政府信息公开申请。",
		}[r.IntN(3)])
	} else {
		l.set("requests_new", float64(req))
		switch {
		case req <= 10 && r.IntN(8) == 0:
			add(fmt.Sprintf("%d年，%s共受理政府信息公开申请%s件。", year, me, chineseNumerals[req]))
			traps = append(traps, "chinese_numeral")
		case whole != "" && o.Level != data.LevelTownship && req >= 4 && r.IntN(6) == 0:
			// The whole region's count, then the organ's own (全市…其中市本级…).
			own := strings.Replace(whole, "全", "", 1) + "本级"
			add(fmt.Sprintf("%d年，%s共受理政府信息公开申请%d件，其中%s受理%d件。", year, whole, req, own, req/2))
			traps = append(traps, "own_scope_beside_whole")
		default:
			add(fmt.Sprintf("%d年，%s共受理政府信息公开申请%d件。", year, me, req))
		}
		if r.IntN(10) < 7 {
			proseOutcomes(r, l, req, add)
		}
	}

	add("四、政府信息公开的收费及减免情况")
	switch x := r.IntN(10); {
	case x < 6:
		l.set("fees_yuan", 0)
		add([]string{
			fmt.Sprintf("%s在受理依申请公开政府信息工作中均没有收取费用。", me),
			"全年未涉及政府信息公开的收费及减免情况。",
			fmt.Sprintf("%d年%s依申请提供政府信息未收取费用，不存在减免情况。", year, me),
		}[r.IntN(3)])
	case x < 7 && req > 0:
		n := 10 + r.IntN(500)
		l.set("fees_yuan", float64(n))
		add(fmt.Sprintf("%d年共收取政府信息公开申请检索、复制、邮寄等费用%d元。", year, n))
	}

	add("五、因政府信息公开申请行政复议、提起行政诉讼的情况")
	switch x := r.IntN(10); {
	case x < 7 || req == 0:
		l.set("reconsideration_total", 0)
		l.set("litigation_total", 0)
		add([]string{
			fmt.Sprintf("%d年度%s未发生因政府信息公开申请行政复议和提起行政诉讼的情况。", year, me),
			"全年无政府信息公开申请行政复议、提起行政诉讼的案件。",
			fmt.Sprintf("%d年，未产生针对%s政府信息公开的行政复议与行政诉讼。", year, me),
		}[r.IntN(3)])
	case x < 9:
		a, b := int64(1+r.IntN(5)), int64(r.IntN(3))
		l.set("reconsideration_total", float64(a))
		l.set("litigation_total", float64(b))
		add(fmt.Sprintf("%d年，因政府信息公开被申请行政复议%d件，被提起行政诉讼%d件。", year, a, b))
	}
	if r.IntN(4) == 0 {
		l.set("complaints", 0)
		add("全年未收到涉及政府信息公开工作的举报投诉。")
	}

	add("六、政府信息公开工作存在的主要问题及改进措施")
	for _, s := range fillers(r, fillerProblems, 1+r.IntN(2), o, year) {
		add(s)
	}
	y, m, d := pubDate(r, year, false)
	add(o.Name)
	add(fmt.Sprintf("%d年%d月%d日", y, m, d))
	return renderProse(r, paras, format), l, traps
}

var chineseNumerals = []string{"零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十"}

// proseOutcomes states how the requests were answered, in one of the two common ways.
func proseOutcomes(r *rand.Rand, l *labels, req int64, add func(string)) {
	parts := multinomial(r, req, []float64{0.55, 0.1, 0.08, 0.12, 0.1, 0.05})
	keys := []string{"granted", "partial", "denied_total", "unable_not_held", "not_this_organ", "unclear"}
	if r.IntN(2) == 0 {
		words := []string{"同意公开", "同意部分公开", "不予公开", "信息不存在", "非本机关政府信息", "申请内容不明确"}
		var cl []string
		for i, k := range keys {
			if parts[i] == 0 && r.IntN(2) == 0 {
				continue // zeros are often not mentioned: null, not 0
			}
			l.set(k, float64(parts[i]))
			cl = append(cl, fmt.Sprintf("%s%d件", words[i], parts[i]))
		}
		if len(cl) > 0 {
			add("已答复的申请中，" + strings.Join(cl, "，") + "。")
		}
		return
	}
	// prose/021: one quoted category per sentence, zeros left out.
	words := []string{"“同意公开”的", "“同意部分公开”", "“不予公开”的", "“信息不存在”的", "“非本机关政府信息”的", "“申请内容不明确”的"}
	for i, k := range keys {
		if parts[i] == 0 {
			continue
		}
		l.set(k, float64(parts[i]))
		add(fmt.Sprintf("%s%d件，占总数的%d%%。", words[i], parts[i], parts[i]*100/req))
	}
}

// renderProse lays out paragraphs as plain text, a crawler's one-line text or a portal
// page (the page wrapper is added by the caller for HTML).
func renderProse(r *rand.Rand, paras []string, format string) string {
	switch format {
	case fmtCrawler:
		return strings.Join(paras, "")
	case fmtHTML:
		var b strings.Builder
		b.WriteString(`<p style="text-align:center"><strong>` + paras[0] + "</strong></p>\n")
		for _, p := range paras[1:] {
			b.WriteString("<p>")
			if r.IntN(2) == 0 {
				b.WriteString("&nbsp;&nbsp;&nbsp;&nbsp;")
			}
			b.WriteString(p + "</p>\n")
		}
		return b.String()
	}
	return strings.Join(paras, "\n") + "\n"
}
