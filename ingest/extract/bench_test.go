package extract

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"nianbao/data"
	"nianbao/ingest/convert"
)

// BenchmarkExtract extracts every bundled sample document (real HTML and text reports,
// converted once beforehand) once per iteration; ns/doc is the cost per document.
func BenchmarkExtract(b *testing.B) {
	docs := sampleDocs(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			Extract(d)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs)), "ns/doc")
}

// BenchmarkExtractIdentify runs identification alone over the same documents.
func BenchmarkExtractIdentify(b *testing.B) {
	docs := sampleDocs(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			r := data.Report{Template: data.TemplateProse}
			identify(d, &r)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs)), "ns/doc")
}

// BenchmarkExtractTables runs the template-table reader alone over the same documents.
func BenchmarkExtractTables(b *testing.B) {
	docs := sampleDocs(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			r := data.Report{Template: data.TemplateProse}
			extractTables(d, &r)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs)), "ns/doc")
}

func sampleDocs(b *testing.B) []*data.Document {
	files, err := filepath.Glob("../../data/sample/*/*.src")
	if err != nil || len(files) == 0 {
		b.Fatalf("samples: %v %v", files, err)
	}
	c := convert.New(convert.Config{})
	var docs []*data.Document
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		d, err := c.Convert(context.Background(), f, "", src)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}
