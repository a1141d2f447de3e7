package analytics

import "strings"

// Column documents one column of a view: the data dictionary researchers cite.
type Column struct {
	Name       string
	Type       string // integer, number, text, boolean, date, list
	Unit       string // 件, 条, 元, share (0–1), year, …; empty when not a quantity
	Definition string
}

// Columns returns the columns of view v, in the order the view has them; nil for an
// unknown view. The tests hold each view's SQL to this list.
func Columns(v View) []Column {
	switch v {
	case ViewReports:
		cols := cols(identity("report_id document_sha256 source_path source_url organ region_code province_code province city county level year published template is_annual_report extractor_version key_area_coverage"))
		for _, m := range metricDefs {
			cols = append(cols, Column{Name: m[0], Type: "number", Unit: m[1],
				Definition: m[2] + " (METRICS.md; scope whole, 总计 column; empty when not stated or na)"})
		}
		return cols
	case ViewFacts:
		return cols(identity("report_id document_sha256 organ region_code province_code province city county level year"),
			Column{"key", "text", "", "METRICS.md key of the value"},
			Column{"scope", "text", "", "whole (the organ or region the report covers), own (本级 only) or a named sub-unit"},
			Column{"value", "number", "see unit", "the value; empty for an na cell"},
			Column{"semantic", "text", "", "number, zero (a printed 0), blank (an empty cell of a filled table), na (/, —, 无)"},
			Column{"unit", "text", "", "unit of value (件, 条, 元, 万元, %)"},
			Column{"method", "text", "", "table2019, table2021, prose or derived"},
			Column{"evidence", "text", "", "the exact source text or table cell the value came from"},
			Column{"offset", "integer", "characters", "character offset of the evidence in the normalised text"},
			Column{"approx", "boolean", "", "the source qualifies the figure (多, 余, 近, 超过)"})
	case ViewIndicators:
		c := cols(identity("report_id document_sha256 organ region_code province_code province city county level year published template"))
		for _, r := range rateDefs {
			c = append(c, rateColumns(r[0], r[1], r[2], r[3])...)
		}
		return append(c,
			Column{"key_area_coverage", "number", "share (0–1)", "share of the key areas listed for the year that the report discusses, as the extractor scored it"},
			Column{"deadline", "date", "", "legal publication deadline: up to report year 2018 31 March of the next year; from 2019 31 January for departments, 31 March for county-or-higher governments; empty for townships and unknown levels from 2019"},
			Column{"on_time", "boolean", "", "published on or before the deadline; empty when the date or the deadline is unknown"},
			Column{"consistency_ok", "boolean", "", "both identities hold (requests_balance and concluded_sum); false if either fails, empty if not both checked"})
	case ViewGrowth:
		return cols(identity("organ region_code province_code province level year"),
			Column{"metric", "text", "", "METRICS.md key"},
			Column{"value", "number", "metric's unit", "value in year (scope whole)"},
			Column{"prev_value", "number", "metric's unit", "the same organ's value in year − 1; empty when that year is not stored"},
			Column{"change", "number", "metric's unit", "value − prev_value"},
			Column{"yoy", "number", "share (0.25 = +25%)", "yoy_<metric> = (value − prev_value) / prev_value; empty when either is missing or prev_value is 0"},
			Column{"base_year", "integer", "year", "first year of the CAGR span (--from, else the organ's first year stating the metric)"},
			Column{"base_value", "number", "metric's unit", "value in base_year"},
			Column{"cagr", "number", "share per year", "cagr_<metric> = (value / base_value)^(1 / (year − base_year)) − 1; empty when base_value ≤ 0 or missing, or year ≤ base_year"})
	case ViewRankings:
		return cols(
			Column{"indicator", "text", "", "the rate ranked: grant_rate, refusal_rate, nondisclosure_rate or correction_rate"},
			Column{"peer_group", "text", "", "group ranked together: level:province_code (peer) or the parent region's code (parent)"},
			identity("organ region_code province_code province level"),
			Column{"first_year", "integer", "year", "first year of the span with a rate"},
			Column{"last_year", "integer", "year", "last year of the span with a rate"},
			Column{"years", "integer", "years", "years summed"},
			Column{"numerator", "number", "件", "numerator summed over the span"},
			Column{"denominator", "number", "件", "denominator summed over the span"},
			Column{"rate", "number", "share (0–1)", "numerator / denominator"},
			Column{"rate_lo", "number", "share (0–1)", "Wilson 95% interval, lower bound"},
			Column{"rate_hi", "number", "share (0–1)", "Wilson 95% interval, upper bound"},
			Column{"small_n", "boolean", "", "denominator < 30: the raw rate is unreliable"},
			Column{"peer_rate", "number", "share (0–1)", "pooled rate of the group, Σ numerator / Σ denominator"},
			Column{"prior_strength", "number", "pseudo-cases", "α+β of the group's beta prior (Kleinman's method of moments); empty = infinite (rates vary no more than chance: all pulled to peer_rate)"},
			Column{"shrunk_rate", "number", "share (0–1)", "empirical-Bayes rate (numerator + prior_strength·peer_rate) / (denominator + prior_strength), the ranking key"},
			Column{"rank", "integer", "", "1 = highest shrunk_rate in the group"},
			Column{"peer_size", "integer", "organs", "organs in the group"},
			Column{"percentile", "number", "share (0–1)", "share of the group with a shrunk_rate at or below this one"})
	case ViewCoverage:
		return cols(identity("report_id document_sha256 organ region_code province_code province level year"),
			Column{"area", "text", "", "key area (重点领域) listed for the year"},
			Column{"mentioned", "boolean", "", "the report discusses the area"},
			Column{"evidence", "text", "", "the sentence that shows it"},
			Column{"offset", "integer", "characters", "offset of the evidence in the normalised text"},
			Column{"stated_count", "integer", "条", "items disclosed in the area, when the report states it"},
			Column{"key_area_coverage", "number", "share (0–1)", "share of the year's listed areas the report mentions"},
			Column{"areas_listed", "integer", "areas", "areas listed for the year"})
	case ViewQuality:
		return cols(
			Column{"kind", "text", "", "missing (no report stored), late, failed_check, cross_year"},
			identity("organ region_code province_code province level year report_id document_sha256 source_path"),
			Column{"check_name", "text", "", "the check that failed (requests_balance, concluded_sum, …, on_time, cross_year)"},
			Column{"detail", "text", "", "the numbers or dates of the problem"},
			Column{"evidence", "text", "", "source text of the figures involved, when known"})
	case ViewDictionary:
		return cols(
			Column{"view", "text", "", "export view (--what)"},
			Column{"column", "text", "", "column name"},
			Column{"type", "text", "", "integer, number, text, boolean, date or list"},
			Column{"unit", "text", "", "unit of the values"},
			Column{"definition", "text", "", "what the column means"})
	}
	return nil
}

