package extract

import (
	"slices"
	"strings"
	"testing"

	"nianbao/data"
)

// tableReport runs the table extractor alone on text.
func tableReport(text string) data.Report {
	doc := data.NewDocument(text, data.FormatText)
	r := data.Report{Template: data.TemplateProse}
	extractTables(doc, &r)
	return r
}

func vals(r data.Report, keys ...string) []any {
	out := make([]any, len(keys))
	for i, k := range keys {
		out[i] = nil
		for _, m := range r.Metrics {
			if m.Key == k && m.Value != nil {
				out[i] = *m.Value
			}
		}
	}
	return out
}

func hasWarning(r data.Report, sub string) bool {
	for _, w := range r.Warnings {
		if strings.Contains(w, sub) {
			return true
		}
	}
	return false
}

// table3Text builds a run-together 表三 like the crawler renderings of t2019/002, with the
// given digit strings for each row.
func table3Text(cells map[string]string, subOther bool) string {
	labels := []struct{ key, label string }{
		{"requests_new", "一、本年新收政府信息公开申请数量"},
		{"requests_carried_over", "二、上年结转政府信息公开申请数量"},
		{"granted", "三、本年度办理结果（一）予以公开"},
		{"partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"},
		{"denied_state_secret", "（三）不予公开1.属于国家秘密"},
		{"denied_law_forbidden", "2.其他法律行政法规禁止公开"},
		{"denied_three_safety", "3.危及“三安全一稳定”"},
		{"denied_third_party", "4.保护第三方合法权益"},
		{"denied_internal_affairs", "5.属于三类内部事务信息"},
		{"denied_process_info", "6.属于四类过程性信息"},
		{"denied_enforcement_file", "7.属于行政执法案卷"},
		{"denied_query_matter", "8.属于行政查询事项"},
		{"unable_not_held", "（四）无法提供1.本机关不掌握相关政府信息"},
		{"unable_needs_creation", "2.没有现成信息需要另行制作"},
		{"unable_unclear", "3.补正后申请内容仍不明确"},
		{"np_petition", "（五）不予处理1.信访举报投诉类申请"},
		{"np_repeat", "2.重复申请"},
		{"np_publication", "3.要求提供公开出版物"},
		{"np_mass_repeat", "4.无正当理由大量反复申请"},
		{"np_confirm", "5.要求行政机关确认或重新出具已获取信息"},
	}
	if subOther {
		labels = append(labels,
			struct{ key, label string }{"other_no_correction", "（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"},
			struct{ key, label string }{"other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"},
			struct{ key, label string }{"other_other", "3.其他"})
	} else {
		labels = append(labels, struct{ key, label string }{"other_total", "（六）其他处理"})
	}
	labels = append(labels,
		struct{ key, label string }{"concluded_total", "（七）总计"},
		struct{ key, label string }{"carried_forward", "四、结转下年度继续办理"})
	var b strings.Builder
	b.WriteString("三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他")
	for _, l := range labels {
		b.WriteString(l.label)
		c, ok := cells[l.key]
		if !ok {
			c = "0000000"
		}
		b.WriteString(c)
	}
	b.WriteString("四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计")
	b.WriteString(cells["table4"])
	b.WriteString("五、存在的主要问题及改进情况")
	return b.String()
}

