package dashboard

import (
	"strings"

	"github.com/labstack/echo/v4"

	"nianbao/data"
)

// labels are the interface texts, Chinese first (the users' language) and English for
// ?lang=en. A missing key shows the key itself, which tests catch.
var labels = map[string][2]string{
	"app":                {"政府信息公开年报数据", "Disclosure annual reports"},
	"overview":           {"总览", "Overview"},
	"regions":            {"地区比较", "Regions"},
	"organ":              {"机关", "Organ"},
	"organs":             {"机关", "Organs"},
	"report":             {"年报", "Report"},
	"keyareas":           {"重点领域", "Key areas"},
	"quality":            {"数据质量", "Data quality"},
	"trends":             {"趋势", "Trends"},
	"export":             {"导出与API", "Export & API"},
	"search":             {"全文检索", "Search"},
	"sql":                {"SQL查询", "SQL"},
	"error":              {"出错了", "Error"},
	"year":               {"年度", "Year"},
	"all":                {"全部", "All"},
	"level":              {"层级", "Level"},
	"region":             {"地区代码", "Region code"},
	"apply":              {"筛选", "Apply"},
	"save_png":           {"保存为PNG", "Save as PNG"},
	"data_csv":           {"数据 CSV", "data CSV"},
	"data_json":          {"JSON", "JSON"},
	"reports":            {"年报数", "Reports"},
	"annual_reports":     {"年度报告", "Annual reports"},
	"requests_new":       {"新收申请", "New requests"},
	"concluded_total":    {"办结总数", "Concluded"},
	"granted":            {"予以公开", "Granted"},
	"partial":            {"部分公开", "Partly granted"},
	"denied_total":       {"不予公开", "Refused"},
	"unable_total":       {"无法提供", "Unable to provide"},
	"grant_rate":         {"公开率", "Grant rate"},
	"refusal_rate":       {"不予公开率", "Refusal rate"},
	"nondisclosure_rate": {"未公开率", "Non-disclosure rate"},
	"correction_rate":    {"纠错率", "Correction rate"},
	"coverage":           {"数据覆盖", "What the data covers"},
	"years":              {"年份", "Years"},
	"trend_requests":     {"依申请公开：按年度合计", "Requests by year (sum)"},
	"trend_rates":        {"公开率与不予公开率（汇总）", "Grant and refusal rate (pooled)"},
	"by_province":        {"各省新收申请", "New requests by province"},
	"map_indicator":      {"各省指标地图", "Indicator by province"},
	"rank":               {"排名", "Rank"},
	"rate":               {"比率", "Rate"},
	"interval":           {"95%区间", "95% interval"},
	"n":                  {"样本量n", "n"},
	"shrunk":             {"收缩后比率", "Shrunk rate"},
	"peer_group":         {"同类组", "Peer group"},
	"national":           {"国家级", "national"},
	"province":           {"省级", "province"},
	"city":               {"市级", "city"},
	"county":             {"县级", "county"},
	"township":           {"乡镇级", "township"},
	"department":         {"部门", "department"},
	"unresolved":         {"未识别地区", "unresolved region"},
	"peer":               {"同级同省", "Same level & province"},
	"parent":             {"上级地区", "Parent region"},
	"indicator":          {"指标", "Indicator"},
	"small_n":            {"样本小", "small n"},
	"text":               {"原文", "Original text"},
	"facts":              {"提取的数值", "Extracted values"},
	"checks":             {"校验", "Checks"},
	"warnings":           {"警告", "Warnings"},
	"source":             {"来源", "Source"},
	"tables":             {"表格（解析结果）", "Tables as parsed"},
	"no_text":            {"该年报原文未入库。", "The text of this report is not stored."},
	"key":                {"指标键", "Key"},
	"value":              {"数值", "Value"},
	"evidence":           {"证据", "Evidence"},
	"ok":                 {"通过", "ok"},
	"failed":             {"未通过", "failed"},
	"heatmap":            {"机关×重点领域", "Organs × key areas"},
	"coverage_trend":     {"重点领域覆盖率（平均）", "Key-area coverage (mean)"},
	"kind":               {"类型", "Kind"},
	"missing":            {"缺失", "Missing"},
	"late":               {"逾期发布", "Late"},
	"failed_check":       {"勾稽不符", "Inconsistent"},
	"cross_year":         {"跨年不符", "Cross-year mismatch"},
	"copy_paste":         {"疑似照抄", "Copy-paste suspect"},
	"problems":           {"问题数量", "Problems"},
	"q":                  {"检索词", "Search text"},
	"results":            {"条结果", "results"},
	"run":                {"执行", "Run"},
	"rows_cap":           {"最多返回行数", "Row cap"},
	"truncated":          {"结果已截断", "Result truncated"},
	"dictionary":         {"数据字典", "Data dictionary"},
	"examples":           {"调用示例", "Example calls"},
	"downloads":          {"可下载的数据", "Downloads"},
	"prev":               {"上一页", "Previous"},
	"next":               {"下一页", "Next"},
	"page":               {"页", "page"},
	"published":          {"发布日期", "Published"},
	"template":           {"格式", "Template"},
	"request_id":         {"请求编号", "Request id"},
	"console_off":        {"SQL控制台未启用。", "The SQL console is off."},
	"movers":             {"新收申请变化最大的机关", "Biggest changes in new requests"},
	"change":             {"变化", "Change"},
	"metric":             {"指标", "Metric"},
	"all_organs":         {"全部机关", "All organs"},
	"crawl":              {"采集", "Crawl"},
	"crawl_off":          {"本服务未启用采集：请以 nianbao serve --crawl 启动（数据库以读写方式打开）。", "Crawling is off in this server: start it with nianbao serve --crawl (the database is then opened read-write)."},
	"crawl_busy":         {"已有一个采集任务在运行，请等它结束后再开始新的采集。", "A crawl is already running; wait for it to finish before starting another."},
	"crawl_start":        {"开始采集", "Start crawl"},
	"seeds":              {"起始网址（每行一个）", "Seed URLs (one per line)"},
	"max_pages":          {"最多抓取页数（0为不限）", "Max pages (0: no limit)"},
	"per_host_rate":      {"每个网站每秒请求数", "Requests per second per host"},
	"crawl_state":        {"状态", "State"},
	"crawl_idle":         {"尚未开始采集。", "No crawl started yet."},
	"crawl_running":      {"采集中", "running"},
	"crawl_finished":     {"已完成", "finished"},
	"crawl_stopped":      {"已停止", "stopped"},
	"crawl_failed":       {"失败", "failed"},
	"pages_fetched":      {"已抓取页面", "Pages fetched"},
	"queued":             {"待抓取", "Queued"},
	"in_flight":          {"进行中", "In flight"},
	"hosts":              {"网站数", "Hosts"},
	"reports_found":      {"发现年报（新增/变化/未变）", "Reports found (new / changed / unchanged)"},
	"stored":             {"已入库文档", "Documents stored"},
	"errors":             {"错误（按类型）", "Errors by kind"},
	"none":               {"无", "none"},
	"summary":            {"采集小结", "Summary"},
	"started":            {"开始时间", "Started"},
	"finished_at":        {"结束时间", "Finished"},
}

// T returns the label of key in lang ("en" or Chinese).
func T(lang, key string) string {
	l, ok := labels[key]
	if !ok {
		return key
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

func langOf(c echo.Context) string {
	if c.QueryParam("lang") == "en" {
		return "en"
	}
	return "zh"
}

// groupName labels a ranking peer group ("city:320000" → 江苏省 · 市级): the analytics
// view keys groups by level and region code, which readers should not have to decode.
// A "parent" group is the bare code of the parent region.
func groupName(lang, group string) string {
	level, code, ok := strings.Cut(group, ":")
	if !ok {
		level, code = "", group
	}
	if level == "unresolved" {
		return T(lang, "unresolved")
	}
	r, found := data.LoadRegions().Lookup(code)
	switch {
	case !found:
		return T(lang, "unresolved")
	case level == "":
		return r.Name
	}
	return r.Name + " · " + T(lang, level)
}