func cols(parts ...any) []Column {
	var out []Column
	for _, p := range parts {
		switch v := p.(type) {
		case Column:
			out = append(out, v)
		case []Column:
			out = append(out, v...)
		}
	}
	return out
}

// identityDefs are the report identity columns METRICS.md defines.
var identityDefs = map[string]Column{
	"report_id":         {"report_id", "text", "", "sha256 of the report's normalised text, first 16 hex chars"},
	"document_sha256":   {"document_sha256", "text", "", "SHA-256 of the stored document's raw bytes"},
	"source_path":       {"source_path", "text", "", "where the document came from (file)"},
	"source_url":        {"source_url", "text", "", "where the document came from (URL)"},
	"organ":             {"organ", "text", "", "发布机关 as written"},
	"region_code":       {"region_code", "text", "", "GB/T 2260 code of the organ's region"},
	"province_code":     {"province_code", "text", "", "GB/T 2260 code of the province: the first two digits of region_code + 0000 (what peer groups and the lake's partitions use)"},
	"province":          {"province", "text", "", "name of the province resolved from region_code, e.g. 江苏省 (METRICS.md)"},
	"city":              {"city", "text", "", "name of the prefecture-level city resolved from region_code, e.g. 淮安市; empty for a province, a municipality's district or a county under a province directly"},
	"county":            {"county", "text", "", "name of the county-level region resolved from region_code, e.g. 洪泽区; empty above county level"},
	"level":             {"level", "text", "", "national, province, city, county, township or department"},
	"year":              {"year", "integer", "year", "the year the report is about"},
	"published":         {"published", "date", "", "publication date"},
	"template":          {"template", "text", "", "prose, t2019 or t2021"},
	"is_annual_report":  {"is_annual_report", "boolean", "", "false for pages about disclosure work that are not annual reports"},
	"extractor_version": {"extractor_version", "text", "", "version of the extractor that produced the row"},
	"key_area_coverage": {"key_area_coverage", "number", "share (0–1)", "share of the year's key areas the report discusses"},
}