func TestRunTogetherSplits(t *testing.T) {
	tests := []struct {
		name  string
		cells map[string]string
		keys  []string
		want  []any
		warn  string
	}{
		{
			name:  "t2019/002 new requests 230 000023: a space splits 23|0",
			cells: map[string]string{"requests_new": "230 000023", "granted": "7000007", "unable_not_held": "7000007", "unable_unclear": "5000005", "np_repeat": "3000003", "partial": "1000001", "concluded_total": "23 0 00 0 023", "table4": "000000000000000"},
			keys:  []string{"requests_new_np", "requests_new_com", "requests_new", "concluded_total", "granted", "unable_total"},
			want:  []any{23.0, 0.0, 23.0, 23.0, 7.0, 12.0},
		},
		{
			name:  "t2019/004 640020470 has one reading with the row sum: 64/0/0/2/0/4/70",
			cells: map[string]string{"requests_new": "640020470", "granted": "270020130", "partial": "500000 5", "denied_internal_affairs": "1000001", "denied_enforcement_file": "6000006", "denied_query_matter": "1000001", "unable_not_held": "220000325", "other_other": "1000001", "concluded_total": "630020469", "carried_forward": "1000001", "table4": "10203120001200000"},
			keys:  []string{"requests_new_np", "requests_new_soc", "requests_new_oth", "requests_new", "concluded_total", "carried_forward", "other_total", "reconsideration_other", "reconsideration_total", "litigation_direct_upheld", "litigation_direct_total", "litigation_after_review_total"},
			want:  []any{64.0, 2.0, 4.0, 70.0, 69.0, 1.0, 1.0, 2.0, 3.0, 12.0, 12.0, 0.0},
		},
		{
			// No reading of "11000011" as seven cells adds up, and several readings
			// remain without the row sum: the cells stay unread.
			name:  "a row no reading of which adds up is left unread and flagged",
			cells: map[string]string{"requests_new": "11000011", "concluded_total": "11000011", "granted": "11000011", "table4": "000000000000000"},
			keys:  []string{"granted_np", "granted"},
			want:  []any{nil, nil},
			warn:  "ambiguous",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tableReport(table3Text(tt.cells, strings.Contains(tt.name, "004")))
			got := vals(r, tt.keys...)
			for i := range tt.keys {
				if got[i] != tt.want[i] {
					t.Errorf("%s = %v, want %v", tt.keys[i], got[i], tt.want[i])
				}
			}
			if tt.warn != "" && !hasWarning(r, tt.warn) {
				t.Errorf("no warning containing %q in %q", tt.warn, r.Warnings)
			}
		})
	}
}

// A pdftotext -layout rendering: labels wrapped over lines, spaces inside labels, a page
// number between rows, 总计 last (t2019/008 and 010 style).
const layoutTable3 = `      三、收到和处理政府信息公开申请情况
                                  申请人情况
                     自然人   商业企业 科研机构 社会公益组织 法律服务机构 其他   总计
一、本年新收政府信息公开申请数量         21    0      0     0   0   0     21
二、上年结转政府信息公开申请数量          2    0      0     0   0   0     2
         （一）予以公开                 10    0      0     0   0   0     10
         （二）部分公开（区分处理的，只计这一情
                                         4    0      0     0   0   0     4
         形，不计其他情形）
                   1.属于国家秘密         1     0      0     0   0   0     1
                   2.其他法律行政止公开      0     0      0     0   0   0     0
                   3.危及“三安全一稳定”     0     0      0     0   0   0     0
                   4.保护第三方合法权益      0     0      0     0   0   0     0
         （三）不予公开
                   5.属于三类内部事务信息     0     0      0     0   0   0     0
                   6.属于四类过程性信息      1     0      0     0   0   0     1
                   7.属于行政执法案卷       /     0      0     0   0   0     0
                   8.属于行政查询事项       0     0      0     0   0   0     0
                   1.本机关不掌握相关政府信息   5    0      0     0   0   0     5

                                                                        -3-
                   2.没有现成信息需要另行制作   0     0      0     0   0   0     0
                   3.补正后申请内容仍不明确         0    0   0   0    0    0   0
                   1.信访举报投诉类申请           1    0   0   0    0    0   1
                   2.重复申请                0    0   0   0    0    0   0
                   3.要求提供公开出版物           0    0   0   0    0    0   0
     （五）不予处理
                   4.无正当理由大量反复 申请        0    0   0   0    0    0   0
                   5.要求行政机关确认或重 新出具
                       已获取信息
                                         0    0   0   0    0    0   0
     （六）其他处理                           0    0   0   0    0    0   0
     （七）总计                             22   0   0   0    0    0   22
四、结转下年度继续办理                            1    0   0   0    0    0   1

     四、政府信息公开行政复议、行政诉讼情况
结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计
10    1      0   0    0   0    0   0   0    0   5   0     0   0   0
     五、存在的主要问题及改进情况`

