package extract

import (
	"strings"
	"testing"

	"nianbao/data"
)

// proseCase is one real phrasing (src names the bundled document it comes from, or
// "general" for a variant written for the rule). want maps "key" (whole scope) or
// "key@scope" to the value; none lists keys that must have no whole-scope value.
type proseCase struct {
	name, src, text string
	want            map[string]float64
	none            []string
	approx          []string
}

var proseCases = []proseCase{
	// proactive_total
	{name: "prose/001 政府信息公开信息 beats portal posts", src: "prose/001",
		text: "二、主动公开政府信息情况\n县政府门户网站发布各类信息8632条,其中,发布政府信息公开信息共399条。",
		want: map[string]float64{"proactive_total": 399}},
	{name: "prose/003 主动公开信息的有", src: "prose/003", text: "2013年度主动公开信息的有5条;",
		want: map[string]float64{"proactive_total": 5}},
	{name: "prose/005 traditional characters", src: "prose/005", text: "我局2010年共主動公開政府信息175條,其中全文電子化率達100%。",
		want: map[string]float64{"proactive_total": 175}},
	{name: "prose/007 进行了主动公开信息", src: "prose/007", text: "我辦及時、準確的在市政府入口網站和法制辦網站進行了主動公開信息27條,其中概況信息1條。",
		want: map[string]float64{"proactive_total": 27}},
	{name: "prose/009 主动公开政府信息数", src: "prose/009", text: "2012年我镇主动公开政府信息数21条,其中机构职能类信息3条,政策法规类信息5条。",
		want: map[string]float64{"proactive_total": 21}},
	{name: "prose/011 共公开政府信息 after a colon heading", src: "prose/011", text: "(一)主动公开政府信息的数量:2012年度全镇共公开政府信息140条。",
		want: map[string]float64{"proactive_total": 140}},
	{name: "prose/013 items by attribute are not requests", src: "prose/013",
		text: "2018年,共制作政府信息3021条,其中主动公开信息1027条,依申请公开信息459条,不予公开信息1535条。",
		want: map[string]float64{"proactive_total": 1027}, none: []string{"requests_new", "denied_total"}},
	{name: "prose/017 在网站主动公开政府信息", src: "prose/017", text: "2013年全年,我街道在网站主动公开政府信息33条,全文电子化达100%。",
		want: map[string]float64{"proactive_total": 33}},
	{name: "prose/019 超过200万条 is approximate", src: "prose/019", text: "2015年,全省政府门户网站公开政府信息超过200万条,政府信息公开的广度和深度不断拓展。",
		want: map[string]float64{"proactive_total": 2000000}, approx: []string{"proactive_total"}},
	{name: "prose/021 channel counts are no total", src: "prose/021",
		text: "在主动公开信息工作中,通过不同渠道和方式公开政府信息情况:政府网站公开信息3698条,微博微信公开信息2148条,新闻发布会公开信息12条。",
		none: []string{"proactive_total", "press_conferences"}},
	{name: "prose/023 通过门户网站主动公开信息", src: "prose/023", text: "2016年我乡通过政府门户网站主动公开信息138条。其中:概况3条。",
		want: map[string]float64{"proactive_total": 138}},
	{name: "prose/025 发布各类信息 in a proactive section", src: "prose/025",
		text: "一、政府信息主動公開情況\n2016年鎮政府信息公開全年發布各類信息247條,其中機構概況類5條。\n2016年政務網站、微信、微博共發布各類信息2483條。\n三、依申請公開",
		want: map[string]float64{"proactive_total": 247}},
	{name: "prose/027 共计公开各类信息", src: "prose/027",
		text: "二、突出重点,主动公开\n2018年,有序、全面推进有关信息主动公开,共计公开各类信息2936条(不同渠道和方式公开相同信息计1条),其中发布新闻动态392条。",
		want: map[string]float64{"proactive_total": 2936}},
	{name: "prose/033 全县各级各部门 共计", src: "prose/033", text: "2017年,全县各级各部门主动公开政府信息共计14189条,其中政府网站公开5419条、政务微信公开3914条。",
		want: map[string]float64{"proactive_total": 14189}},
	{name: "prose/pt004 主动公开 beats 门户网站公开", src: "prose/pt004",
		text: "今年以来，通过“中国平潭网”门户网站公开政府信息3636条。2012年主动公开政府信息1913条。其中，各乡镇主动公开政府信息534条，占27%。",
		want: map[string]float64{"proactive_total": 1913, "proactive_total@乡镇": 534}},
	{name: "seeds/000 万 and growth", src: "seeds/000",
		text: "2013年,我市共计主动公开政府信息69.17万条,同比增长56.56%。加上之前主动公开的政府信息,全市累计主动公开政府信息222.47万条。",
		want: map[string]float64{"proactive_total": 691700, "proactive_yoy_pct_stated": 56.56, "proactive_cumulative": 2224700}},
	{name: "seeds/003 审核推送 not 填报", src: "seeds/003",
		text: "三、主动公开政府信息情况\n(一)主动公开数量\n2016年,政府信息公开系统共填报信息总数达5491条,审核推送信息3796条,其中:概况信息31条。",
		want: map[string]float64{"proactive_total": 3796}},
	{name: "seeds/004 新增量 and 截至 cumulative", src: "seeds/004",
		text: "截至2014123,我县政府信息公开门户网主动公开信息量共10780条。\n(二)我县政府信息公开门户网2014年信息公开新增量为7986条。",
		want: map[string]float64{"proactive_total": 7986, "proactive_cumulative": 10780}},
	{name: "seeds/002 10万多条 outside a proactive section", src: "seeds/002",
		text: "截至20081231,全市共开通政府信息公开单位网站近1200多个,各类公开主体共发布信息10万多条。",
		none: []string{"proactive_total"}},
	{name: "general 比上年 comparison is no figure", src: "general", text: "比上年主动公开信息300条增长了一倍。",
		none: []string{"proactive_total"}},
	{name: "general 主动公开政府信息2,345条", src: "general", text: "全年主动公开政府信息2,345条。",
		want: map[string]float64{"proactive_total": 2345}},
	{name: "general 一千二百余条", src: "general", text: "全年主动公开政府信息一千二百余条。",
		want: map[string]float64{"proactive_total": 1200}, approx: []string{"proactive_total"}},
	{name: "general 同比下降", src: "general", text: "全年主动公开政府信息800条,同比下降12.5%。",
		want: map[string]float64{"proactive_total": 800, "proactive_yoy_pct_stated": -12.5}},
	{name: "general 累计 without 主动公开 anchor", src: "general", text: "2013年累计主动公开教育各种信息3568条。",
		none: []string{"proactive_cumulative", "proactive_total"}},
	// requests
	{name: "prose/001 没有收到要求公开信息的申请", src: "prose/001", text: "本单位2014年度没有收到要求公开信息的申请。",
		want: map[string]float64{"requests_new": 0}},
	{name: "prose/003 没有依申请公开信息的情况", src: "prose/003", text: "2013年度没有依申请公开信息的情况。不予公开信息有10条,主要是关于人事安排的信息。",
		want: map[string]float64{"requests_new": 0}, none: []string{"denied_total"}},
	{name: "prose/007 未接到…提出的申请", src: "prose/007", text: "全年未接到公民、法人和其他組織提出的政府信息公開申請。",
		want: map[string]float64{"requests_new": 0}},
	{name: "prose/021 共受理信息公开申请 with channels", src: "prose/021",
		text: "本局2017年共受理信息公开申请10件,其中当面申请1宗,占10%;网上申请9宗,占90%;信函申请0宗,占0%。",
		want: map[string]float64{"requests_new": 10}},
	{name: "prose/023 未发生政府信息公开申请", src: "prose/023", text: "2016年度,我乡未发生政府信息公开申请,因而未发生政府信息公开的收费及减免情况。",
		want: map[string]float64{"requests_new": 0, "fees_yuan": 0}},
	{name: "prose/025 共收到1宗信息", src: "prose/025", text: "2016年,政府信息依申請公開系統共收到1宗信息。",
		want: map[string]float64{"requests_new": 1}},
	{name: "prose/033 受理…申请2件 按时办结", src: "prose/033", text: "2017年,受理公民、法人和其他组织提出的政府信息公开申请2件,按时办结2件,出具依申请答复书2件。",
		want: map[string]float64{"requests_new": 2}},
	{name: "prose/035 申请：无", src: "prose/035", text: "我局2008年度依申请受理信息公开申请:无。",
		want: map[string]float64{"requests_new": 0}},
	{name: "prose/001 mailbox messages are not requests", src: "prose/001", text: "政府公众信息网站共收到“县长信箱”留言76条,答复76条,答复率达到100%。",
		none: []string{"requests_new", "complaints"}},
	{name: "prose/005 consultations are not requests", src: "prose/005", text: "2010年,我局共接受公民、法人及其他組織政府信息公開方麵的谘詢2070人次。",
		none: []string{"requests_new"}},
	{name: "prose/pt008 administrative-service cases are not requests", src: "prose/pt008", text: "目前，区县已入驻审批服务部门和单位13个，开设窗口26个，共受理申请121510件。",
		none: []string{"requests_new"}},
	{name: "prose/pt004 requests zero beside a reconsideration zero", src: "prose/pt004",
		text: "2012年全区未收到有关政府信息公开的申请，未收到有关政府信息公开行政复议申请。",
		want: map[string]float64{"requests_new": 0, "reconsideration_total": 0}, none: []string{"litigation_total"}},
	{name: "seeds/000 whole, 市本级 and county requests", src: "seeds/000",
		text: "2013年,全市共受理依申请公开政府信息180件,其中市本级受理121件,受理方式为网上平台申请51件,当面申请53件;县(市、区)级受理59件(章贡区6件、上犹县6件)。",
		want: map[string]float64{"requests_new": 180, "requests_new@own": 121, "requests_new@县(市、区)级": 59, "requests_new@章贡区": 6}},
	{name: "general 近300件 approximate", src: "general", text: "全年共受理政府信息公开申请近300件。",
		want: map[string]float64{"requests_new": 300}, approx: []string{"requests_new"}},
	{name: "general 十二件 Chinese numeral", src: "general", text: "全年共收到政府信息公开申请十二件。",
		want: map[string]float64{"requests_new": 12}},
	{name: "general 尚未办结 is not a zero", src: "general", text: "尚未办结的政府信息公开申请已转入下年度。",
		none: []string{"requests_new"}},
	// outcomes
	{name: "prose/021 quoted outcomes", src: "prose/021",
		text: "本局2017年共受理信息公开申请10件。\n在已经答复的9件申请中,“同意公开”的7件,占总数的70%。\n“同意部分公开”1件,占总数的10%。\n“不予公开”的1件,占总数的10%。\n“信息不存在”的1件,占总数的10%。\n“非本机关政府信息”的1件,占总数的10%;\n“申请内容不明确”的1件,占总数的10%。",
		want: map[string]float64{"requests_new": 10, "granted": 7, "partial": 1, "denied_total": 1, "unable_not_held": 1, "not_this_organ": 1, "unclear": 1}},
	{name: "seeds/000 市本级 outcomes, figure before label", src: "seeds/000",
		text: "市本级121件政府信息公开的申请,其中101件属于“同意公开答复”的内容,已依申请予以了公开;有13件因内容涉密或其他原因不予公开答复;有3件不属于本机关政府信息,4件申请内容不明确或申请信息不存在。",
		want: map[string]float64{"granted@own": 101, "denied_total@own": 13, "not_this_organ@own": 3},
		none: []string{"granted", "denied_total", "unclear", "unable_not_held"}},
	{name: "seeds/000 county outcomes", src: "seeds/000", text: "县(市、区)级59件政府信息公开的申请,有50件已公开答复,“不予公开”9件。",
		want: map[string]float64{"granted@县(市、区)级": 50, "denied_total@县(市、区)级": 9}, none: []string{"granted"}},
	{name: "general 其中同意公开 list", src: "general",
		text: "全年共受理政府信息公开申请20件,其中同意公开15件,部分公开2件,不予公开1件,非本机关职责范围1件,信息不存在1件。",
		want: map[string]float64{"requests_new": 20, "granted": 15, "partial": 2, "denied_total": 1, "not_this_organ": 1, "unable_not_held": 1}},
	{name: "general 不予公开信息10件 are items", src: "general", text: "依申请公开信息12件,不予公开信息10件。",
		none: []string{"denied_total", "requests_new"}},
	// reconsideration and litigation
	{name: "prose/003 没有发生行政复议、行政诉讼", src: "prose/003", text: "2013年所有信息公开都没有发生行政复议、行政诉讼的情况。",
		want: map[string]float64{"reconsideration_total": 0, "litigation_total": 0}},
	{name: "prose/009 无…申请行政复议、提起行政诉讼的案件", src: "prose/009", text: "全年无政府信息公开申请行政复议、提起行政诉讼的案件。",
		want: map[string]float64{"reconsideration_total": 0, "litigation_total": 0}, none: []string{"requests_new"}},
	{name: "prose/021 行政复议案0件", src: "prose/021", text: "2017年度针对我局有关的行政复议案0件。",
		want: map[string]float64{"reconsideration_total": 0}, none: []string{"litigation_total"}},
	{name: "prose/023 无一例", src: "prose/023", text: "2016年度我乡无一例因政府信息公开申请行政复议和提起行政诉讼发生。",
		want: map[string]float64{"reconsideration_total": 0, "litigation_total": 0}},
	{name: "prose/033 全县共受理行政复议4件", src: "prose/033", text: "(四)行政复议情况\n2017年全县共受理行政复议4件,其中维持具体行政行为1",
		want: map[string]float64{"reconsideration_total": 4}, none: []string{"requests_new"}},
	{name: "prose/035 only 复议 stated; expenditure line is no statement", src: "prose/035",
		text: "(二)与行政复议、行政诉讼有关的费用支出:无。\n我局2008年度没有发生针对本部门有关政府信息公开事务的行政复议案件。",
		want: map[string]float64{"reconsideration_total": 0}, none: []string{"litigation_total", "fees_yuan"}},
	{name: "seeds/000 2件 before 行政复议; 市本级和县 both = whole", src: "seeds/000",
		text: "五、2013年,我市共有2件因政府信息公开申请行政复议的情况。我市市本级和县(市、区)都没有因政府信息公开提起行政诉讼的情况。",
		want: map[string]float64{"reconsideration_total": 2, "litigation_total": 0}},
	{name: "seeds/002 举报、行政复议和行政诉讼 none", src: "seeds/002", text: "2008年度全市没有收到涉及政府信息公开工作的举报、行政复议和行政诉讼。",
		want: map[string]float64{"reconsideration_total": 0, "litigation_total": 0, "complaints": 0}},
	{name: "seeds/003 复议 breakdown and 诉讼", src: "seeds/003",
		text: "2016年,行政复议数量为4件,其中维持具体行政行为数1件,其他情形数2件。行政诉讼案件6件,其中维持判决或者驳回共5件,其他情形1件。",
		want: map[string]float64{"reconsideration_total": 4, "reconsideration_upheld": 1, "reconsideration_other": 2, "litigation_total": 6}},
	{name: "general 行政复议1件、行政诉讼2件", src: "general", text: "因政府信息公开申请行政复议1件、行政诉讼2件。",
		want: map[string]float64{"reconsideration_total": 1, "litigation_total": 2}},
	{name: "general 未及时答复引发行政复议1件 is a count", src: "general", text: "因未及时答复引发行政复议1件。",
		want: map[string]float64{"reconsideration_total": 1}},
	// fees
	{name: "prose/001 均没有收取费用", src: "prose/001", text: "县政府在受理依申请公开政府信息工作中均没有收取费用。",
		want: map[string]float64{"fees_yuan": 0}},
	{name: "prose/005 未收取費用,不存在減免", src: "prose/005", text: "2010年我局依申請提供政府信息未收取費用,不存在減免情況。",
		want: map[string]float64{"fees_yuan": 0}},
	{name: "prose/021 收取的费用为0元", src: "prose/021", text: "本局2017年度依申请公开收取的费用(检索费、邮寄费、复制费等)为0元。",
		want: map[string]float64{"fees_yuan": 0}},
	{name: "prose/035 收费情况：无", src: "prose/035", text: "四、政府信息公开收费与减免情况\n(三)公民、法人和其他组织的收费情况:无。",
		want: map[string]float64{"fees_yuan": 0}},
	{name: "prose/pt011 暂不收费", src: "prose/pt011", text: "2016年我区各级工作部门依申请提供政府信息暂不收费。",
		want: map[string]float64{"fees_yuan": 0}},
	{name: "seeds/003 均未收费", src: "seeds/003", text: "2016年,政府信息公开检索、复制、邮寄等服务均未收费。",
		want: map[string]float64{"fees_yuan": 0}},
	{name: "seeds/004 是否收费 is no statement", src: "seeds/004", text: "对受理条件、实施依据、办结时限、是否收费及收费标准等作了明确规定。",
		none: []string{"fees_yuan"}},
	{name: "prose/025 诉讼费用支出 is no litigation statement", src: "prose/025",
		text: "2016年,沒有向政府信息公開申請人收費的情況,未產生政府信息公開事務訴訟相關的費用支出。",
		want: map[string]float64{"fees_yuan": 0}, none: []string{"litigation_total"}},
	{name: "general 收取费用120元", src: "general", text: "依申请提供政府信息共收取检索、复制费用120元。",
		want: map[string]float64{"fees_yuan": 120}},
	{name: "general 未发生减免收费 is no fee statement", src: "general", text: "全年政府信息公开工作未发生减免收费的情况。",
		none: []string{"fees_yuan"}},
	// press conferences
	{name: "seeds/000 举行33场新闻发布会", src: "seeds/000", text: "2013年,全市共举行33场新闻发布会,就落实中央八项规定等方面情况进行了发布。",
		want: map[string]float64{"press_conferences": 33}},
	{name: "seeds/002 召开11次新闻发布会", src: "seeds/002", text: "完善新闻发布会制度,全年共召开11次新闻发布会;扩大政府公报发放范围。",
		want: map[string]float64{"press_conferences": 11}},
	{name: "prose/021 举办新闻发布会12次", src: "prose/021", text: "通过不同渠道和方式回应解读情况:举办新闻发布会12次,组织政府网站在线访谈0次。",
		want: map[string]float64{"press_conferences": 12}},
	{name: "prose/027 召开新闻发布会2次", src: "prose/027", text: "公开环境质量报告59份,发布信息共计召开新闻发布会2次,公开环保督察信息562条。",
		want: map[string]float64{"press_conferences": 2}},
	{name: "prose/031 新闻发布会 as a channel without count", src: "prose/031", text: "還通過新聞發布會和政府公報發布政府信息。",
		none: []string{"press_conferences"}},
	{name: "general 召开新闻发布会三场", src: "general", text: "全年召开新闻发布会三场。",
		want: map[string]float64{"press_conferences": 3}},
	// complaints
	{name: "seeds/000 price complaints are not disclosure complaints", src: "seeds/000", text: "充分利用赣州物价信息网,受理咨询526件、投诉378件,已处理894件。",
		none: []string{"complaints", "requests_new"}},
	{name: "general 收到信息公开举报2件", src: "general", text: "全年收到有关政府信息公开工作的举报2件。",
		want: map[string]float64{"complaints": 2}},
	// statistics table rows
	{name: "prose/pt004 statistics table rows", src: "prose/pt004",
		text: "指标名称 计量单位 2012年度 历年累计 主动公开信息数 条 739 4359 其中：1、网站公开 条 739 4359 对申请的答复总数 条 0 0 其中：1、同意公开答复数 条 0 0 2、同意部分公开答复数 条 0 0 3、否决公开答复数 条 0 0 行政复议数 件 0 0 行政诉讼数 件 0 0 行政申诉、举报数 件 0 0",
		want: map[string]float64{"proactive_total": 739, "proactive_cumulative": 4359, "granted": 0, "partial": 0, "denied_total": 0, "reconsideration_total": 0, "litigation_total": 0, "complaints": 0}},
	{name: "prose/pt011 run-together table split by the prose total", src: "prose/pt011",
		text: "2016年全区主动公开政府信息3460条。指标名称计量单位2016年度历年累计主动公开文件数条346085376其中：1、政府网站公开数条3460853762、政府公报公开数条00对申请的答复总数条00其中：1、同意公开答复数条002、同意部分公开答复数条003、不予公开答复数条00政府信息公开收费减免金额元00接受行政诉讼、举报数件00",
		want: map[string]float64{"proactive_total": 3460, "proactive_cumulative": 85376, "granted": 0, "partial": 0, "denied_total": 0, "complaints": 0},
		none: []string{"fees_yuan", "litigation_total"}},
	// statement boundaries
	{name: "prose/011 intro listing sections states nothing", src: "prose/011",
		text: "全文由概述、主动公开政府信息情况、依申请公开政府信息办理情况、政府信息公开的收费及减免情况、因政府信息公开申请行政复议、提起行政诉讼的情况等六部分组成。",
		none: []string{"requests_new", "fees_yuan", "reconsideration_total", "litigation_total", "proactive_total"}},
	{name: "prose/015 truncated 未发生与政府信息公开", src: "prose/015", text: "2013年,广内街道未发生与政府信息公开",
		none: []string{"reconsideration_total", "litigation_total"}},
	{name: "general 有无收费 is a question", src: "general", text: "检查各单位有无政府信息公开收费情况。",
		none: []string{"fees_yuan"}},
	{name: "general 第3次 ordinal", src: "general", text: "召开第3次新闻发布会。",
		none: []string{"press_conferences"}},
}

