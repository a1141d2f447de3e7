package synth

import (
	"math"
	"math/rand/v2"

	"nianbao/data"
)

// Cell marks: how a table cell is printed. A blank cell is a zero that was not typed (the
// template's instructions), "/" says "not applicable" and states no number.
const (
	markNum   byte = 0
	markBlank byte = 'b'
	markSlash byte = '/'
)

// row3 is one row of 表三: its metric key, its label and the group heading it sits under.
type row3 struct {
	key, label, group string
}

// table3Rows2019 is 表三 of the 2019 template in print order; table3Rows2021 replaces the
// single （六）其他处理 row with its three sub-rows.
var table3Rows2019, table3Rows2021 = func() ([]row3, []row3) {
	head := []row3{
		{"requests_new", "一、本年新收政府信息公开申请数量", ""},
		{"requests_carried_over", "二、上年结转政府信息公开申请数量", ""},
		{"granted", "（一）予以公开", "三、本年度办理结果"},
		{"partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "三、本年度办理结果"},
		{"denied_state_secret", "1.属于国家秘密", "（三）不予公开"},
		{"denied_law_forbidden", "2.其他法律行政法规禁止公开", "（三）不予公开"},
		{"denied_three_safety", "3.危及“三安全一稳定”", "（三）不予公开"},
		{"denied_third_party", "4.保护第三方合法权益", "（三）不予公开"},
		{"denied_internal_affairs", "5.属于三类内部事务信息", "（三）不予公开"},
		{"denied_process_info", "6.属于四类过程性信息", "（三）不予公开"},
		{"denied_enforcement_file", "7.属于行政执法案卷", "（三）不予公开"},
		{"denied_query_matter", "8.属于行政查询事项", "（三）不予公开"},
		{"unable_not_held", "1.本机关不掌握相关政府信息", "（四）无法提供"},
		{"unable_needs_creation", "2.没有现成信息需要另行制作", "（四）无法提供"},
		{"unable_unclear", "3.补正后申请内容仍不明确", "（四）无法提供"},
		{"np_petition", "1.信访举报投诉类申请", "（五）不予处理"},
		{"np_repeat", "2.重复申请", "（五）不予处理"},
		{"np_publication", "3.要求提供公开出版物", "（五）不予处理"},
		{"np_mass_repeat", "4.无正当理由大量反复申请", "（五）不予处理"},
		{"np_confirm", "5.要求行政机关确认或重新出具已获取信息", "（五）不予处理"},
	}
	tail := []row3{
		{"concluded_total", "（七）总计", "三、本年度办理结果"},
		{"carried_forward", "四、结转下年度继续办理", ""},
	}
	r19 := append(append(append([]row3{}, head...), row3{"other_total", "（六）其他处理", "三、本年度办理结果"}), tail...)
	r21 := append(append(append([]row3{}, head...),
		row3{"other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "（六）其他处理"},
		row3{"other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "（六）其他处理"},
		row3{"other_other", "3.其他", "（六）其他处理"}), tail...)
	return r19, r21
}()

// groups of 表三 whose totals the template does not print: labels carry their sums, as
// the extractor derives them.
var groups3 = []struct {
	total string
	parts []string
}{
	{"denied_total", []string{"denied_state_secret", "denied_law_forbidden", "denied_three_safety", "denied_third_party", "denied_internal_affairs", "denied_process_info", "denied_enforcement_file", "denied_query_matter"}},
	{"unable_total", []string{"unable_not_held", "unable_needs_creation", "unable_unclear"}},
	{"not_processed_total", []string{"np_petition", "np_repeat", "np_publication", "np_mass_repeat", "np_confirm"}},
	{"other_total", []string{"other_no_correction", "other_unpaid_fee", "other_other"}},
}

// colSuffix are the applicant columns in the template's order, then 总计.
var colSuffix = [7]string{"_np", "_com", "_res", "_soc", "_law", "_oth", ""}

// applicantWeights: natural persons file almost every request.
var applicantWeights = []float64{0.86, 0.07, 0.004, 0.006, 0.03, 0.03}

// outcome leaf weights of a concluded request, by row key.
var outcomeWeights = map[string]float64{
	"granted": 0.40, "partial": 0.07,
	"denied_state_secret": 0.008, "denied_law_forbidden": 0.006, "denied_three_safety": 0.004, "denied_third_party": 0.01,
	"denied_internal_affairs": 0.01, "denied_process_info": 0.012, "denied_enforcement_file": 0.004, "denied_query_matter": 0.008,
	"unable_not_held": 0.22, "unable_needs_creation": 0.05, "unable_unclear": 0.04,
	"np_petition": 0.05, "np_repeat": 0.03, "np_publication": 0.004, "np_mass_repeat": 0.006, "np_confirm": 0.004,
	"other_total": 0.064, "other_no_correction": 0.035, "other_unpaid_fee": 0.004, "other_other": 0.025,
}

// tableVals is one report's template tables as printed: values and marks by key, the
// applicant columns then 总计 for 表三.
type tableVals struct {
	t2021 bool
	rows  []row3
	t3    map[string]*[7]int64
	mark3 map[string]*[7]byte
	t4    [15]int64
	mark4 [15]byte
	t2    []t2Row
	// incons lists what is odd in the source, for the label's source_inconsistencies.
	incons []string
	// blankTotals: the 总计 column is left blank for the outcome rows (t2019/001).
	blankTotals bool
	// crawl is what a crawler rendering printed per row (nil for other renderings).
	crawl *crawlerRows
	// commas: figures of four digits or more printed with thousands separators.
	commas bool
}

// t2Row is one row of 表二: its label, printed cells, the metric key of each cell ("" for
// a cell no metric names), the unit the cells are printed with.
type t2Row struct {
	section string // 第二十条第（一）项 …
	head    []string
	label   string
	cells   []string // printed text ("" blank, "/" not applicable)
	keys    []string
	vals    []float64
}

// docsRow is a 表二 row of documents (规章 or 规范性文件) under 第二十条第（一）项, in the
// columns of head; asNA prints every cell as the not-applicable mark na instead.
func docsRow(head []string, label string, keys []string, vals []int64, asNA bool, na string, num func(int64) string) t2Row {
	row := t2Row{section: "第二十条第（一）项", head: head, label: label, keys: keys}
	for _, v := range vals {
		if asNA {
			row.cells = append(row.cells, na)
			row.vals = append(row.vals, 0)
			continue
		}
		row.cells = append(row.cells, num(v))
		row.vals = append(row.vals, float64(v))
	}
	return row
}

// lognormal draws a count: exp(N(mu, sigma)), rounded.
func lognormal(r *rand.Rand, mu, sigma float64) int64 {
	return int64(math.Round(math.Exp(mu + sigma*r.NormFloat64())))
}

// requestScale is the log-mean of a year's requests by level, and the chance of none.
func requestScale(level string) (mu float64, pZero float64) {
	switch level {
	case data.LevelProvince:
		return 5.5, 0.02
	case data.LevelCity:
		return 4.2, 0.06
	case data.LevelCounty:
		return 2.6, 0.2
	case data.LevelTownship:
		return 0.5, 0.75
	}
	return 1.2, 0.5
}

// requestCount draws a report's new requests: many zeros, log-normal otherwise, with a
// long tail (a big city office handles thousands).
func requestCount(r *rand.Rand, level string) int64 {
	mu, pz := requestScale(level)
	if r.Float64() < pz {
		return 0
	}
	return min(max(lognormal(r, mu, 1.3), 1), 60000)
}

// multinomial splits n into len(w) parts with probabilities w (normalised).
func multinomial(r *rand.Rand, n int64, w []float64) []int64 {
	out := make([]int64, len(w))
	total := 0.0
	for _, x := range w {
		total += x
	}
	if n <= 400 {
		for range n {
			x := r.Float64() * total
			i := 0
			for ; i < len(w)-1 && x >= w[i]; i++ {
				x -= w[i]
			}
			out[i]++
		}
		return out
	}
	// Large n: proportional shares with noise, the remainder to the largest share.
	var used int64
	big := 0
	for i, x := range w {
		if x > w[big] {
			big = i
		}
		mean := float64(n) * x / total
		v := int64(math.Round(mean + r.NormFloat64()*math.Sqrt(mean)))
		out[i] = max(v, 0)
		used += out[i]
	}
	out[big] += n - used
	if out[big] < 0 {
		out[big] = 0
	}
	return out
}

// genTable3 fills 表三 with consistent values: per applicant column, new + carried over =
// concluded + carried forward, the outcome rows adding up to the concluded total.
func genTable3(r *rand.Rand, tv *tableVals, level string) {
	tv.t3 = map[string]*[7]int64{}
	tv.mark3 = map[string]*[7]byte{}
	for _, row := range tv.rows {
		tv.t3[row.key] = &[7]int64{}
		tv.mark3[row.key] = &[7]byte{}
	}
	n := requestCount(r, level)
	newCols := multinomial(r, n, applicantWeights)
	var leaves []string
	var lw []float64
	for _, row := range tv.rows {
		if w, ok := outcomeWeights[row.key]; ok {
			leaves = append(leaves, row.key)
			lw = append(lw, w)
		}
	}
	for c := range 6 {
		nw := newCols[c]
		var co, cf int64
		if nw > 0 && r.IntN(3) == 0 {
			co = int64(float64(nw)*0.06*r.Float64() + 0.5)
		}
		if nw > 0 && r.IntN(3) == 0 {
			cf = min(int64(float64(nw)*0.08*r.Float64()+0.5), nw+co)
		}
		concluded := nw + co - cf
		parts := multinomial(r, concluded, lw)
		tv.t3["requests_new"][c] = nw
		tv.t3["requests_carried_over"][c] = co
		tv.t3["carried_forward"][c] = cf
		tv.t3["concluded_total"][c] = concluded
		for i, k := range leaves {
			tv.t3[k][c] = parts[i]
		}
	}
	for _, row := range tv.rows {
		v := tv.t3[row.key]
		v[6] = v[0] + v[1] + v[2] + v[3] + v[4] + v[5]
	}
}

// genTable4 fills 表四: reconsideration and litigation, rare and small.
func genTable4(r *rand.Rand, tv *tableVals, requests int64) {
	for g := range 3 {
		p := []float64{0.8, 0.15, 0.08}[g]
		var total int64
		if requests > 0 && r.Float64() < p*math.Min(1, float64(requests)/40+0.1) {
			total = max(1, lognormal(r, math.Log(float64(requests)+1)-2.5+[]float64{0, -0.5, -1.2}[g], 0.8))
		}
		parts := multinomial(r, total, []float64{0.65, 0.1, 0.15, 0.1})
		copy(tv.t4[g*5:g*5+4], parts)
		tv.t4[g*5+4] = total
	}
}

// genTable2 fills 表二 for the template. Governments without legislative power print 0 or
// "/" for 规章; the counts of decisions follow the size of the organ.
func genTable2(r *rand.Rand, tv *tableVals, level string, slashNA bool) {
	lawPower := level == data.LevelProvince || level == data.LevelCity
	scale := map[string]float64{data.LevelProvince: 7, data.LevelCity: 6, data.LevelCounty: 5, data.LevelDepartment: 3.5, data.LevelTownship: 1}[level]
	count := func(mu float64, pz float64) int64 {
		if r.Float64() < pz {
			return 0
		}
		return max(0, lognormal(r, mu, 1.2))
	}
	num := func(v int64) string { return itoa(v) }
	// na is what a government without legislative power prints in the 规章 row.
	na := ""
	if !lawPower {
		na = "0"
		if slashNA {
			na = "/"
		}
	}
	if tv.t2021 {
		issued, repealed := count(1, 0.6), count(0.5, 0.8)
		inForce := issued + count(3, 0.2)
		nIssued, nRepealed := count(1.5, 0.4), count(1, 0.6)
		nInForce := nIssued + count(3, 0.1)
		rowsDocs := [][]int64{{issued, repealed, inForce}, {nIssued, nRepealed, nInForce}}
		for i, label := range []string{"规章", "行政规范性文件"} {
			keys := []string{"regulations_issued", "regulations_repealed", "regulations_in_force"}
			if i == 1 {
				keys = []string{"normative_issued", "normative_repealed", "normative_in_force"}
			}
			tv.t2 = append(tv.t2, docsRow([]string{"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"}, label, keys, rowsDocs[i], i == 0 && na != "", na, num))
		}
		for _, d := range []struct{ sec, label, key string }{
			{"第二十条第（五）项", "行政许可", "licensing_decisions"},
			{"第二十条第（六）项", "行政处罚", "penalty_decisions"},
			{"第二十条第（六）项", "行政强制", "coercion_decisions"},
		} {
			v := count(scale+map[string]float64{"行政许可": 1, "行政处罚": 0.3, "行政强制": -1.5}[d.label], 0.3)
			tv.t2 = append(tv.t2, t2Row{section: d.sec, head: []string{"信息内容", "本年处理决定数量"}, label: d.label,
				cells: []string{num(v)}, keys: []string{d.key}, vals: []float64{float64(v)}})
		}
		fee := 0.0
		if r.IntN(3) == 0 {
			fee = math.Round(math.Exp(scale-1+r.NormFloat64())*100) / 100
		}
		tv.t2 = append(tv.t2, t2Row{section: "第二十条第（八）项", head: []string{"信息内容", "本年收费金额（单位：万元）"}, label: "行政事业性收费",
			cells: []string{ftoa(fee)}, keys: []string{"fees_amount_wan"}, vals: []float64{fee}})
		return
	}
	for i, label := range []string{"规章", "规范性文件"} {
		made := count(1.2, 0.5)
		total := made + count(3.5, 0.1)
		keys := []string{"regulations_made", "regulations_published", "regulations_public_total"}
		if i == 1 {
			keys = []string{"normative_made", "normative_published", "normative_public_total"}
		}
		tv.t2 = append(tv.t2, docsRow([]string{"信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"}, label, keys, []int64{made, made, total}, i == 0 && na != "", na, num))
	}
	for _, d := range []struct{ sec, label, key string }{
		{"第二十条第（五）项", "行政许可", "licensing_decisions"},
		{"第二十条第（五）项", "其他对外管理服务事项", ""},
		{"第二十条第（六）项", "行政处罚", "penalty_decisions"},
		{"第二十条第（六）项", "行政强制", "coercion_decisions"},
	} {
		items := count(3, 0.3)
		delta := int64(r.IntN(7)) - 2
		if items+delta < 0 {
			delta = 0
		}
		v := count(scale, 0.3)
		tv.t2 = append(tv.t2, t2Row{section: d.sec, head: []string{"信息内容", "上一年项目数量", "本年增/减", "处理决定数量"}, label: d.label,
			cells: []string{num(items), num(delta), num(v)}, keys: []string{"", "", d.key}, vals: []float64{float64(items), float64(delta), float64(v)}})
	}
	fees := count(1.5, 0.5)
	tv.t2 = append(tv.t2, t2Row{section: "第二十条第（八）项", head: []string{"信息内容", "上一年项目数量", "本年增/减"}, label: "行政事业性收费",
		cells: []string{num(fees), "0"}, keys: []string{"", ""}, vals: []float64{float64(fees), 0}})
	projects := count(2, 0.4)
	amount := 0.0
	if projects > 0 {
		amount = math.Round(math.Exp(13+r.NormFloat64())*float64(projects)) / 100
		if r.IntN(2) == 0 {
			amount = math.Round(amount)
		}
	}
	tv.t2 = append(tv.t2, t2Row{section: "第二十条第（九）项", head: []string{"信息内容", "采购项目数量", "采购总金额"}, label: "政府集中采购",
		cells: []string{num(projects), ftoa(amount)}, keys: []string{"procurement_projects", "procurement_amount_yuan"}, vals: []float64{float64(projects), amount}})
}
