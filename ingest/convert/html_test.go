package convert

import (
	"context"
	"os"
	"strings"
	"testing"

	"nianbao/data"
)

const sample001 = "../../data/sample/t2019/001.src"

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func convertOK(t testing.TB, name, ct string, b []byte) *data.Document {
	t.Helper()
	doc, err := New(Config{}).Convert(context.Background(), name, ct, b)
	if err != nil {
		t.Fatalf("Convert(%s): %v", name, err)
	}
	return doc
}

// gridStrings renders a table as cell texts, span copies prefixed with ^.
func gridStrings(tb data.Table) [][]string {
	var out [][]string
	for _, r := range tb.Rows {
		var row []string
		for _, c := range r {
			s := c.Text
			if c.Span {
				s = "^" + s
			}
			row = append(row, s)
		}
		out = append(out, row)
	}
	return out
}

func findRow(tables []data.Table, label string) []data.Cell {
	for _, tb := range tables {
		for _, r := range tb.Rows {
			if len(r) > 0 && r[0].Text == label {
				return r
			}
		}
	}
	return nil
}

func TestSample001(t *testing.T) {
	doc := convertOK(t, "001.src", "", mustRead(t, sample001))
	if doc.Format != data.FormatHTML || doc.Charset != "utf-8" || len(doc.Warnings) != 0 {
		t.Errorf("format %q charset %q warnings %q", doc.Format, doc.Charset, doc.Warnings)
	}
	want := data.Meta{Title: "2019年上海市人民政府办公厅政府信息公开工作年度报告", Published: "2020-01-31"}
	if doc.Meta != want {
		t.Errorf("meta %+v, want %+v", doc.Meta, want)
	}
	if len(doc.Tables) != 3 {
		t.Fatalf("%d tables, want 3", len(doc.Tables))
	}
	// 表三: a 3-column label block (colspan=3) and 7 applicant columns.
	t3 := doc.Tables[1]
	if len(t3.Rows) != 26 || len(t3.Rows[0]) != 10 {
		t.Fatalf("表三 is %d×%d, want 26×10", len(t3.Rows), len(t3.Rows[0]))
	}
	rows := []struct {
		name  string
		label string
		want  []string
	}{
		{"new requests", "一、本年新收政府信息公开申请数量",
			[]string{"一、本年新收政府信息公开申请数量", "^一、本年新收政府信息公开申请数量", "^一、本年新收政府信息公开申请数量", "821", "35", "", "", "2", "1", "859"}},
		{"carried over", "二、上年结转政府信息公开申请数量",
			[]string{"二、上年结转政府信息公开申请数量", "^二、上年结转政府信息公开申请数量", "^二、上年结转政府信息公开申请数量", "18", "", "", "", "", "", "18"}},
		{"outcome rowspan", "三、本年度办理结果",
			[]string{"三、本年度办理结果", "（一）予以公开", "^（一）予以公开", "258", "12", "", "", "1", "1", ""}},
	}
	g := gridStrings(t3)
	for _, tc := range rows {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, r := range g {
				if strings.TrimPrefix(r[0], "^") == tc.label && !strings.HasPrefix(r[0], "^") {
					got = r
				}
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("row\n got %q\nwant %q", got, tc.want)
			}
		})
	}
	// A row spanned from above: 三、本年度办理结果 covers the 不予公开 rows.
	if got := g[7]; got[0] != "^三、本年度办理结果" || got[1] != "（三）不予公开" || got[2] != "1.属于国家秘密" || got[3] != "14" {
		t.Errorf("row 7 = %q", got)
	}
	for _, line := range []string{
		"一、本年新收政府信息公开申请数量\t821\t35\t\t\t2\t1\t859",
		"三、本年度办理结果\t（一）予以公开\t258\t12\t\t\t1\t1\t",
		"\n2.其他法律行政法规禁止公开\t\t\t\t\t\t\t\n",
		"本年新制作数量", // <br> between CJK characters inside a cell joins them
	} {
		if !strings.Contains(doc.Text, line) {
			t.Errorf("text lacks %q", line)
		}
	}
	if strings.Contains(doc.Text, "&lt;") || !strings.Contains(doc.Text, "《上海市贯彻<长江三角洲区域一体化发展规划纲要>实施方案》") {
		t.Error("entities not decoded")
	}
}

