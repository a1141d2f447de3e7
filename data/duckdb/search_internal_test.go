package duckdb

import (
	"context"
	"fmt"
	"slices"
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

// TestSearchReportsOfADocument: a filtered search of a document of several reports, of
// which the filter selects one, gives that report's hit, in storage order, with the rows
// dash_search.sql gives, also after some documents were stored again (their rows deleted
// and appended after the others).
func TestSearchReportsOfADocument(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	years := []int{2019, 2020, 2021}
	region := func(i int) string { return fmt.Sprintf("36%02d00", i%5+1) }
	items := func(version string) []data.Item {
		out := make([]data.Item, 30)
		for i := range out {
			var reports []data.Report
			for k, y := range years {
				r := sampleReport(fmt.Sprintf("d%02d-%d", i, y), version)
				r.Year = y
				r.RegionCode = region(i)
				r.Metrics = r.Metrics[:1+k]
				reports = append(reports, r)
			}
			text := fmt.Sprintf("第%d号文件。", i)
			if i%2 == 0 {
				text += "本年度依申请公开政府信息。"
			}
			out[i] = data.Item{Source: sampleSource(fmt.Sprintf("%064x", i)), Reports: reports, Text: text}
		}
		return out
	}
	// check searches with the documents stored in order (their numbers, storage order).
	check := func(order []int) func(t *testing.T) {
		return func(t *testing.T) {
			tests := []struct {
				name          string
				f             SearchFilter
				limit, offset int
			}{
				{"first year", SearchFilter{Year: 2019}, 100, 0},
				{"middle year", SearchFilter{Year: 2020}, 100, 0},
				{"last year, second page", SearchFilter{Year: 2021}, 4, 4},
				{"year and region", SearchFilter{Year: 2020, Prefix: "3602"}, 100, 0},
				{"region, every year", SearchFilter{Prefix: "3603"}, 100, 0},
			}
			for _, tc := range tests {
				t.Run(tc.name, func(t *testing.T) {
					var want []string
					for _, i := range order {
						if i%2 != 0 || tc.f.Prefix != nil && region(i)[:4] != tc.f.Prefix {
							continue
						}
						for _, y := range years {
							if tc.f.Year == nil || tc.f.Year == y {
								want = append(want, fmt.Sprintf("d%02d-%d", i, y))
							}
						}
					}
					want = want[min(tc.offset, len(want)):min(tc.offset+tc.limit, len(want))]
					got, err := db.Search(ctx, "依申请", tc.f, tc.limit, tc.offset)
					if err != nil {
						t.Fatal(err)
					}
					var ids []string
					for _, r := range got.Rows {
						ids = append(ids, r["report_id"].(string))
					}
					if fmt.Sprint(ids) != fmt.Sprint(want) {
						t.Errorf("hits %v\nwant %v", ids, want)
					}
					if tc.offset > 0 {
						return
					}
					// dash_search.sql's rows, in the order of its join
					ref, err := db.Dash(ctx, "search", 0, "依申请", tc.f.Year, tc.f.Level, tc.f.Prefix, tc.limit, tc.offset)
					if err != nil {
						t.Fatal(err)
					}
					byID := map[string]string{}
					for _, r := range ref.Rows {
						byID[r["report_id"].(string)] = fmt.Sprint(r)
					}
					for _, r := range got.Rows {
						if byID[r["report_id"].(string)] != fmt.Sprint(r) {
							t.Errorf("row %v\nwant %v", r, byID[r["report_id"].(string)])
						}
					}
					if len(ref.Rows) != len(got.Rows) {
						t.Errorf("%d rows, dash_search %d", len(got.Rows), len(ref.Rows))
					}
				})
			}
		}
	}
	if err := db.SaveBatch(ctx, items("v1")); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	var order []int
	for i := range 30 {
		order = append(order, i)
	}
	t.Run("stored once", check(order))
	again := items("v2")
	if err := db.SaveBatch(ctx, []data.Item{again[4], again[0], again[11]}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	order = append(slices.DeleteFunc(order, func(i int) bool { return i == 4 || i == 0 || i == 11 }), 4, 0, 11)
	t.Run("some stored again", check(order))
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