func TestLayoutTable(t *testing.T) {
	r := tableReport(layoutTable3)
	keys := []string{"requests_new", "partial", "denied_state_secret", "denied_law_forbidden", "denied_enforcement_file_np", "denied_enforcement_file", "unable_not_held", "unable_needs_creation", "np_mass_repeat", "np_confirm", "other_total", "concluded_total", "carried_forward", "denied_total", "reconsideration_upheld", "reconsideration_total"}
	want := []any{21.0, 4.0, 1.0, 0.0, nil, 0.0, 5.0, 0.0, 0.0, 0.0, 0.0, 22.0, 1.0, 2.0, 10.0, 0.0}
	got := vals(r, keys...)
	for i := range keys {
		if got[i] != want[i] {
			t.Errorf("%s = %v, want %v", keys[i], got[i], want[i])
		}
	}
	if r.Template != data.Template2019 {
		t.Errorf("template %q, want t2019 (single （六） row, no 表二)", r.Template)
	}
	// The "/" is recorded as not applicable, not as 0.
	for _, m := range r.Metrics {
		if m.Key == "denied_enforcement_file_np" && (m.Semantic != data.SemNA || m.Value != nil) {
			t.Errorf("denied_enforcement_file_np = %+v, want semantic na without value", m)
		}
	}
	checks := map[string]bool{}
	for _, c := range r.Checks {
		checks[c.Name] = c.OK
	}
	// 表四's 复议 row is 10+1+0+0 with 总计 0 in the source: flagged, not fixed.
	want2 := map[string]bool{"requests_balance": true, "concluded_sum": true, "reconsideration_sum": false, "litigation_after_review_sum": false, "litigation_direct_sum": true}
	for name, ok := range want2 {
		got, found := checks[name]
		if !found || got != ok {
			t.Errorf("check %s = %v (found %v), want %v", name, got, found, ok)
		}
	}
}

func TestTotalFirstHeader(t *testing.T) {
	text := strings.Replace(layoutTable3, "自然人   商业企业 科研机构 社会公益组织 法律服务机构 其他   总计", "总计  自然人   商业企业 科研机构 社会公益组织 法律服务机构 其他", 1)
	text = strings.Replace(text, "一、本年新收政府信息公开申请数量         21    0      0     0   0   0     21", "一、本年新收政府信息公开申请数量         21    20      0     0   0   0     1", 1)
	r := tableReport(text)
	got := vals(r, "requests_new", "requests_new_np", "requests_new_com")
	want := []any{21.0, 20.0, 0.0}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("value %d = %v, want %v", i, got[i], want[i])
		}
	}
}

// TestBlankTotalColumn: t2019/001 leaves 表三's 总计 blank for the outcome rows; the totals
// are derived from the applicant columns and flagged.
func TestBlankTotalColumn(t *testing.T) {
	rows := map[string]string{
		"一、本年新收政府信息公开申请数量": "5\t1\t\t\t\t\t6",
		"二、上年结转政府信息公开申请数量": "0\t\t\t\t\t\t0",
		"（一）予以公开":          "3\t1\t\t\t\t\t",
		"（二）部分公开":          "2\t\t\t\t\t\t",
		"（七）总计":            "5\t1\t\t\t\t\t6",
		"四、结转下年度继续办理":      "\t\t\t\t\t\t0",
	}
	var b strings.Builder
	b.WriteString("三、收到和处理政府信息公开申请情况\n申请人情况\t自然人\t法人或其他组织\t总计\n")
	for _, label := range []string{"一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开", "（二）部分公开",
		"1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益", "5.属于三类内部事务信息",
		"6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项", "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作",
		"3.补正后申请内容仍不明确", "（六）其他处理", "（七）总计", "四、结转下年度继续办理"} {
		cells, ok := rows[label]
		if !ok {
			cells = "\t\t\t\t\t\t"
		}
		b.WriteString(label + "\t" + cells + "\n")
	}
	r := tableReport(b.String())
	var granted data.Metric
	for _, m := range r.Metrics {
		if m.Key == "granted" {
			granted = m
		}
	}
	if granted.Value == nil || *granted.Value != 4 || granted.Method != data.MethodDerived {
		t.Fatalf("granted = %+v, want 4 derived", granted)
	}
	if !hasWarning(r, "总计 column blank") {
		t.Errorf("no warning about the blank 总计 column: %q", r.Warnings)
	}
	for _, m := range r.Metrics {
		if m.Key == "granted_res" && (m.Semantic != data.SemBlank || m.Value == nil || *m.Value != 0) {
			t.Errorf("granted_res = %+v, want a blank read as 0", m)
		}
	}
	if v := vals(r, "denied_total"); v[0] != 0.0 {
		t.Errorf("denied_total = %v, want 0 from blank rows", v[0])
	}
}