func TestProsePhrasings(t *testing.T) {
	if len(proseCases) < 60 {
		t.Errorf("only %d phrasing cases", len(proseCases))
	}
	for _, c := range proseCases {
		t.Run(c.name, func(t *testing.T) {
			doc := data.NewDocument(c.text, data.FormatText)
			r := proseOnly(doc)
			got := map[string]data.Metric{}
			for _, m := range r.Metrics {
				k := m.Key
				if m.Scope != data.ScopeWhole {
					k += "@" + m.Scope
				}
				got[k] = m
				if !strings.Contains(doc.Text, m.Evidence) {
					t.Errorf("%s: evidence %q not in text", k, m.Evidence)
				}
			}
			for k, v := range c.want {
				m, ok := got[k]
				if !ok {
					t.Errorf("[%s] %s: missing, want %v (got %v)", c.src, k, v, summary(r))
					continue
				}
				if *m.Value != v {
					t.Errorf("[%s] %s = %v, want %v", c.src, k, *m.Value, v)
				}
				wantSem := data.SemNumber
				if v == 0 {
					wantSem = data.SemZero
				}
				if m.Semantic != wantSem {
					t.Errorf("[%s] %s semantic %s, want %s", c.src, k, m.Semantic, wantSem)
				}
			}
			for _, k := range c.none {
				if m, ok := got[k]; ok {
					t.Errorf("[%s] %s: spurious %v from %q", c.src, k, *m.Value, m.Evidence)
				}
			}
			for _, k := range c.approx {
				if !got[k].Approx {
					t.Errorf("[%s] %s: not marked approximate", c.src, k)
				}
			}
		})
	}
}

