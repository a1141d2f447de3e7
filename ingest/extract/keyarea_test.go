package extract

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"nianbao/data"
)

func keyAreaReport(t *testing.T, path string) data.Report {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := data.NewDocument(string(b), data.FormatText)
	r := data.Report{Template: data.TemplateProse}
	identify(doc, &r)
	extractKeyAreas(doc, &r)
	checkMentions(t, doc, r)
	return r
}

// checkMentions holds every mention to the evidence contract: an exact substring of the
// text at its character offset.
func checkMentions(t *testing.T, doc *data.Document, r data.Report) {
	t.Helper()
	for _, m := range r.KeyAreas {
		rs := []rune(doc.Text)
		n := utf8.RuneCountInString(m.Evidence)
		if m.Offset < 0 || m.Offset+n > len(rs) || string(rs[m.Offset:m.Offset+n]) != m.Evidence {
			t.Errorf("%s: evidence %q is not the text at offset %d", m.Area, m.Evidence, m.Offset)
		}
	}
}

func TestKeyAreasSeeds000All2013Areas(t *testing.T) {
	r := keyAreaReport(t, "../../data/sample/seeds/000_5de301956977bd49.src")
	want := []string{"行政审批", "财政预算决算和“三公”经费", "保障性住房", "食品药品安全", "环境保护", "安全生产", "价格和收费", "征地拆迁", "以教育为重点的公共企事业单位"}
	got := map[string]data.KeyAreaMention{}
	for _, m := range r.KeyAreas {
		got[m.Area] = m
	}
	for _, a := range want {
		m, ok := got[a]
		if !ok {
			t.Errorf("2013 area %s not found", a)
			continue
		}
		if m.Evidence == "" {
			t.Errorf("%s: no evidence", a)
		}
	}
	if r.KeyAreaCoverage == nil || *r.KeyAreaCoverage != 1 {
		t.Errorf("coverage = %v, want 1", r.KeyAreaCoverage)
	}
}

func TestKeyAreasSeeds004CountyGroups(t *testing.T) {
	r := keyAreaReport(t, "../../data/sample/seeds/004_ff3d481d8cd5ddc1.src")
	want := map[string]int64{"财政资金使用": 392, "公共资源配置": 460, "公共服务": 381, "公共监管": 300}
	for _, m := range r.KeyAreas {
		c, ok := want[m.Area]
		if !ok {
			t.Errorf("unexpected area %s (%q)", m.Area, m.Evidence)
			continue
		}
		if m.Count == nil || *m.Count != c {
			t.Errorf("%s: count %v, want %d", m.Area, m.Count, c)
		}
		delete(want, m.Area)
	}
	for a := range want {
		t.Errorf("group %s not found", a)
	}
}

