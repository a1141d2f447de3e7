package convert

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// seeds are the hand-written pages in testdata plus the corpus page.
func seeds(f *testing.F) {
	files, _ := filepath.Glob("testdata/seed/*")
	files = append(files, sample001)
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func FuzzHTMLTables(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		doc := convertHTML(validUTF8(b))
		for ti, tb := range doc.Tables {
			if len(tb.Rows) == 0 {
				t.Fatalf("table %d has no rows", ti)
			}
			w := len(tb.Rows[0])
			for ri, r := range tb.Rows {
				if len(r) != w {
					t.Fatalf("table %d row %d has %d cells, row 0 has %d", ti, ri, len(r), w)
				}
				for _, c := range r {
					if c.Start < 0 || c.Start > c.End || c.End > len(doc.Norm) {
						t.Fatalf("cell %q offsets %d..%d, len(Norm) %d", c.Text, c.Start, c.End, len(doc.Norm))
					}
					if doc.Norm[c.Start:c.End] != c.Text {
						t.Fatalf("cell %q but Norm has %q", c.Text, doc.Norm[c.Start:c.End])
					}
				}
			}
		}
	})
}

func FuzzConvert(f *testing.F) {
	seeds(f)
	f.Add(docxFixture(f))
	f.Add([]byte("发布日期：2020-01-31\r\n\f表三"))
	c := New(Config{})
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > 4 && string(b[:5]) == "%PDF-" {
			return // pdftotext is not ours to fuzz
		}
		doc, err := c.Convert(context.Background(), "f", "", b)
		if err != nil {
			return
		}
		if doc.Norm == "" && doc.Text != "" {
			t.Fatal("Norm lost the text")
		}
		for _, tb := range doc.Tables {
			for _, r := range tb.Rows {
				for _, cell := range r {
					if cell.Start < 0 || cell.Start > cell.End || cell.End > len(doc.Norm) || doc.Norm[cell.Start:cell.End] != cell.Text {
						t.Fatalf("cell %q at bad offsets %d..%d", cell.Text, cell.Start, cell.End)
					}
				}
			}
		}
	})
}