func identity(names string) []Column {
	var out []Column
	for _, n := range strings.Fields(names) {
		out = append(out, identityDefs[n])
	}
	return out
}

// rateDefs: name, numerator, denominator, unit of the counts.
var rateDefs = [][4]string{
	{"grant_rate", "granted + partial", "concluded_total", "件"},
	{"refusal_rate", "denied_total", "concluded_total", "件"},
	{"nondisclosure_rate", "denied_total + unable_total + not_processed_total", "concluded_total", "件"},
	{"correction_rate", "reconsideration_corrected + litigation_direct_corrected + litigation_after_review_corrected",
		"the three totals − their pending", "件"},
}

func rateColumns(name, num, den, unit string) []Column {
	return []Column{
		{name, "number", "share (0–1)", "(" + num + ") / (" + den + "); empty when a part is not stated or the denominator is 0"},
		{name + "_num", "number", unit, "numerator: " + num},
		{name + "_den", "number", unit, "denominator: " + den},
		{name + "_lo", "number", "share (0–1)", "Wilson 95% interval, lower bound"},
		{name + "_hi", "number", "share (0–1)", "Wilson 95% interval, upper bound"},
	}
}

// metricDefs are the report_metrics columns: key, unit, meaning (METRICS.md).
var metricDefs = [][3]string{
	{"requests_new", "件", "一、本年新收政府信息公开申请数量"},
	{"requests_carried_over", "件", "二、上年结转政府信息公开申请数量"},
	{"granted", "件", "（一）予以公开"},
	{"partial", "件", "（二）部分公开"},
	{"denied_state_secret", "件", "（三）不予公开 1.属于国家秘密"},
	{"denied_law_forbidden", "件", "不予公开 2.其他法律行政法规禁止公开"},
	{"denied_three_safety", "件", "不予公开 3.危及“三安全一稳定”"},
	{"denied_third_party", "件", "不予公开 4.保护第三方合法权益"},
	{"denied_internal_affairs", "件", "不予公开 5.属于三类内部事务信息"},
	{"denied_process_info", "件", "不予公开 6.属于四类过程性信息"},
	{"denied_enforcement_file", "件", "不予公开 7.属于行政执法案卷"},
	{"denied_query_matter", "件", "不予公开 8.属于行政查询事项"},
	{"denied_total", "件", "不予公开, sum of the eight rows"},
	{"unable_not_held", "件", "（四）无法提供 1.本机关不掌握相关政府信息"},
	{"unable_needs_creation", "件", "无法提供 2.没有现成信息需要另行制作"},
	{"unable_unclear", "件", "无法提供 3.补正后申请内容仍不明确"},
	{"unable_total", "件", "无法提供, sum of the three rows"},
	{"np_petition", "件", "（五）不予处理 1.信访举报投诉类申请"},
	{"np_repeat", "件", "不予处理 2.重复申请"},
	{"np_publication", "件", "不予处理 3.要求提供公开出版物"},
	{"np_mass_repeat", "件", "不予处理 4.无正当理由大量反复申请"},
	{"np_confirm", "件", "不予处理 5.要求行政机关确认或重新出具已获取信息"},
	{"not_processed_total", "件", "不予处理, sum of the five rows"},
	{"other_no_correction", "件", "（六）其他处理 1.逾期不补正 (2021 format)"},
	{"other_unpaid_fee", "件", "其他处理 2.逾期未缴纳费用 (2021 format)"},
	{"other_other", "件", "其他处理 3.其他 (2021 format)"},
	{"other_total", "件", "（六）其他处理"},
	{"concluded_total", "件", "（七）总计"},
	{"carried_forward", "件", "四、结转下年度继续办理"},
	{"regulations_issued", "件", "规章 本年制发 (2021)"},
	{"regulations_repealed", "件", "规章 本年废止 (2021)"},
	{"regulations_in_force", "件", "规章 现行有效 (2021)"},
	{"normative_issued", "件", "行政规范性文件 本年制发 (2021)"},
	{"normative_repealed", "件", "行政规范性文件 本年废止 (2021)"},
	{"normative_in_force", "件", "行政规范性文件 现行有效 (2021)"},
	{"regulations_made", "件", "规章 本年新制作 (2019)"},
	{"regulations_published", "件", "规章 本年新公开 (2019)"},
	{"regulations_public_total", "件", "规章 对外公开总数量 (2019)"},
	{"normative_made", "件", "规范性文件 本年新制作 (2019)"},
	{"normative_published", "件", "规范性文件 本年新公开 (2019)"},
	{"normative_public_total", "件", "规范性文件 对外公开总数量 (2019)"},
	{"licensing_decisions", "件", "行政许可 本年处理决定数量"},
	{"penalty_decisions", "件", "行政处罚 本年处理决定数量"},
	{"coercion_decisions", "件", "行政强制 本年处理决定数量"},
	{"fees_amount_wan", "万元", "行政事业性收费 本年收费金额 (2021)"},
	{"procurement_projects", "项", "政府集中采购 项目数量 (2019)"},
	{"procurement_amount_yuan", "元", "政府集中采购 总金额 (2019)"},
	{"reconsideration_upheld", "件", "行政复议 结果维持"},
	{"reconsideration_corrected", "件", "行政复议 结果纠正"},
	{"reconsideration_other", "件", "行政复议 其他结果"},
	{"reconsideration_pending", "件", "行政复议 尚未审结"},
	{"reconsideration_total", "件", "行政复议 总计"},
	{"litigation_direct_upheld", "件", "行政诉讼 未经复议直接起诉 结果维持"},
	{"litigation_direct_corrected", "件", "行政诉讼 未经复议直接起诉 结果纠正"},
	{"litigation_direct_other", "件", "行政诉讼 未经复议直接起诉 其他结果"},
	{"litigation_direct_pending", "件", "行政诉讼 未经复议直接起诉 尚未审结"},
	{"litigation_direct_total", "件", "行政诉讼 未经复议直接起诉 总计"},
	{"litigation_after_review_upheld", "件", "行政诉讼 复议后起诉 结果维持"},
	{"litigation_after_review_corrected", "件", "行政诉讼 复议后起诉 结果纠正"},
	{"litigation_after_review_other", "件", "行政诉讼 复议后起诉 其他结果"},
	{"litigation_after_review_pending", "件", "行政诉讼 复议后起诉 尚未审结"},
	{"litigation_after_review_total", "件", "行政诉讼 复议后起诉 总计"},
	{"proactive_total", "条", "主动公开政府信息 in the report year (prose era; 万/亿 converted)"},
	{"proactive_cumulative", "条", "累计主动公开 (prose era)"},
	{"proactive_yoy_pct_stated", "%", "a growth percent the report itself states (同比增长)"},
	{"not_this_organ", "件", "不属于本机关/非本机关掌握 (prose era)"},
	{"unclear", "件", "申请内容不明确 (prose era)"},
	{"complaints", "件", "举报/投诉 about disclosure work (prose era)"},
	{"fees_yuan", "元", "收费 (prose era; 0 where nothing was charged)"},
	{"press_conferences", "场", "新闻发布会 场次 (prose era)"},
	{"litigation_total", "件", "行政诉讼 of any kind (prose era)"},
}

// dictionaryCursor streams the dictionary like any other view.
type dictionaryCursor struct {
	rows [][]any
	i    int
}

// newDictionaryCursor returns the dictionary's rows, at most limit (0: all) after the
// first offset.
func newDictionaryCursor(limit, offset int) *dictionaryCursor {
	c := &dictionaryCursor{i: -1}
	for _, v := range Views {
		for _, col := range Columns(v) {
			c.rows = append(c.rows, []any{string(v), col.Name, col.Type, col.Unit, col.Definition})
		}
	}
	c.rows = c.rows[min(max(offset, 0), len(c.rows)):]
	if limit > 0 && limit < len(c.rows) {
		c.rows = c.rows[:limit]
	}
	return c
}

func (c *dictionaryCursor) Columns() []string {
	return []string{"view", "column", "type", "unit", "definition"}
}
func (c *dictionaryCursor) Next() bool    { c.i++; return c.i < len(c.rows) }
func (c *dictionaryCursor) Values() []any { return c.rows[c.i] }
func (c *dictionaryCursor) Err() error    { return nil }
func (c *dictionaryCursor) Close() error  { return nil }