// TestTemplateFromTable: t2019/009 has 2021 表二 columns but a single （六） row; the
// template follows the table, not the year.
func TestTemplateFromTable(t *testing.T) {
	t2021 := "二、主动公开政府信息情况\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章  1  0  11\n"
	t2019 := "二、主动公开政府信息情况\n信息内容 本年新制作数量 本年新公开数量 对外公开总数量\n规章  1  1  11\n"
	tests := []struct {
		name, text, want string
		key              string
		val              float64
	}{
		{"2021 columns, single （六） row (t2019/009)", t2021 + layoutTable3, data.Template2021, "regulations_in_force", 11},
		{"2019 columns", t2019 + layoutTable3, data.Template2019, "regulations_public_total", 11},
		{"2019 新制作 also under the 2021 name", t2019 + layoutTable3, data.Template2019, "regulations_issued", 1},
		{"no 表二, three （六） sub-rows", table3Text(map[string]string{"table4": "000000000000000"}, true), data.Template2021, "other_total", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tableReport(tt.text)
			if r.Template != tt.want {
				t.Errorf("template %q, want %q", r.Template, tt.want)
			}
			if got := vals(r, tt.key)[0]; got != tt.val {
				t.Errorf("%s = %v, want %v", tt.key, got, tt.val)
			}
		})
	}
}

func TestNarrativeNotATable(t *testing.T) {
	r := tableReport("2019年本年新收政府信息公开申请23件，上年结转0件，予以公开7件。")
	if len(r.Metrics) != 0 || r.Template != data.TemplateProse {
		t.Errorf("a sentence read as a table: %d metrics, template %q", len(r.Metrics), r.Template)
	}
}

func TestCorroboratedSplit(t *testing.T) {
	// t2019/006: "77132470" has many readings; the narrative's 制发的规范性文件77件 settles
	// the first column only.
	text := "动态更新本年度制发的规范性文件77件。二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件77132470" + table3Text(map[string]string{"table4": "000000000000000"}, true)
	r := tableReport(text)
	got := vals(r, "normative_issued", "normative_repealed", "normative_in_force", "regulations_issued")
	want := []any{77.0, nil, nil, 0.0}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("value %d = %v, want %v", i, got[i], want[i])
		}
	}
}

func FuzzTableText(f *testing.F) {
	f.Add(layoutTable3)
	f.Add(table3Text(map[string]string{"requests_new": "640020470", "table4": "10203120001200000"}, true))
	f.Add("本年新收上年结转予以公开1.属于国家秘密99999999999999999999999999结转下年度行政复议")
	f.Fuzz(func(t *testing.T, text string) {
		doc := data.NewDocument(text, data.FormatText)
		r := data.Report{}
		extractTables(doc, &r)
		runes := []rune(doc.Text)
		for _, m := range r.Metrics {
			if !strings.Contains(doc.Text, m.Evidence) {
				t.Fatalf("%s: evidence %q not in the text", m.Key, m.Evidence)
			}
			if strings.TrimSpace(m.Evidence) == "" {
				t.Fatalf("%s: evidence %q is blank", m.Key, m.Evidence)
			}
			if m.Offset < 0 || m.Offset > len(runes) || !strings.HasPrefix(string(runes[m.Offset:]), m.Evidence) {
				t.Fatalf("%s: offset %d does not point at the evidence", m.Key, m.Offset)
			}
		}
	})
}

// TestTable4Evidence: 表四's data row has no label, so every cell's evidence is the whole
// row, never the blanks before a blank cell.
func TestTable4Evidence(t *testing.T) {
	tests := []struct {
		name, row, evidence string
	}{
		{"run-together digits", "000000000000000", "000000000000000"},
		{"tab cells, blank first", "\n\t\t\t\t0\t\t\t\t\t0\t\t\t\t\t0\n", "0\t\t\t\t\t0\t\t\t\t\t0"},
		{"tab cells, figures", "\n1\t0\t0\t0\t1\t0\t2\t0\t0\t2\t0\t0\t0\t0\t0\n", "1\t0\t0\t0\t1\t0\t2\t0\t0\t2\t0\t0\t0\t0\t0"},
		{"tab cells, blank last", "\n5\t\t\t2\t7\t8\t\t\t1\t9\t\t\t\t\t\n", "5\t\t\t2\t7\t8\t\t\t1\t9"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := table3Text(map[string]string{"table4": tc.row}, true)
			r := tableReport(text)
			n := 0
			for _, m := range r.Metrics {
				if !slices.Contains(table4Keys, m.Key) {
					continue
				}
				n++
				if m.Evidence != tc.evidence {
					t.Errorf("%s: evidence %q, want the row %q", m.Key, m.Evidence, tc.evidence)
				}
				if at := []rune(text)[m.Offset:]; !strings.HasPrefix(string(at), m.Evidence) {
					t.Errorf("%s: offset %d does not point at the evidence", m.Key, m.Offset)
				}
			}
			if n != len(table4Keys) {
				t.Errorf("%d 表四 metrics, want %d (warnings %q)", n, len(table4Keys), r.Warnings)
			}
		})
	}
}

