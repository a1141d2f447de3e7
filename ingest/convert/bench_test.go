package convert

import (
	"bytes"
	"context"
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
