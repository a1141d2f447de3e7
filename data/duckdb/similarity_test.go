package duckdb

import (
	"context"
	"testing"
)

// TestReplaceSimilarity: the suspects stored are those of the last call, and
// dash_similarity filters them by year and region, most similar first.
func TestReplaceSimilarity(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	old := []Suspect{{Kind: "same_year", Organ: "旧", RegionCode: "320100", Year: 2020, ReportID: "old", Jaccard: 0.9}}
	if err := db.ReplaceSimilarity(ctx, old); err != nil {
		t.Fatal(err)
	}
	cur := []Suspect{
		{Kind: "previous_year", Organ: "甲", RegionCode: "320102", Year: 2021, ReportID: "a", OtherYear: 2020, Jaccard: 0.6},
		{Kind: "same_year", Organ: "乙", RegionCode: "320103", Year: 2021, ReportID: "b", OtherOrgan: "丙", Jaccard: 0.8},
		{Kind: "same_year", Organ: "丁", RegionCode: "350100", Year: 2022, ReportID: "c", Jaccard: 0.7},
	}
	if err := db.ReplaceSimilarity(ctx, cur); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []any
		want []string
	}{
		{"all, most similar first", []any{nil, nil, nil, nil, nil, 10}, []string{"b", "c", "a"}},
		{"one year", []any{2021, 2021, nil, nil, nil, 10}, []string{"b", "a"}},
		{"one region", []any{nil, nil, "35", nil, nil, 10}, []string{"c"}},
		{"one organ", []any{nil, nil, nil, nil, "甲", 10}, []string{"a"}},
		{"limit", []any{nil, nil, nil, nil, nil, 1}, []string{"b"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tb, err := db.Dash(ctx, "similarity", 0, tc.args...)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range tb.Rows {
				got = append(got, r["report_id"].(string))
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("got %v, want %v", got, tc.want)
				}
			}
		})
	}
}