// TestLayoutBlankCells: pdftotext prints an empty cell as spaces, so a row shows fewer
// figures than columns; each figure goes to the column it stands under, and figures far
// apart on a line are never split into several cells.
func TestLayoutBlankCells(t *testing.T) {
	blank := func(line, keep string) string {
		// Replace the figures of line after its label with spaces, keeping those in keep
		// (by position among the figures, "1" keeps it, "0" blanks it).
		fields := 0
		out := []rune(line)
		inNum := false
		for i, r := range out {
			isDigit := r >= '0' && r <= '9'
			if isDigit && !inNum {
				fields++
			}
			inNum = isDigit
			if isDigit && fields <= len(keep) && keep[fields-1] == '0' {
				out[i] = ' '
			}
		}
		return string(out)
	}
	text := layoutTable3
	// 一、本年新收 21 0 0 0 0 0 21 → 21 (blank ×5) 21: np and total only.
	orig := "一、本年新收政府信息公开申请数量         21    0      0     0   0   0     21"
	text = strings.Replace(text, orig, blank(orig, "1000001"), 1)
	// 1.本机关不掌握相关政府信息 5 0 0 0 0 0 5 → only the total printed.
	orig = "1.本机关不掌握相关政府信息   5    0      0     0   0   0     5"
	text = strings.Replace(text, orig, blank(orig, "10000001"), 1) // the first figure is the label's ordinal
	// 表四: only the three totals printed.
	// Under the three 总计 of the header below (columns 12, 30, 48).
	text = strings.Replace(text, "10    1      0   0    0   0    0   0   0    0   5   0     0   0   0",
		strings.Repeat(" ", 12)+"7"+strings.Repeat(" ", 17)+"0"+strings.Repeat(" ", 17)+"5", 1)
	text = strings.Replace(text, "结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计",
		"维持 纠正 其他 尚未 总计    维持 纠正 其他 尚未 总计    维持 纠正 其他 尚未 总计", 1)
	r := tableReport(text)
	keys := []string{"requests_new", "requests_new_np", "requests_new_com", "unable_not_held", "unable_not_held_np",
		"reconsideration_total", "reconsideration_upheld", "litigation_direct_total", "litigation_after_review_total", "litigation_after_review_upheld"}
	want := []any{21.0, 21.0, 0.0, 5.0, 0.0, 7.0, 0.0, 0.0, 5.0, 0.0}
	got := vals(r, keys...)
	for i := range keys {
		if got[i] != want[i] {
			t.Errorf("%s = %v, want %v", keys[i], got[i], want[i])
		}
	}
	for _, m := range r.Metrics {
		if m.Key == "requests_new_com" && m.Semantic != data.SemBlank {
			t.Errorf("requests_new_com semantic %q, want blank", m.Semantic)
		}
	}
}

// TestLongTable4Run: 21 run-together digits for 表四's 15 cells have one reading whose
// groups add up; checking each group as soon as it is read keeps the search small
// enough to find it (found by the synthetic corpus).
func TestLongTable4Run(t *testing.T) {
	r := tableReport(table3Text(map[string]string{"table4": "611016693000002665542"}, true))
	keys := []string{"reconsideration_upheld", "reconsideration_corrected", "reconsideration_other", "reconsideration_pending", "reconsideration_total",
		"litigation_direct_total", "litigation_after_review_upheld", "litigation_after_review_total"}
	want := []any{61.0, 10.0, 16.0, 6.0, 93.0, 0.0, 26.0, 42.0}
	got := vals(r, keys...)
	for i := range keys {
		if got[i] != want[i] {
			t.Errorf("%s = %v, want %v", keys[i], got[i], want[i])
		}
	}
}

// TestLayoutPlacementRefused: figures that do not stand under the columns (the applicant
// figures would not add up to the 总计 they are put beside) are left unread, not guessed.
func TestLayoutPlacementRefused(t *testing.T) {
	orig := "一、本年新收政府信息公开申请数量         21    0      0     0   0   0     21"
	// 8 and 7 printed far from their columns: read by position they would not add up.
	text := strings.Replace(layoutTable3, orig, "一、本年新收政府信息公开申请数量   8   7                                       ", 1)
	r := tableReport(text)
	if got := vals(r, "requests_new_np", "requests_new"); got[0] != nil || got[1] != nil {
		t.Errorf("requests_new_np, requests_new = %v, want unread", got)
	}
	if !hasWarning(r, "could not be placed") {
		t.Errorf("no warning in %q", r.Warnings)
	}
}
