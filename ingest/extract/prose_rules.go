package extract

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// tailFill are the runes that may stand between an anchor phrase and its figure:
// 主动公开政府信息共计 / 的有 / 数为 / 超过 …
const tailFill = "共计合总数量为达的有是约近超过逾了 :："

// trimRight removes trailing runes of set from s.
func trimRight(s, set string) string {
	for len(s) > 0 {
		r, w := utf8.DecodeLastRuneInString(s)
		if !strings.ContainsRune(set, r) {
			break
		}
		s = s[:len(s)-w]
	}
	return s
}

// tailRunes returns at most n runes from the end of s.
func tailRunes(s string, n int) string {
	i := len(s)
	for k := 0; k < n && i > 0; k++ {
		_, w := utf8.DecodeLastRuneInString(s[:i])
		i -= w
	}
	return s[i:]
}

// headRunes returns at most n runes from the start of s.
func headRunes(s string, n int) string {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	return s[:i]
}

// figure classifies one figure n with its unit, in the clause [a,b) (ue: end of the unit).
func (p *proseReader) figure(n num, unit string, a, b, ue int) {
	s := p.s
	L := s[a:n.Start]
	R := strings.TrimLeft(s[ue:b], " ")
	pos := n.Start
	if p.yearMismatch(L) || containsAny(L, "上年", "去年", "上一年", "前年", "同期") && unit != "%" {
		return
	}
	switch unit {
	case "条":
		if p.proactiveFigure(n, L, pos) {
			return
		}
	case "%":
		p.growthFigure(n, L, pos)
		return
	case "元":
		if containsAny(L, "收费", "收取", "费用") && !containsAny(L, "支出", "减免", "经费", "预算", "资金", "补贴", "补助") &&
			containsAny(s[p.sentStart:p.sentEnd], "信息公开", "申请", "检索", "复制", "邮寄") {
			p.add("fees_yuan", p.scopeAt(pos), "元", n.Value, n.Approx, scoreMedium, pos)
		}
		return
	case "场", "次":
		if p.pressFigure(n, unit, L, R, pos) {
			return
		}
	case "人次", "条次", "件次", "篇":
		return
	}
	if unit == "场" {
		return
	}
	if p.requestFigure(n, unit, L, pos) {
		return
	}
	if p.appealFigure(n, unit, L, R, pos) {
		return
	}
	if p.complaintFigure(n, unit, L, pos) {
		return
	}
	p.outcomeFigure(n, unit, L, R, pos)
}

// yearMismatch reports a clause about another year than the report's ("2012年主动公开…"
// in a 2013 report is a comparison). Without a known report year no clause is rejected.
func (p *proseReader) yearMismatch(L string) bool {
	if p.year == 0 {
		return false
	}
	for i := 0; i+4 < len(L); i++ {
		if L[i] < '0' || L[i] > '9' || (i > 0 && L[i-1] >= '0' && L[i-1] <= '9') {
			continue
		}
		j := i
		for j < len(L) && L[j] >= '0' && L[j] <= '9' {
			j++
		}
		if j-i == 4 && strings.HasPrefix(L[j:], "年") {
			y, _ := strconv.Atoi(L[i:j])
			if y >= 2000 && y <= 2035 && y != p.year {
				return true
			}
		}
		i = j
	}
	return false
}

// proactiveAnchor rates the phrase right before a 条 figure as a statement of the number of
// proactively disclosed items.
func proactiveAnchor(L string, loose bool) int {
	t := trimRight(L, tailFill)
	// 量 is tail filler, so 新增量为 arrives here as 新增.
	if strings.HasSuffix(t, "新增") || strings.HasSuffix(t, "新增信息") {
		if strings.Contains(L, "公开") {
			return scoreMedium
		}
		return 0
	}
	if !strings.HasSuffix(t, "信息") {
		return 0
	}
	t2 := strings.TrimSuffix(t, "信息")
	if strings.HasSuffix(t2, "政府信息公开") {
		return scoreMedium
	}
	u := trimRight(t2, "政府的了各类种共")
	for _, neg := range []string{"依申请公开", "不予公开", "不公开", "非公开"} {
		if strings.HasSuffix(u, neg) {
			return 0
		}
	}
	if strings.HasSuffix(u, "主动公开") {
		return scoreStrong
	}
	if strings.HasSuffix(t2, "公开政府") {
		return scoreMedium
	}
	// A looser phrasing (公开各类信息, 审核推送信息) counts only inside a 主动公开 section and
	// not for one channel (政府网站公开信息3698条 beside 微博微信公开信息2148条): the
	// channels overlap and none of them is the organ's total.
	if loose && (strings.HasSuffix(u, "发布") || strings.HasSuffix(u, "公开") || strings.HasSuffix(u, "推送")) &&
		!containsAny(L, "填报", "报送", "上报", "制作", "网站", "微博", "微信", "公报", "媒体", "发布会", "平台", "客户端") {
		return scoreWeak
	}
	return 0
}

