package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// The narrative around the figures: sentences of the kind every report carries, taken
// from the bundled real reports' phrasing. They hold no figure the labels describe, but
// some hold numbers (dates, training sessions, portal posts), as real ones do, because an
// extractor must not read those.
var fillerGeneral = []string{
	"{y}年，{s}坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《条例》相关规范要求，不断完善政府信息公开制度，建立健全政府信息公开保障机制。",
	"{s}高度重视政府信息公开工作，成立了以主要负责同志为组长的政务公开工作领导小组，明确专人负责信息的收集、审核和发布。",
	"加强政府门户网站及政务新媒体日常管理，运用第三方检测平台实行常态化监测，严格执行“分级审核、先审后发”程序，落实“三审三校”制度。",
	"围绕中心工作，聚焦社会公众需求，不断提高政府工作透明度，切实提升人民群众获得感和满意度。",
	"进一步规范依申请公开流程，畅通依申请公开受理渠道，严格按照法定时限答复申请人。",
	"及时更新政府信息公开指南，明确公众获取主动公开和依申请公开信息的主要渠道和具体方式。",
	"全年组织政务公开业务培训{n}次，参训人员{m}人次，工作人员业务能力进一步提升。",
	"做好政策解读工作，严格落实解读材料与政策文件“同步起草、同步审批、同步发布”制度。",
	"按照保密审查有关规定，坚持“先审查、后公开”和“一事一审”原则，全年未发生泄密事件。",
	"对政府网站存在的空白栏目、不良链接等问题进行严格督查，确保公开信息及时准确规范。",
}

var fillerProblems = []string{
	"一是政策解读的形式还不够丰富，解读的针对性有待提高；二是部分单位对政务公开工作重视程度不够，信息更新不及时；三是工作人员业务水平有待进一步提升。",
	"下一步，我们将继续深入贯彻落实《条例》，进一步拓展公开内容，规范依申请公开办理程序，加强工作人员业务培训，不断提升政府信息公开工作水平。",
	"信息公开的内容不够全面，公开的范围有待进一步拓宽；信息公开的制度有待于进一步健全完善。",
	"针对存在的问题，将进一步健全工作机制，加大督促检查力度，推动政府信息公开工作再上新台阶。",
}

// fill replaces the placeholders of a filler sentence.
func fill(r *rand.Rand, s string, o Organ, year int) string {
	if strings.Contains(s, "{n}") {
		n := 1 + r.IntN(6)
		s = strings.ReplaceAll(s, "{n}", itoa(int64(n)))
		s = strings.ReplaceAll(s, "{m}", itoa(int64(n*(10+r.IntN(60)))))
	}
	self := o.Name
	if r.IntN(2) == 0 {
		self = o.Short
	}
	s = strings.ReplaceAll(s, "{s}", self)
	return strings.ReplaceAll(s, "{y}", itoa(int64(year)))
}

// fillers returns k distinct filler sentences from pool.
func fillers(r *rand.Rand, pool []string, k int, o Organ, year int) []string {
	idx := r.Perm(len(pool))
	out := make([]string, 0, k)
	for _, i := range idx[:min(k, len(pool))] {
		out = append(out, fill(r, pool[i], o, year))
	}
	return out
}

// office is the body that compiles the report.
func office(o Organ) string {
	if strings.HasSuffix(o.Name, "人民政府") {
		return o.Name + "办公室"
	}
	if strings.HasSuffix(o.Name, "办公厅") || strings.HasSuffix(o.Name, "办事处") {
		return o.Name
	}
	return o.Name + "办公室"
}

// contact is the intro's contact sentence, full of digits that are not figures.
func contact(r *rand.Rand, o Organ) string {
	return fmt.Sprintf("如对本报告有任何疑问，请与%s联系（地址：%s%s路%d号，邮编：%d，电话：0%d-%d）。",
		office(o), o.Place, []string{"人民", "解放", "建设", "中山", "府前"}[r.IntN(5)], 1+r.IntN(300),
		100000+r.IntN(800000), 10+r.IntN(980), 1000000+r.IntN(8999999))
}

// pubDate returns the publication date: by the deadline mostly, late sometimes.
func pubDate(r *rand.Rand, year int, dept bool) (int, int, int) {
	switch {
	case r.IntN(10) == 0:
		return year + 1, 4 + r.IntN(3), 1 + r.IntN(28)
	case dept && year >= 2019:
		return year + 1, 1, 10 + r.IntN(21)
	}
	return year + 1, 1 + r.IntN(3), 1 + r.IntN(28)
}
