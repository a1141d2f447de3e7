package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"nianbao/data"
)

func TestIdentifyVariants(t *testing.T) {
	cases := []struct {
		name      string
		text      string
		report    bool
		year      int
		organ     string
		published string
		level     string
	}{
		{name: "t2019/001 year first then organ", text: "2019年上海市人民政府办公厅政府信息公开工作年度报告\n发布日期：2020-01-31\n本年度报告中所列数据统计期限从2019年1月1日到12月31日止。",
			report: true, year: 2019, organ: "上海市人民政府办公厅", published: "2020-01-31", level: "department"},
		{name: "t2019/008 organ on the line above, spaced year", text: "                洪泽区人民政府\n      2023 年政府信息公开工作年度报告\n\n   本报告由淮安市洪泽区人民政府办公室根据…要求编制此报告。报告中所列数据统计期限自 2023 年 1 月 1 日\n起至 2023 年 12 月 31 日止。",
			report: true, year: 2023, organ: "洪泽区人民政府", level: "county"},
		{name: "seeds/004 title wrapped over two lines", text: "名  称: 2014年政府信息公开工作总结\n\n琼中黎族苗族自治县2014年政府信息\n\n公开工作总结\n\n2014年,在省政府的领导下,我县认真贯彻落实《政府信息公开条例》",
			report: true, year: 2014, organ: "琼中黎族苗族自治县", level: "county"},
		{name: "seeds/003 signature organ and date", text: "广元市利州区人民政府办公室2016年政府信息公开年度报告\n\n一、概述\n…\n\n广元市利州区人民政府办公室\n\n2017年3月23日",
			report: true, year: 2016, organ: "广元市利州区人民政府办公室", published: "2017-03-23", level: "county"},
		{name: "prose/003 signature date only", text: "道县文广新局2013年度信息公开工作\n年度报告\n一、主动公开政府信息的情况:\n2013年度主动公开信息的有5条;\n2014年3月25日\n",
			report: true, year: 2013, organ: "道县文广新局", published: "2014-03-25", level: "department"},
		{name: "prose/027 statistics period beats a mistyped title", text: "根据《条例》有关规定,现公布黄石市环保局2017年度政府信息公开工作报告,本报告统计内容统计时间为2018年1月1日至2018年12月31日,如对本年报有任何疑问,请与我局办公室联系。\n一、概述\n2018年,我局认真贯彻落实《条例》",
			report: true, year: 2018, organ: "黄石市环保局", level: "department"},
		{name: "prose/001 no title: opening year and sections", text: "根据《中华人民共和国政府信息公开条例》要求,由伊宁县人民政府办公室编制。\n一、概述\n2014年,按照《政府信息公开条例》的要求,县政府加快电子政务建设\n三、依申请公开政府信息情况\n本单位2014年度没有收到要求公开信息的申请。",
			report: true, year: 2014, organ: "伊宁县人民政府办公室", level: "county"},
		{name: "prose/011 metadata line gives the date", text: "标题:2012年度屯昌县南吕镇政府信息公开工作年度报告\n\n索引号:000014349tc0000/2018-00851 发文机关:屯昌县 成文日期:2013年03月28日 文 号: 发布日期:2013年03月28日\n",
			report: true, year: 2012, organ: "屯昌县南吕镇", published: "2013-03-28", level: "township"},
		{name: "prose/039 organ with a note in brackets", text: "根据《条例》的规定,现公开人力资源社会保障部(含国家公务员局)2009年政府信息公开工作年度报告。本报告所列统计数据的期限自2009年1月1日起,至2009年12月31日止。",
			report: true, year: 2009, organ: "人力资源社会保障部(含国家公务员局)", level: "department"},
		{name: "year after the title in brackets", text: "XX县人民政府政府信息公开工作年度报告（2015年度）\n一、概述\n",
			report: true, year: 2015, organ: "XX县人民政府", level: "county"},
		{name: "traditional characters are matched through Norm", text: "2010年度政府信息公開年度報告\n\n根據規定,現將我辦2010年度政府信息公開情況報告如下。",
			report: true, year: 2010},
		{name: "seeds/001 collection of speeches", text: "第一篇:信息公开培训会上的讲话\n政府信息公开培训会上的讲话\n政府办副主任 卢海星\n(2010年8月3日)\n同志们:\n一、政府信息公开工作的目的和意义\n第二篇:基层财政预算信息公开培训会上的讲话\n谢谢大家。",
			report: false, year: 0},
		{name: "prose/pt008 letter on work points keeps its title year", text: "标题: 关于2014年政府信息公开工作要点落实情况的函\n发布时间: 2014-12-10 00:00\n省政府办公厅： 根据《福建省人民政府办公厅关于做好2014年政府信息公开工作要点落实情况督查及政府信息公开工作年度报告有关事项的通知》要求，现将我区2014年政府信息公开工作要点落实情况函告如下：",
			report: false, year: 2014, published: "2014-12-10"},
		{name: "notice about compiling reports", text: "关于做好2014年政府信息公开工作年度报告编制工作的通知\n各乡镇人民政府，县政府各部门：\n现将有关事项通知如下：",
			report: false, year: 2014},
		{name: "guide page", text: "XX市人民政府信息公开指南\n为了更好地提供政府信息公开服务，特编制本指南。",
			report: false},
		{name: "nav column names are not titles", text: "政府信息公开指南\n政府信息公开年报\n安庆市2008年政府信息公开工作年度报告\n发布单位:安庆市政府办公室 发布时间:2009-2-20",
			report: true, year: 2008, organ: "安庆市", published: "2009-02-20", level: "city"},
		{name: "a year cited in a quoted title is not the report's", text: "根据《关于做好2016年政务公开工作的通知》要求\n一、概述\n2017年,我局继续推进政府信息公开。\n二、主动公开政府信息情况\n2017年共主动公开信息20条。",
			report: true, year: 2017},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := data.NewDocument(c.text, data.FormatText)
			r := data.Report{Template: data.TemplateProse}
			identify(doc, &r)
			if r.IsAnnualReport != c.report {
				t.Errorf("is_annual_report = %v, want %v (warnings %q)", r.IsAnnualReport, c.report, r.Warnings)
			}
			if !c.report && len(r.Warnings) == 0 {
				t.Errorf("non-report without a warning saying why")
			}
			if r.Year != c.year {
				t.Errorf("year = %d, want %d", r.Year, c.year)
			}
			if c.organ != "" && r.Organ != c.organ {
				t.Errorf("organ = %q, want %q", r.Organ, c.organ)
			}
			if c.published != "" && r.Published != c.published {
				t.Errorf("published = %q, want %q", r.Published, c.published)
			}
			if c.level != "" && r.Level != c.level {
				t.Errorf("level = %q, want %q", r.Level, c.level)
			}
		})
	}
}

