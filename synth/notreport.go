package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// notReportDoc is a page about disclosure work that is not an annual report (seeds/001):
// a notice on compiling the reports. It states no figure, so every key is null and any
// value extracted from it is spurious.
func notReportDoc(r *rand.Rand, id string, o Organ, year int) doc {
	l := newLabels()
	l.notReport = true
	for _, k := range proseKeys {
		l.null(k)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s关于做好%d年度政府信息公开工作年度报告编制和发布工作的通知\n", office(o), year)
	b.WriteString("各有关单位：\n")
	fmt.Fprintf(&b, "根据《中华人民共和国政府信息公开条例》规定，现就做好%d年度政府信息公开工作年度报告编制和发布工作通知如下：\n", year)
	fmt.Fprintf(&b, "一、各单位要在%d年1月31日前向社会公布本机关%d年度政府信息公开工作年度报告。\n", year+1, year)
	b.WriteString("二、年度报告应当包括主动公开政府信息的情况、收到和处理政府信息公开申请的情况、因政府信息公开工作被申请行政复议和提起行政诉讼的情况等内容。\n")
	b.WriteString("三、请各单位严格按照规定格式编制，确保数据准确、内容完整。\n")
	y, m, d := year+1, 1, 5+r.IntN(10)
	fmt.Fprintf(&b, "%s\n%d年%d月%d日\n", office(o), y, m, d)
	return finishDoc(id, o, year, []byte(b.String()), l, "prose", fmtText, "utf-8", "", []string{"not_a_report"})
}
