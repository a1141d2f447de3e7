package duckdb

import (
	"context"
	"fmt"
	"testing"

	"nianbao/data"
)

// TestSearchTextsIndexed: a batch of documents small enough for the index on
// report_texts(doc_seq) gets the hits, in the order, that dash_search_texts.sql's scan
// of the same batch gives.
func TestSearchTextsIndexed(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	const n = indexedBatch + 10
	items := make([]data.Item, n)
	for i := range items {
		text := fmt.Sprintf("第%d号报告。", i)
		if i%3 == 0 {
			text += "本年度依申请公开政府信息。"
		}
		r := sampleReport(fmt.Sprintf("r%04d", i), "v1")
		r.Metrics = r.Metrics[:1]
		items[i] = data.Item{Source: sampleSource(fmt.Sprintf("%064x", i)), Reports: []data.Report{r}, Text: text}
	}
	if err := db.SaveBatch(ctx, items); err != nil {
		t.Fatal(err)
	}
	seqs := func(from, to, step int64) []int64 {
		var out []int64
		for s := from; s <= to; s += step {
			out = append(out, s)
		}
		return out
	}
	tests := []struct {
		name string
		q    string
		docs []int64
	}{
		{"one document with a hit", "依申请", []int64{4}},
		{"one document without", "依申请", []int64{2}},
		{"scattered", "依申请", seqs(1, n, 37)},
		{"a full batch", "依申请", seqs(1, indexedBatch, 1)},
		{"a term in every text", "报告", seqs(5, 500, 5)},
		{"absent", "不存在", seqs(1, 100, 1)},
		{"quote in the term", "依申'请", seqs(1, 100, 1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, _, err := db.searchTexts(ctx, tc.q, tc.docs)
			if err != nil {
				t.Fatal(err)
			}
			want, _, err := scanTable(ctx, db.sql, db.query("dash_search_texts"), 0, tc.q, tc.docs)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got.Rows) != fmt.Sprint(want.Rows) {
				t.Errorf("got %d hits %.300v\nwant %d %.300v", len(got.Rows), got.Rows, len(want.Rows), want.Rows)
			}
			if tc.q == "依申请" && len(tc.docs) > 10 && len(want.Rows) == 0 {
				t.Error("no hits to compare")
			}
		})
	}
}

// TestParseSeqs reads the doc_seq lists DuckDB prints for BIGINT[]::VARCHAR.
func TestParseSeqs(t *testing.T) {
	tests := []struct {
		name, in string
		want     []int64
		err      bool
	}{
		{"empty", "[]", nil, false},
		{"one", "[7]", []int64{7}, false},
		{"several", "[1, 2, 30000000000]", []int64{1, 2, 30000000000}, false},
		{"repeated", "[4, 4, 5]", []int64{4, 4, 5}, false},
		{"no brackets", "1, 2", nil, true},
		{"not a number", "[1, x]", nil, true},
		{"NULL element", "[1, NULL]", nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseSeqs(tc.in)
			if (err != nil) != tc.err {
				t.Fatalf("err = %v, want error %v", err, tc.err)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}