func TestKeyAreasPhrasings(t *testing.T) {
	cases := []struct {
		name  string
		year  int
		text  string
		area  string // "" when no area may be found
		count int64  // 0: no count
	}{
		{"seeds/004 count after the group name", 2014, "其中,财政资金使用信息数公开了392条,公共资源配置信息数公开了460条。", "财政资金使用", 392},
		{"prose/pt004 count per area", 2012, "保障性住房信息7条；食品安全信息1条；", "保障性住房", 7},
		{"seeds/000 heading without a count", 2013, "8.推进征地拆迁信息公开。依法依规做好征地报批前告知。", "征地拆迁", 0},
		{"seeds/000 number of areas is no count", 2013, "对行政审批、价格和收费等涉及9个领域的牵头单位召开了专题会议。", "价格和收费", 0},
		{"seeds/000 approvals cancelled are no count of information", 2013, "共衔接国务院取消的行政审批项目18项。", "行政审批", 0},
		{"t2019/002 a shared category count belongs to no area", 2019, "民政扶贫救灾社会保障就业类信息67条", "就业", 0},
		{"seeds/003 count of the area's own category", 2016, "2016年,公示社会保险共38条,教育领域类108条,医疗卫生领域类共537条。", "医疗卫生", 537},
		{"trap: table row 属于行政执法案卷", 2019, "7.属于行政执法案卷\t0\t0\t0", "", 0},
		{"trap: 收费 of disclosure requests", 2013, "三、政府信息公开的收费及减免情况\n2013年度没有收费。", "", 0},
		{"trap: 行政事业性收费 row of table 2 (2021 format)", 2012, "行政事业性收费\t本年收费金额（万元）\n项目数量", "", 0},
		{"trap: organ name is not an area", 2013, "市国资委、市环境保护局等部门在门户网站发布信息。", "", 0},
		{"trap: title of another document", 2013, "根据《环境保护部环境信息公开办法（试行）》规定。", "", 0},
		{"trap: 人力资源社会保障部 is an organ", 2009, "请与人力资源社会保障部办公厅联系。", "", 0},
		{"traditional characters", 2013, "推進保障性住房信息公開。", "保障性住房", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := data.NewDocument(c.text, data.FormatText)
			r := data.Report{Year: c.year, IsAnnualReport: true}
			extractKeyAreas(doc, &r)
			checkMentions(t, doc, r)
			if c.area == "" {
				if len(r.KeyAreas) > 0 {
					t.Fatalf("found %+v", r.KeyAreas)
				}
				return
			}
			for _, m := range r.KeyAreas {
				if m.Area != c.area {
					continue
				}
				switch {
				case c.count == 0 && m.Count != nil:
					t.Errorf("count %d, want none", *m.Count)
				case c.count != 0 && (m.Count == nil || *m.Count != c.count):
					t.Errorf("count %v, want %d", m.Count, c.count)
				}
				return
			}
			t.Fatalf("area %s not found in %+v", c.area, r.KeyAreas)
		})
	}
}

func TestKeyAreasNoListNoCoverage(t *testing.T) {
	for _, year := range []int{0, 2009, 2023, 2030} {
		doc := data.NewDocument("推进财政预决算信息公开，公开环境保护信息12条。", data.FormatText)
		r := data.Report{Year: year, IsAnnualReport: true}
		extractKeyAreas(doc, &r)
		if r.KeyAreaCoverage != nil {
			t.Errorf("year %d: coverage %v without a GO list", year, *r.KeyAreaCoverage)
		}
	}
}

func FuzzKeyAreas(f *testing.F) {
	for _, s := range []string{
		"其中,财政资金使用信息数公开了392条,公共资源配置信息数公开了460条。",
		"7.属于行政执法案卷\t0",
		"《环境保护", "环境保护局", "推進保障性住房信息公開。\n１２条",
		"2014年政府信息公开工作总结\n2014年1月1日至12月31日",
	} {
		f.Add(s, 2014)
		f.Add(s, 2013)
	}
	f.Fuzz(func(t *testing.T, text string, year int) {
		doc := data.NewDocument(text, data.FormatText)
		r := data.Report{Year: year, IsAnnualReport: true, Template: data.TemplateProse}
		identify(doc, &r)
		r.Year = year
		extractKeyAreas(doc, &r)
		nr := utf8.RuneCountInString(doc.Text)
		for _, m := range r.KeyAreas {
			if !strings.Contains(doc.Text, m.Evidence) {
				t.Fatalf("evidence %q not in text", m.Evidence)
			}
			if m.Offset < 0 || m.Offset > nr {
				t.Fatalf("offset %d out of range %d", m.Offset, nr)
			}
		}
	})
}

func BenchmarkIdentityKeyAreas(b *testing.B) {
	raw, err := os.ReadFile("../../data/sample/seeds/000_5de301956977bd49.src")
	if err != nil {
		b.Fatal(err)
	}
	doc := data.NewDocument(string(raw), data.FormatText)
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		r := data.Report{Template: data.TemplateProse}
		identify(doc, &r)
		extractKeyAreas(doc, &r)
	}
}
