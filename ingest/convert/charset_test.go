package convert

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

func encode(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCharset(t *testing.T) {
	const body = "<p>政府信息公开工作年度报告</p><table><tr><td>本年新收</td><td>859</td></tr></table>"
	page := func(meta string) string {
		return "<html><head>" + meta + "<title>年度报告</title></head><body>" + body + "</body></html>"
	}
	cases := []struct {
		name, ct string
		in       []byte
		charset  string
		warn     string // substring of a warning, "" for none
	}{
		{"gbk bytes declared utf-8 in meta", "", encode(t, simplifiedchinese.GBK, page(`<meta charset="utf-8">`)), "gb18030", "declared utf-8 but bytes are gb18030"},
		{"gbk bytes declared utf-8 in header", "text/html; charset=UTF-8", encode(t, simplifiedchinese.GBK, page("")), "gb18030", "declared utf-8 but bytes are gb18030"},
		{"gbk declared gbk", "", encode(t, simplifiedchinese.GBK, page(`<meta http-equiv="Content-Type" content="text/html; charset=gbk">`)), "gbk", ""},
		{"gb2312 declared", "", encode(t, simplifiedchinese.GBK, page(`<meta http-equiv=content-type content="text/html;charset=gb2312">`)), "gbk", ""},
		{"utf-8 with bom", "", append([]byte("\xef\xbb\xbf"), page("")...), "utf-8", ""},
		{"utf-8 undeclared", "", []byte(page("")), "utf-8", ""},
		{"gbk undeclared", "", encode(t, simplifiedchinese.GBK, page("")), "gb18030", ""},
		{"header beats meta", "text/html;charset=gbk", encode(t, simplifiedchinese.GBK, page(`<meta charset="big5">`)), "gbk", ""},
		{"utf-8 bytes declared gbk", "", []byte(page(`<meta charset="gb2312">`)), "utf-8", "declared gbk but bytes are utf-8"},
		{"gbk declared iso-8859-1 by the server", "text/html; charset=ISO-8859-1", encode(t, simplifiedchinese.GBK, page("")), "gb18030", "declared windows-1252 but bytes are gb18030"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := convertOK(t, "p.html", tc.ct, tc.in)
			if doc.Charset != tc.charset {
				t.Errorf("charset %q, want %q", doc.Charset, tc.charset)
			}
			w := strings.Join(doc.Warnings, "; ")
			if (tc.warn == "") != (w == "") || !strings.Contains(w, tc.warn) {
				t.Errorf("warnings %q, want %q", w, tc.warn)
			}
			if !strings.Contains(doc.Norm, "政府信息公开工作年度报告") || !strings.Contains(doc.Text, "本年新收\t859") {
				t.Errorf("text not decoded: %q", doc.Text)
			}
			if r := findRow(doc.Tables, "本年新收"); r == nil || r[1].Text != "859" {
				t.Errorf("table not decoded: %+v", doc.Tables)
			}
		})
	}
}

func TestCharsetBig5(t *testing.T) {
	in := encode(t, traditionalchinese.Big5, `<meta charset="big5"><p>政府資訊公開工作年度報告</p><table><tr><td>總計</td><td>859</td></tr></table>`)
	doc := convertOK(t, "p.html", "", in)
	// Norm maps traditional characters to simplified ones for the extractors.
	if doc.Charset != "big5" || !strings.Contains(doc.Text, "年度報告") || !strings.Contains(doc.Norm, "公开工作年度报告") {
		t.Errorf("charset %q text %q norm %q", doc.Charset, doc.Text, doc.Norm)
	}
	if r := findRow(doc.Tables, "总计"); r == nil || r[1].Text != "859" {
		t.Errorf("tables %+v", doc.Tables)
	}
}

func TestCharsetText(t *testing.T) {
	const s = "发布日期：2020-01-31\n一、总体情况"
	cases := []struct {
		name, ct string
		in       []byte
		charset  string
	}{
		{"utf-8", "", []byte(s), "utf-8"},
		{"gb18030", "", encode(t, simplifiedchinese.GB18030, s), "gb18030"},
		{"gbk with text/plain header", "text/plain; charset=GBK", encode(t, simplifiedchinese.GBK, s), "gbk"},
		{"utf-16le bom", "", append([]byte{0xff, 0xfe}, utf16le(s)...), "utf-16le"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := convertOK(t, "a.txt", tc.ct, tc.in)
			if doc.Charset != tc.charset || doc.Text != s || doc.Meta.Published != "2020-01-31" {
				t.Errorf("charset %q text %q meta %+v", doc.Charset, doc.Text, doc.Meta)
			}
		})
	}
}

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}
