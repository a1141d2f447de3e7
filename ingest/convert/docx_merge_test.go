package convert

import (
	"context"
	"testing"
)

// TestDOCXMergeAfterEmptyRows: a vMerge continuation whose table has no earlier cells
// to continue (rows without cells first) must not break conversion.
func TestDOCXMergeAfterEmptyRows(t *testing.T) {
	tests := []struct {
		name string
		rows string
	}{
		{"empty row then continuation", `<w:tr></w:tr>` + `<w:tr>` + wtc(`<w:vMerge/>`, "") + wtc("", "3") + `</w:tr>`},
		{"two empty rows then continuation", `<w:tr></w:tr><w:tr></w:tr>` + `<w:tr>` + wtc(`<w:vMerge/>`, "x") + `</w:tr>`},
		{"continuation first", `<w:tr>` + wtc(`<w:vMerge/>`, "") + wtc("", "1") + `</w:tr>` + `<w:tr>` + wtc(`<w:vMerge/>`, "") + wtc("", "2") + `</w:tr>`},
		{"restart after empty row", `<w:tr></w:tr>` + `<w:tr>` + wtc(`<w:vMerge w:val="restart"/>`, "a") + `</w:tr>` + `<w:tr>` + wtc(`<w:vMerge/>`, "") + `</w:tr>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + wNS + `><w:body>` +
				wp("标题") + `<w:tbl>` + tt.rows + `</w:tbl>` + wp("后文") + `</w:body></w:document>`
			b := zipOf(t, map[string]string{"[Content_Types].xml": `<Types/>`, "word/document.xml": doc})
			d, err := New(Config{}).Convert(context.Background(), "x.docx", "", b)
			if err != nil {
				t.Fatal(err)
			}
			for _, tb := range d.Tables {
				for _, r := range tb.Rows {
					for _, c := range r {
						if c.Start > c.End || c.End > len(d.Norm) {
							t.Fatalf("cell %+v outside the text", c)
						}
					}
				}
			}
		})
	}
}

// FuzzDOCX fuzzes the body of word/document.xml inside a valid archive: the zip layer
// rejects most random bytes before the table code sees them.
func FuzzDOCX(f *testing.F) {
	f.Add(`<w:tbl><w:tr>` + wtc(`<w:vMerge w:val="restart"/>`, "新收") + wtc(`<w:gridSpan w:val="2"/>`, "8") + `</w:tr><w:tr>` + wtc(`<w:vMerge/>`, "") + `</w:tr></w:tbl>`)
	f.Add(`<w:tbl><w:tr></w:tr><w:tr>` + wtc(`<w:vMerge/>`, "") + `</w:tr></w:tbl>`)
	f.Add(wp("2019年政府信息公开工作年度报告"))
	f.Fuzz(func(t *testing.T, body string) {
		doc := `<?xml version="1.0" encoding="UTF-8"?><w:document ` + wNS + `><w:body>` + body + `</w:body></w:document>`
		b := zipOf(t, map[string]string{"[Content_Types].xml": `<Types/>`, "word/document.xml": doc})
		d, err := New(Config{}).Convert(context.Background(), "x.docx", "", b)
		if err != nil {
			return
		}
		for _, tb := range d.Tables {
			for _, r := range tb.Rows {
				for _, c := range r {
					if c.Start > c.End || c.End > len(d.Norm) {
						t.Fatalf("cell %+v outside the text", c)
					}
				}
			}
		}
	})
}
