package convert

import (
	"strings"
	"testing"
)

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

func wp(s string) string { return `<w:p><w:r><w:t xml:space="preserve">` + s + `</w:t></w:r></w:p>` }

func wtc(props, s string) string {
	return `<w:tc><w:tcPr>` + props + `</w:tcPr>` + wp(s) + `</w:tc>`
}

// docxFixture is a report with a 3×3 table: a header spanning two columns (gridSpan) and
// a row label merged over two rows (vMerge).
func docxFixture(t testing.TB) []byte {
	body := wp("某县2019年政府信息公开工作年度报告") + wp("发布日期：2020年1月31日") +
		`<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>` +
		`<w:tr>` + wtc("", "项目") + wtc(`<w:gridSpan w:val="2"/>`, "申请人情况") + `</w:tr>` +
		`<w:tr>` + wtc(`<w:vMerge w:val="restart"/>`, "新收") + wtc("", "８") + wtc("", "2") + `</w:tr>` +
		`<w:tr>` + wtc(`<w:vMerge/>`, "") + wtc("", "3") + wtc("", "") + `</w:tr>` +
		`</w:tbl>` + `<w:p><w:r><w:t>二、</w:t></w:r><w:r><w:tab/><w:t>主动公开</w:t><w:br/><w:t>情况</w:t></w:r></w:p>`
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + wNS + `><w:body>` + body + `</w:body></w:document>`
	return zipOf(t, map[string]string{
		"[Content_Types].xml": `<Types/>`,
		"word/document.xml":   doc,
	})
}

func TestDOCX(t *testing.T) {
	doc := convertOK(t, "a.docx", "", docxFixture(t))
	if doc.Format != "docx" || doc.Meta.Published != "2020-01-31" || doc.Meta.Title != "某县2019年政府信息公开工作年度报告" {
		t.Errorf("format %q meta %+v", doc.Format, doc.Meta)
	}
	wantText := "某县2019年政府信息公开工作年度报告\n发布日期：2020年1月31日\n项目\t申请人情况\n新收\t８\t2\n\t3\t\n二、 主动公开\n情况"
	if doc.Text != wantText {
		t.Errorf("text\n got %q\nwant %q", doc.Text, wantText)
	}
	if len(doc.Tables) != 1 {
		t.Fatalf("%d tables", len(doc.Tables))
	}
	want := [][]string{{"项目", "申请人情况", "^申请人情况"}, {"新收", "8", "2"}, {"^新收", "3", ""}}
	if got := gridStrings(doc.Tables[0]); !equalGrid(got, want) {
		t.Errorf("grid\n got %q\nwant %q", got, want)
	}
	for _, r := range doc.Tables[0].Rows {
		for _, c := range r {
			if doc.Norm[c.Start:c.End] != c.Text {
				t.Errorf("cell %q at %d..%d is %q in Norm", c.Text, c.Start, c.End, doc.Norm[c.Start:c.End])
			}
		}
	}
}

func TestDOCXBomb(t *testing.T) {
	big := `<w:document ` + wNS + `><w:body>` + strings.Repeat(wp("零"), 200000) + `</w:body></w:document>`
	b := zipOf(t, map[string]string{"word/document.xml": big})
	_, err := New(Config{MaxBytes: 1 << 20}).Convert(t.Context(), "bomb.docx", "", b)
	if err == nil || !strings.Contains(err.Error(), "inflates") {
		t.Errorf("err = %v, want a decompressed-size error", err)
	}
}
