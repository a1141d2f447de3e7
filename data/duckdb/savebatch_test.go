package duckdb

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"nianbao/data"
)

func TestSaveBatch(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		items []data.Item
		want  map[string]int64
	}{
		{
			name: "two documents",
			items: []data.Item{
				{Source: sampleSource("d1"), Reports: []data.Report{sampleReport("r1", "v1")}},
				{Source: sampleSource("d2"), Reports: []data.Report{sampleReport("r2", "v1")}},
			},
			want: map[string]int64{"documents": 2, "reports": 2, "fact_codes": 18, "checks": 4, "key_area_mentions": 4, "report_texts": 2},
		},
		{
			name: "same sha twice: last wins",
			items: []data.Item{
				{Source: sampleSource("d1"), Reports: []data.Report{sampleReport("r1", "v1")}},
				{Source: sampleSource("d1"), Reports: []data.Report{{ReportID: "r9", Extractor: "v1"}}},
			},
			want: map[string]int64{"documents": 1, "reports": 1, "fact_codes": 0, "checks": 0, "key_area_mentions": 0, "report_texts": 1},
		},
		{
			name: "mirror: same report id in two documents",
			items: []data.Item{
				{Source: sampleSource("d1"), Reports: []data.Report{sampleReport("r1", "v1")}},
				{Source: sampleSource("d2"), Reports: []data.Report{sampleReport("r1", "v1")}},
			},
			want: map[string]int64{"documents": 2, "reports": 2, "fact_codes": 18, "checks": 4, "key_area_mentions": 4, "report_texts": 2},
		},
		{
			name: "failed document has no reports",
			items: []data.Item{
				{Source: data.Source{SHA256: "d3", Path: "x.bin", Size: 0, ErrorKind: "empty", Error: "convert: empty input"}, Extractor: "v1"},
			},
			want: map[string]int64{"documents": 1, "reports": 0, "fact_codes": 0, "checks": 0, "key_area_mentions": 0, "report_texts": 0},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := openTest(t)
			if err := db.SaveBatch(ctx, tc.items); err != nil {
				t.Fatal(err)
			}
			if got := counts(t, db); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("counts = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSaveBatchErrors(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	tests := []struct {
		name  string
		items []data.Item
	}{
		{"missing sha", []data.Item{{Source: data.Source{Path: "x"}}}},
		{"duplicate report in one document", []data.Item{{Source: sampleSource("e1"), Reports: []data.Report{sampleReport("r1", "v1"), sampleReport("r1", "v1")}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := db.SaveBatch(ctx, tc.items)
			if err == nil || !strings.HasPrefix(err.Error(), "duckdb: ") {
				t.Fatalf("err = %v, want a duckdb: error", err)
			}
			// The failed batch left nothing behind.
			if got := count(t, db, "SELECT count(*) FROM documents"); got != 0 {
				t.Errorf("documents after failed batch = %d, want 0", got)
			}
		})
	}
}

// benchItems returns n documents of one report with a typical 2019-template load: about
// 120 facts, 2 checks and 10 key-area mentions.
func benchItems(b *testing.B, n, round int) []data.Item {
	b.Helper()
	items := make([]data.Item, n)
	for i := range items {
		rep := sampleReport(fmt.Sprintf("r%d-%d", round, i), "v1")
		rep.Metrics = rep.Metrics[:0]
		for k := range 120 {
			rep.Metrics = append(rep.Metrics, data.Metric{Key: reportMetricKeys[k%len(reportMetricKeys)] + fmt.Sprint("_", k/len(reportMetricKeys)),
				Value: data.F(float64(k)), Semantic: data.SemNumber, Unit: "件", Scope: data.ScopeWhole,
				Method: data.MethodTable2019, Evidence: "一、本年新收政府信息公开申请数量\t859", Offset: k * 40})
		}
		for k := range 10 {
			rep.KeyAreas = append(rep.KeyAreas, data.KeyAreaMention{Area: fmt.Sprint("area", k), Evidence: "财政预决算信息", Offset: k})
		}
		items[i] = data.Item{Source: sampleSource(fmt.Sprintf("sha%d-%d", round, i)), Reports: []data.Report{rep}}
	}
	return items
}

func benchSave(b *testing.B, batch int, perRowInsert bool) {
	ctx := context.Background()
	db := openTest(b)
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		items := benchItems(b, batch, i)
		b.StartTimer()
		if err := db.saveBatch(ctx, items, perRowInsert); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkSaveAppender and BenchmarkSaveInsert save batches of documents (about 140 rows
// each) in one transaction per batch, with the Appender and with prepared per-row INSERTs.
func BenchmarkSaveAppender(b *testing.B) {
	for _, n := range []int{1, 64, 256} {
		b.Run(fmt.Sprintf("batch=%d", n), func(b *testing.B) { benchSave(b, n, false) })
	}
}

func BenchmarkSaveInsert(b *testing.B) {
	b.Run("batch=64", func(b *testing.B) { benchSave(b, 64, true) })
}
