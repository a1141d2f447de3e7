package convert

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"golang.org/x/net/html"
)

func BenchmarkConvertHTML(b *testing.B) {
	src := mustRead(b, sample001)
	c := New(Config{})
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Convert(context.Background(), "001.src", "", src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTokenizer is the floor: the bare tokenizer over the same page, reading tag
// names, attributes and text as ConvertHTML does.
func BenchmarkTokenizer(b *testing.B) {
	src := mustRead(b, sample001)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		z := html.NewTokenizer(bytes.NewReader(src))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			switch tt {
			case html.StartTagToken, html.SelfClosingTagToken:
				if _, more := z.TagName(); more {
					for more {
						_, _, more = z.TagAttr()
					}
				}
			case html.TextToken:
				z.Text()
			}
		}
	}
}

// BenchmarkConvertCorpus converts every bundled sample document (real HTML and text
// reports) and the hand-written seed pages once per iteration; ns/doc is the cost per
// document.
func BenchmarkConvertCorpus(b *testing.B) {
	files, err := filepath.Glob("../../data/sample/*/*.src")
	if err != nil || len(files) == 0 {
		b.Fatalf("samples: %v %v", files, err)
	}
	seeds, _ := filepath.Glob("testdata/seed/*")
	var srcs [][]byte
	size := 0
	for _, f := range append(files, seeds...) {
		src := mustRead(b, f)
		srcs = append(srcs, src)
		size += len(src)
	}
	c := New(Config{})
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range srcs {
			if _, err := c.Convert(context.Background(), "", "", src); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(srcs)), "ns/doc")
}