// TestCellOffsets: extractors cite a cell's evidence through its offsets, so every cell
// must be exactly where it says, in Norm and, through Span, in Text.
func TestCellOffsets(t *testing.T) {
	cases := []struct {
		name string
		src  []byte
	}{
		{"sample 001", mustRead(t, sample001)},
		{"full-width digits and nbsp shift Norm", []byte("<p>表三</p><table><tr><td>一、本年新收</td><td>８５９</td><td>&nbsp;</td><td>１ ２</td></tr>" +
			"<tr><td rowspan=2>開</td><td>　１２　</td><td>x&nbsp;y</td><td>Ａ</td></tr><tr><td>3</td></tr></table><p>总计：８</p>")},
		{"nested table", []byte("<table><tr><td>外<table><tr><td>１</td><td>2</td></tr></table>尾</td><td>９</td></tr></table>")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := convertHTML(tc.src)
			n := 0
			for ti, tb := range doc.Tables {
				for ri, r := range tb.Rows {
					for ci, c := range r {
						n++
						if c.Start < 0 || c.Start > c.End || c.End > len(doc.Norm) {
							t.Fatalf("table %d cell %d,%d: bad offsets %d..%d", ti, ri, ci, c.Start, c.End)
						}
						if got := doc.Norm[c.Start:c.End]; got != c.Text {
							t.Errorf("table %d cell %d,%d: Norm[%d:%d] = %q, cell text %q", ti, ri, ci, c.Start, c.End, got, c.Text)
						}
						ev, _ := doc.Span(c.Start, c.End)
						if n, _ := data.Normalize(ev); n != c.Text {
							t.Errorf("table %d cell %d,%d: Span = %q, cell text %q", ti, ri, ci, ev, c.Text)
						}
						if c.Text == "" && c.Start != c.End {
							t.Errorf("empty cell with extent %d..%d", c.Start, c.End)
						}
					}
				}
			}
			if n == 0 {
				t.Fatal("no cells")
			}
		})
	}
	doc := convertHTML(cases[1].src)
	if len(doc.Norm) == len(doc.Text) {
		t.Fatal("case does not exercise offset mapping")
	}
	if r := findRow(doc.Tables, "一、本年新收"); r == nil || r[1].Text != "859" || r[2].Text != "" || r[3].Text != "1 2" {
		t.Errorf("full-width row = %+v", r)
	}
}

func TestGrid(t *testing.T) {
	cases := []struct {
		name string
		html string
		want [][]string
	}{
		{"plain", "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>",
			[][]string{{"a", "b"}, {"c", "d"}}},
		{"colspan", "<table><tr><td colspan=2>h</td><td>x</td></tr><tr><td>a</td><td>b</td><td>c</td></tr></table>",
			[][]string{{"h", "^h", "x"}, {"a", "b", "c"}}},
		{"rowspan", "<table><tr><td rowspan=2>l</td><td>1</td></tr><tr><td>2</td></tr></table>",
			[][]string{{"l", "1"}, {"^l", "2"}}},
		{"both", "<table><tr><td rowspan=2 colspan=2>X</td><td>a</td></tr><tr><td>b</td></tr><tr><td>c</td><td>d</td><td>e</td></tr></table>",
			[][]string{{"X", "^X", "a"}, {"^X", "^X", "b"}, {"c", "d", "e"}}},
		{"rowspan in middle column", "<table><tr><td>a</td><td rowspan=3>m</td><td>b</td></tr><tr><td>c</td><td>d</td></tr><tr><td>e</td><td>f</td></tr></table>",
			[][]string{{"a", "m", "b"}, {"c", "^m", "d"}, {"e", "^m", "f"}}},
		{"rowspan past the end is clipped", "<table><tr><td rowspan=9>a</td><td>b</td></tr></table>",
			[][]string{{"a", "b"}}},
		{"rowspan=0 spans to the end", "<table><tr><td rowspan=0>a</td><td>b</td></tr><tr><td>c</td></tr><tr><td>d</td></tr></table>",
			[][]string{{"a", "b"}, {"^a", "c"}, {"^a", "d"}}},
		{"short rows padded", "<table><tr><td>a</td><td>b</td><td>c</td></tr><tr><td>d</td></tr></table>",
			[][]string{{"a", "b", "c"}, {"d", "", ""}}},
		{"unclosed cells and rows", "<table><tr><td>a<td>b<tr><th>c<th>d</table>",
			[][]string{{"a", "b"}, {"c", "d"}}},
		{"thead tbody tfoot", "<table><thead><tr><th>h1</th><th>h2</th></thead><tbody><tr><td>1</td><td>2</td></tbody><tfoot><tr><td>s</td><td>t</td></tr></tfoot></table>",
			[][]string{{"h1", "h2"}, {"1", "2"}, {"s", "t"}}},
		{"bad span values", "<table><tr><td colspan=x>a</td><td colspan=-3>b</td><td colspan=\"2abc\">c</td></tr></table>",
			[][]string{{"a", "b", "c", "^c"}}},
		{"blocks inside a cell stay on one line", "<table><tr><td><p>本年新</p><p>制作数量</p></td><td>a<br>b</td></tr></table>",
			[][]string{{"本年新制作数量", "a b"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := convertHTML([]byte(tc.html))
			if len(doc.Tables) != 1 {
				t.Fatalf("%d tables", len(doc.Tables))
			}
			got := gridStrings(doc.Tables[0])
			if !equalGrid(got, tc.want) {
				t.Errorf("grid\n got %q\nwant %q", got, tc.want)
			}
			for _, line := range strings.Split(doc.Text, "\n") {
				if strings.Count(line, "\t")+1 > len(tc.want[0]) {
					t.Errorf("row line %q has more cells than the grid", line)
				}
			}
		})
	}
}

func equalGrid(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if strings.Join(a[i], "\x00") != strings.Join(b[i], "\x00") || len(a[i]) != len(b[i]) {
			return false
		}
	}
	return true
}