func (p *proseReader) proactiveFigure(n num, L string, pos int) bool {
	loose := p.inProactive(pos) || strings.Contains(p.s[p.sentStart:p.sentEnd], "主动公开")
	sc := proactiveAnchor(L, loose)
	if sc == 0 {
		return false
	}
	key := "proactive_total"
	sp := p.s[p.sentStart:pos]
	if containsAny(L, "累计", "历年", "总计至") ||
		(containsAny(sp, "截至", "截止", "至今") && !containsAny(L, "今年", "本年", "全年", "当年", "年度")) {
		if sc == scoreWeak {
			return true
		}
		key = "proactive_cumulative"
	}
	p.add(key, p.scopeAt(pos), "条", n.Value, n.Approx, sc, pos)
	if key == "proactive_total" {
		p.sentProactive = true
	}
	return true
}

// growthFigure reads a growth rate the report states for the proactive count it has just
// given in the same sentence (同比增长56.56%).
func (p *proseReader) growthFigure(n num, L string, pos int) {
	if !p.sentProactive || !containsAny(L, "同比", "上年", "去年", "上一年") {
		return
	}
	t := trimRight(L, tailFill)
	v := n.Value
	switch {
	case strings.HasSuffix(t, "增长") || strings.HasSuffix(t, "增加") || strings.HasSuffix(t, "上升") || strings.HasSuffix(t, "提高"):
	case strings.HasSuffix(t, "下降") || strings.HasSuffix(t, "减少"):
		v = -v
	default:
		return
	}
	p.add("proactive_yoy_pct_stated", p.scopeAt(pos), "%", v, n.Approx, scoreMedium, pos)
}

// pressFigure reads 召开新闻发布会33场 and 举行33场新闻发布会. 新闻发布会公开信息N条 is a
// channel count of items, excluded by its unit.
func (p *proseReader) pressFigure(n num, unit string, L, R string, pos int) bool {
	t := trimRight(L, tailFill)
	if strings.HasSuffix(t, "新闻发布会") || strings.HasPrefix(R, "新闻发布会") || strings.HasPrefix(R, "次新闻发布会") {
		p.add("press_conferences", p.scopeAt(pos), unit, n.Value, n.Approx, scoreMedium, pos)
		return true
	}
	return false
}

var requestUnits = map[string]bool{"件": true, "宗": true, "个": true, "份": true, "条": true, "例": true}

// requestFigure reads 受理/收到…申请 N件. Channel breakdowns (当面申请3件), mailbox
// messages, consultations and administrative-service cases are other counts.
func (p *proseReader) requestFigure(n num, unit string, L string, pos int) bool {
	// The breakdown of a stated request count may drop the word 申请 (全市共受理…申请180件,
	// 其中市本级受理121件); it is read only under another scope than the total's.
	if !requestUnits[unit] || !containsAny(L, "受理", "收到", "接到", "接收", "接受", "收悉") {
		return false
	}
	scope := p.scopeAt(pos)
	if !strings.Contains(L, "申请") && (p.sentRequestScope == "" || p.sentRequestScope == scope) {
		return false
	}
	if containsAny(L, "复议", "诉讼", "投诉", "举报", "咨询", "信箱", "留言", "审批", "政务服务", "事项", "方式",
		"当面", "网上", "网络", "信函", "传真", "邮件", "电话", "来信", "来访", "办结", "答复") {
		return false
	}
	if !containsAny(p.s[p.sentStart:p.sentEnd], "信息公开", "依申请", "公开申请", "政府信息") {
		return false
	}
	p.add("requests_new", scope, "件", n.Value, n.Approx, scoreMedium, pos)
	p.lastRequest = pos
	if p.sentRequestScope == "" {
		p.sentRequestScope = scope
	}
	return true
}

var appealUnits = map[string]bool{"件": true, "宗": true, "个": true, "例": true, "起": true, "次": true}