func TestIdentifyTemplateIsReport(t *testing.T) {
	// A template table is only printed in a report, whatever the prose around it says.
	doc := data.NewDocument("同志们：\n表格", data.FormatText)
	r := data.Report{Template: data.Template2021}
	identify(doc, &r)
	if !r.IsAnnualReport {
		t.Fatalf("template-era page not a report: %q", r.Warnings)
	}
}

func TestLevelOf(t *testing.T) {
	for organ, want := range map[string]string{
		"赣州市人民政府":         "city",
		"广元市利州区人民政府办公室":   "county",
		"上海市人民政府办公厅":      "department",
		"琼中黎族苗族自治县人民政府":   "county",
		"屯昌县南吕镇人民政府":      "township",
		"北京市西城区广安门内街道办事处": "township",
		"湖南省人民政府":         "province",
		"北京市人民政府":         "province",
		"黄石市环境保护局":        "department",
		"乐山市人民政府法制办公室":    "department",
		"":                "",
	} {
		if got := idLevelOf(organ); got != want {
			t.Errorf("idLevelOf(%q) = %q, want %q", organ, got, want)
		}
	}
}

// TestIdentifyLabelled checks every bundled labelled document against its labels' year
// and is_annual_report, the two identity fields the scorer counts.
func TestIdentifyLabelled(t *testing.T) {
	dirs, _ := filepath.Glob("../../data/sample/*")
	n := 0
	for _, dir := range dirs {
		f, err := os.Open(filepath.Join(dir, "labels.jsonl"))
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var lab struct {
				ID     string `json:"id"`
				Year   *int   `json:"year"`
				Report *bool  `json:"is_annual_report"`
			}
			if err := json.Unmarshal(sc.Bytes(), &lab); err != nil {
				t.Fatal(err)
			}
			name := filepath.Base(dir) + "/" + lab.ID
			t.Run(name, func(t *testing.T) {
				b, err := os.ReadFile(filepath.Join(dir, lab.ID+".src"))
				if err != nil {
					t.Fatal(err)
				}
				doc := data.NewDocument(string(b), data.FormatText)
				r := data.Report{Template: data.TemplateProse}
				identify(doc, &r)
				wantReport := lab.Report == nil || *lab.Report
				if r.IsAnnualReport != wantReport {
					t.Errorf("is_annual_report = %v, want %v (%q)", r.IsAnnualReport, wantReport, r.Warnings)
				}
				wantYear := 0
				if lab.Year != nil {
					wantYear = *lab.Year
				}
				if r.Year != wantYear {
					t.Errorf("year = %d, want %d (%q)", r.Year, wantYear, r.Warnings)
				}
				if r.Published != "" && !strings.HasPrefix(r.Published, "20") {
					t.Errorf("published = %q", r.Published)
				}
			})
			n++
		}
		f.Close()
	}
	if n < 30 {
		t.Fatalf("only %d labelled documents found", n)
	}
}

func TestRunOnTitle(t *testing.T) {
	tests := []struct {
		name, text, organ string
		year              int
		report            bool
	}{
		{"t2019/002 crawler text runs the title into the body", "平潭综合实验区2019年政府信息公开工作年度报告 根据《中华人民共和国政府信息公开条例》（以下简称《条例》）、《福建省人民政府办公厅关于印发福建省2019年政务公开工作主要任务的通知》要求，区管委会办公室编制完成了本报告。", "平潭综合实验区", 2019, true},
		{"a notice about reports run into its body is not a report", "关于做好2014年政府信息公开工作年度报告编制工作的通知各乡镇人民政府县直各单位为做好年度报告编制工作现将有关事项通知如下请认真贯彻执行务必按时报送", "", 2014, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Extract(data.NewDocument(tt.text, data.FormatText))
			if r.Organ != tt.organ || r.Year != tt.year || r.IsAnnualReport != tt.report {
				t.Errorf("organ %q year %d report %v, want %q %d %v", r.Organ, r.Year, r.IsAnnualReport, tt.organ, tt.year, tt.report)
			}
		})
	}
}

// TestIdNonReportEnd keeps idNonReportEnd in step with idNonReportKinds, whose titles it
// lets through to the suffix tests.
func TestIdNonReportEnd(t *testing.T) {
	for _, nk := range idNonReportKinds {
		t.Run(nk.word, func(t *testing.T) {
			if r, _ := utf8.DecodeLastRuneInString(nk.word); !idNonReportEnd(r) {
				t.Errorf("idNonReportEnd(%q) = false", r)
			}
		})
	}
}