func TestHostileSpans(t *testing.T) {
	cases := []struct {
		name     string
		html     string
		maxCells int
	}{
		{"rowspan=100000", "<table><tr><td rowspan=100000>a</td><td>b</td></tr><tr><td>c</td></tr></table>", 4},
		{"colspan=100000", "<table><tr><td colspan=100000>a</td></tr><tr><td>b</td></tr></table>", 2 * maxColSpan},
		{"many wide rows", strings.Repeat("<table>"+strings.Repeat("<tr><td colspan=1000 rowspan=1000>x</td></tr>", 200)+"</table>", 20), maxGridCells},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// The cell bound is the guard against a grid blown up by its spans; the time
			// it takes is not asserted (under -race on a loaded machine it reached 7 s).
			doc := convertHTML([]byte(tc.html))
			cells := 0
			for _, tb := range doc.Tables {
				w := len(tb.Rows[0])
				for _, r := range tb.Rows {
					if len(r) != w {
						t.Fatalf("ragged grid")
					}
					cells += len(r)
				}
			}
			if cells == 0 || cells > tc.maxCells {
				t.Errorf("%d cells, want 1..%d", cells, tc.maxCells)
			}
		})
	}
}

func TestChrome(t *testing.T) {
	cases := []struct {
		name     string
		html     string
		has, not []string
	}{
		{"nav and footer dropped",
			`<html><body><div class="top-nav"><a>首页</a><a>政务公开</a></div><nav>网站导航</nav><p>正文第一段。</p><div id="footer">版权所有 主办单位</div></body></html>`,
			[]string{"正文第一段。"}, []string{"首页", "网站导航", "版权所有"}},
		{"script style template dropped",
			`<body><script>var x="<p>脚本</p>";</script><style>p{}</style><template><p>模板</p></template><noscript>请启用</noscript><p>正文</p></body>`,
			[]string{"正文"}, []string{"脚本", "模板", "请启用", "p{}"}},
		{"breadcrumb and print bar lines dropped",
			`<body><div>当前位置：<a>首页</a> &gt; <a>年报</a></div><p>正文</p><div>【打印本页】 【关闭窗口】</div></body>`,
			[]string{"正文"}, []string{"当前位置", "关闭窗口"}},
		{"chrome holding a table with digits kept",
			`<body><div class="main-header"><p>说明</p><table><tr><td>新收</td><td>859</td></tr></table></div></body>`,
			[]string{"新收\t859", "说明"}, nil},
		{"chrome holding the metadata block kept",
			`<body><div class="header-info">索引号：000014349/2020-00012 发布日期：2020年1月31日</div><p>正文</p></body>`,
			[]string{"索引号：000014349/2020-00012"}, nil},
		{"chrome holding the report body kept",
			`<body><div class="menu-wrap"><p>根据《中华人民共和国政府信息公开条例》要求编制本报告。</p></div></body>`,
			[]string{"政府信息公开条例"}, nil},
		{"nested chrome dropped whole",
			`<body><div class="nav"><ul><li>一</li><li><div class="submenu">二</div></li></ul></div><p>正文</p></body>`,
			[]string{"正文"}, []string{"一", "二"}},
		{"layout table keeps body lines and inner data table",
			`<body><table width=100%><tr><td class="leftmenu">栏目导航</td><td><p>第一段。</p><p>第二段。</p><table><tr><td>新收</td><td>12</td></tr></table></td></tr></table></body>`,
			[]string{"第一段。\n第二段。\n新收\t12"}, []string{"栏目导航"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := convertHTML([]byte(tc.html))
			for _, s := range tc.has {
				if !strings.Contains(doc.Text, s) {
					t.Errorf("text %q lacks %q", doc.Text, s)
				}
			}
			for _, s := range tc.not {
				if strings.Contains(doc.Text, s) {
					t.Errorf("text %q still has %q", doc.Text, s)
				}
			}
		})
	}
}