// appealFigure reads counts of 行政复议 and 行政诉讼, and the breakdown of a
// reconsideration total that follows it in the same sentence (维持…1件，其他情形2件).
func (p *proseReader) appealFigure(n num, unit string, L, R string, pos int) bool {
	if !appealUnits[unit] || containsAny(L, "费用", "支出", "经费") {
		return false
	}
	lk := strings.LastIndex(L, "复议")
	ll := strings.LastIndex(L, "诉讼")
	key := ""
	if lk >= 0 && ll >= 0 {
		// 行政复议1件、行政诉讼2件: the nearer label owns the figure when a figure stands
		// between the two; 申请行政复议和提起行政诉讼N件 does not say which.
		lo, hi := min(lk, ll), max(lk, ll)
		if !hasCountedFigure(L[lo:hi]) {
			return true
		}
		if lk > ll {
			ll = -1
		} else {
			lk = -1
		}
	}
	switch {
	case lk >= 0:
		key = "reconsideration_total"
	case ll >= 0:
		key = "litigation_total"
	default:
		if p.sentRecon {
			if k := reconPart(L); k != "" {
				p.add(k, p.scopeAt(pos), "件", n.Value, n.Approx, scoreMedium, pos)
				return true
			}
		}
		if containsAny(L, "申请", "信息", "举报", "投诉") {
			return false
		}
		h := headRunes(R, 24)
		rk, rl := strings.Contains(h, "行政复议"), strings.Contains(h, "行政诉讼")
		if rk == rl {
			return false
		}
		key = "reconsideration_total"
		if rl {
			key = "litigation_total"
		}
	}
	p.add(key, p.scopeAt(pos), "件", n.Value, n.Approx, scoreMedium, pos)
	p.sentRecon = key == "reconsideration_total"
	return true
}

// reconPart names the part of a reconsideration total a clause states.
func reconPart(L string) string {
	switch {
	case containsAny(L, "维持", "驳回"):
		return "reconsideration_upheld"
	case containsAny(L, "纠正", "撤销", "变更", "确认违法", "责令"):
		return "reconsideration_corrected"
	case containsAny(L, "审理中", "未审结", "尚未", "正在"):
		return "reconsideration_pending"
	case containsAny(L, "其他", "其它"):
		return "reconsideration_other"
	}
	return ""
}

// complaintFigure reads 举报/投诉 counts about disclosure work; mailbox messages and hotline
// calls are not complaints.
func (p *proseReader) complaintFigure(n num, unit string, L string, pos int) bool {
	if !appealUnits[unit] || !containsAny(L, "举报", "投诉", "申诉") ||
		containsAny(L, "信箱", "留言", "热线", "咨询", "电话") ||
		!strings.Contains(p.s[p.sentStart:p.sentEnd], "信息公开") {
		return false
	}
	p.add("complaints", p.scopeAt(pos), "件", n.Value, n.Approx, scoreMedium, pos)
	return true
}

var outcomeUnits = map[string]bool{"件": true, "宗": true, "个": true, "份": true}

// outcomeFigure reads how requests were answered: "同意公开"的7件, 有13件…不予公开答复.
// 不予公开信息有10条 counts items classified as not disclosable, not refusals; the unit
// 条 without 答复 keeps it out.
func (p *proseReader) outcomeFigure(n num, unit string, L, R string, pos int) {
	if !outcomeUnits[unit] && !(unit == "条" && strings.Contains(L, "答复")) {
		return
	}
	if containsAny(L, "复议", "诉讼", "依申请公开信息", "主动公开", "举报", "投诉") {
		return
	}
	if !containsAny(p.s[p.sentStart:p.sentEnd], "申请", "答复") && pos-p.lastRequest > 3000 {
		return
	}
	if itemsNotRequests(L) {
		return
	}
	key := outcomeIn(tailRunes(L, 24))
	if key == "" && !containsAny(L, "公开", "存在", "明确", "机关") {
		key = outcomeIn(headRunes(R, 24))
	}
	if key == "" || key == "?" {
		return
	}
	p.add(key, p.scopeAt(pos), "件", n.Value, n.Approx, scoreMedium, pos)
}

// itemsNotRequests reports 不予公开信息10件-style phrasing: an outcome word followed
// directly by 信息 classifies information items; a quoted category ("非本机关政府信息")
// is a request outcome.
func itemsNotRequests(L string) bool {
	for _, w := range []string{"公开信息", "公开的信息", "公开政府信息", "公开的政府信息"} {
		if i := strings.LastIndex(L, w); i >= 0 && !strings.Contains(L[i:], "”") && !strings.Contains(L[i:], "\"") {
			return true
		}
	}
	return false
}

var (
	partialWords = []string{"部分公开"}
	deniedWords  = []string{"不予公开", "不同意公开", "否决公开", "不予以公开", "不公开"}
	notThisWords = []string{"非本机关", "不属于本机关", "非本行政机关", "不属于本行政机关", "非本单位", "不属于本单位", "非本部门", "不属于本部门"}
	notHeldWords = []string{"信息不存在", "不存在", "不掌握", "未掌握", "没有掌握"}
	unclearWords = []string{"不明确"}
	grantWords   = []string{"同意公开", "予以公开", "公开答复", "已公开", "全部公开"}
)