func summary(r data.Report) string {
	var b strings.Builder
	for _, m := range r.Metrics {
		b.WriteString(m.Key + "@" + m.Scope + "=" + formatNum(*m.Value) + " ")
	}
	return b.String()
}

func TestProseOutcomeCheck(t *testing.T) {
	doc := data.NewDocument("本局2017年共受理信息公开申请10件。\n其中同意公开9件,不予公开3件。", data.FormatText)
	r := proseOnly(doc)
	if len(r.Checks) != 1 || r.Checks[0].Name != "prose_outcomes_le_requests" || r.Checks[0].OK {
		t.Fatalf("want a failing prose_outcomes_le_requests check, got %+v", r.Checks)
	}
	if !strings.Contains(r.Checks[0].Detail, "12") || !strings.Contains(r.Checks[0].Detail, "10") {
		t.Errorf("detail lacks the numbers: %s", r.Checks[0].Detail)
	}
	doc = data.NewDocument("全年共受理政府信息公开申请10件,其中同意公开8件。", data.FormatText)
	r = proseOnly(doc)
	if len(r.Checks) != 1 || !r.Checks[0].OK {
		t.Errorf("want a passing check, got %+v", r.Checks)
	}
	doc = data.NewDocument("全年主动公开政府信息10条。", data.FormatText)
	if r = proseOnly(doc); len(r.Checks) != 0 {
		t.Errorf("no requests stated, want no check, got %+v", r.Checks)
	}
}

// TestProseOneWholePerKey: a sub-unit's figure never takes the whole scope, and each key
// and scope appears once.
func TestProseOneWholePerKey(t *testing.T) {
	for _, f := range corpusFiles(t) {
		r := proseOnly(loadDoc(t, f))
		seen := map[string]bool{}
		for _, m := range r.Metrics {
			k := m.Key + "@" + m.Scope
			if seen[k] {
				t.Errorf("%s: %s emitted twice", f, k)
			}
			seen[k] = true
		}
	}
}