func TestMeta(t *testing.T) {
	cases := []struct {
		name string
		html string
		want data.Meta
	}{
		{"table block",
			`<html><head><title>某区2019年政府信息公开工作年度报告 - 某区人民政府</title></head><body><table class="xxgk-meta">
<tr><td>索引号：</td><td>11320800-2020-00001</td><td>主题分类：</td><td>政务公开</td></tr>
<tr><td>发布机构：</td><td>某区人民政府办公室</td><td>发文日期：</td><td>2020/01/31</td></tr></table><p>正文</p></body></html>`,
			data.Meta{Title: "某区2019年政府信息公开工作年度报告", IndexNo: "11320800-2020-00001", Publisher: "某区人民政府办公室", Published: "2020-01-31", Subject: "政务公开"}},
		{"one line with several labels",
			`<div>来源：某县政府办 发布时间：２０２１年２月３日 浏览次数：12</div><p style="text-align:center"><strong>某县2020年政府信息公开年报</strong></p>`,
			data.Meta{Title: "某县2020年政府信息公开年报", Publisher: "某县政府办", Published: "2021-02-03"}},
		{"publication date beats writing date",
			`<p>成文日期：2020-01-20</p><p>发布日期：2020.1.22</p><p>信息来源：市政府</p><p>发布机构：市政府办公室</p>`,
			data.Meta{Publisher: "市政府办公室", Published: "2020-01-22"}},
		{"prose is not metadata",
			`<p>资金来源主要为财政拨款，发布日期另行通知。</p>`,
			data.Meta{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := convertHTML([]byte(tc.html))
			if doc.Meta != tc.want {
				t.Errorf("meta\n got %+v\nwant %+v", doc.Meta, tc.want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"2020-01-31": "2020-01-31", "2020年1月31日": "2020-01-31", "2020/01/31 10:22": "2020-01-31",
		"2020 年 1 月 3 日": "2020-01-03", "2020.12.1": "2020-12-01", "2020-13-01": "", "12020-01-01": "",
		"发布于 2019-06-05": "2019-06-05", "无": "",
	} {
		if got := parseDate(in); got != want {
			t.Errorf("parseDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPlainText(t *testing.T) {
	cases := []struct {
		name, in, text string
		meta           data.Meta
	}{
		{"crlf and form feeds kept", "某市2024年政府信息公开工作年度报告\r\n发布日期：2025-01-20\r\n\f  一、总体情况   \r\n",
			"某市2024年政府信息公开工作年度报告\n发布日期：2025-01-20\n\f  一、总体情况   \n",
			data.Meta{Title: "某市2024年政府信息公开工作年度报告", Published: "2025-01-20"}},
		{"one long line", "根据条例  230 000023   一、总体情况", "根据条例  230 000023   一、总体情况", data.Meta{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := convertOK(t, "a.txt", "", []byte(tc.in))
			if doc.Format != data.FormatText || doc.Text != tc.text || doc.Meta != tc.meta {
				t.Errorf("got %q %q %+v", doc.Format, doc.Text, doc.Meta)
			}
		})
	}
	for _, f := range []string{"002.src", "008.src", "009.src"} {
		b := mustRead(t, "../../data/sample/t2019/"+f)
		doc := convertOK(t, f, "", b)
		if doc.Format != data.FormatText || doc.Text != string(b) {
			t.Errorf("%s: format %s, text changed: %v", f, doc.Format, doc.Text != string(b))
		}
	}
}