// outcomeIn returns the single outcome a phrase names, "" for none and "?" when it names
// several (4件申请内容不明确或申请信息不存在).
func outcomeIn(t string) string {
	found := ""
	n := 0
	rest := t
	for _, g := range []struct {
		key   string
		words []string
	}{
		{"partial", partialWords}, {"denied_total", deniedWords}, {"not_this_organ", notThisWords},
		{"unable_not_held", notHeldWords}, {"unclear", unclearWords},
	} {
		hit := false
		for _, w := range g.words {
			if strings.Contains(rest, w) {
				hit = true
				rest = strings.ReplaceAll(rest, w, "#")
			}
		}
		if hit {
			found = g.key
			n++
		}
	}
	if containsAny(rest, grantWords...) {
		found = "granted"
		n++
	}
	if n > 1 {
		return "?"
	}
	return found
}

// negators open a statement of none; each is checked to come before its keyword. A bare
// 未 is too loose (尚未办结, 未及时答复引起行政复议), so only its fixed forms count.
var negators = []string{"没有", "无", "不存在", "暂不", "不收取", "不收费", "未收到", "未接到", "未受理",
	"未发生", "未产生", "未有", "未出现", "未涉及", "未收取", "未收费", "未曾", "未接收", "均未"}

// negationAt returns the byte index of the first negator in t, or -1. It walks t once,
// trying the negators only where their first rune stands: this runs on every clause.
func negationAt(t string) int {
	for i := 0; i < len(t); {
		r, w := decodeRune(t[i:])
		switch r {
		case '没', '无', '不', '未', '暂', '均':
			for _, ng := range negators {
				if !strings.HasPrefix(t[i:], ng) {
					continue
				}
				after := t[i+len(ng):]
				if ng == "无" && (strings.HasPrefix(after, "法") || strings.HasPrefix(after, "论") ||
					strings.HasPrefix(after, "正当") || strings.HasPrefix(after, "须") || strings.HasPrefix(after, "需") ||
					strings.HasSuffix(t[:i], "有")) {
					continue // 无法, 无论, 无正当理由, 有无 (whether)
				}
				return i
			}
		}
		i += w
	}
	return -1
}

// hasCountedFigure reports a digit followed by a case unit: a clause that counts
// (因未及时答复引发行政复议1件) is read as a figure, not as a statement of none.
func hasCountedFigure(t string) bool {
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			continue
		}
		j := i
		for j < len(t) && t[j] >= '0' && t[j] <= '9' {
			j++
		}
		if u, _ := unitAt(t, j, len(t)); u != "" && u != "%" {
			return true
		}
		i = j
	}
	return false
}

// zeroClause reads statements of none in the clause [a,b): 未收到…申请, 没有收费,
// 未发生行政复议和行政诉讼, 未收到…举报. When negA ≥ 0 the clause [negA,negB) is negated as
// a whole ("收费情况：无").
func (p *proseReader) zeroClause(a, b, negA, negB int) {
	s := p.s
	t := s[a:b]
	neg := 0
	if negA >= 0 {
		t = s[negA:negB]
		a = negA
	} else {
		neg = negationAt(t)
		if neg < 0 {
			return
		}
	}
	after := t[neg:]
	pos := a + neg
	if hasCountedFigure(after) {
		return
	}
	sent := s[p.sentStart:p.sentEnd]
	if i := strings.Index(after, "申请"); i >= 0 && i <= 90 && !strings.HasPrefix(after[i:], "申请人") &&
		containsAny(t, "信息", "公开") &&
		!containsAny(t, "复议", "诉讼", "收费", "费用", "减免", "投诉", "举报", "咨询", "信箱", "留言", "补正", "答复") {
		p.add("requests_new", p.scopeAt(pos), "件", 0, false, scoreMedium, pos)
		p.lastRequest = pos
	}
	if !containsAny(t, "费用", "支出", "经费") {
		if strings.Contains(after, "行政复议") || (negA >= 0 && strings.Contains(after, "复议")) {
			p.add("reconsideration_total", p.scopeAt(pos), "件", 0, false, scoreMedium, pos)
		}
		if strings.Contains(after, "行政诉讼") {
			p.add("litigation_total", p.scopeAt(pos), "件", 0, false, scoreMedium, pos)
		}
	}
	if containsAny(after, "举报", "投诉", "申诉") && strings.Contains(sent, "信息公开") &&
		!containsAny(t, "信箱", "留言", "电话", "热线", "渠道") {
		p.add("complaints", p.scopeAt(pos), "件", 0, false, scoreMedium, pos)
	}
	// A fee line may stand alone under a heading ("收费情况：无"), so the disclosure
	// context is looked for a little before the sentence too.
	ctx := s[max(0, p.sentStart-300):p.sentEnd]
	if containsAny(after, "收费", "收取", "费用") && !containsAny(t, "支出", "经费", "减免收费", "减免费用") &&
		containsAny(ctx, "信息", "申请") {
		p.add("fees_yuan", p.scopeAt(pos), "元", 0, false, scoreMedium, pos)
	}
}
