package analytics_test

import (
	"context"
	"math"
	"testing"

	"nianbao/analytics"
	"nianbao/data"
)

func TestRankingsShrinkage(t *testing.T) {
	e := newEnv(t, fixtures())
	ctx := context.Background()
	// grant_rate 2019 among the counties of 福建 (peer group county:350000): 甲县 5/10,
	// 乙县 30/40, 丙县 1/2 (丁县's partial is na: no rate, not ranked). The prior is the
	// "three counties" case of TestShrinkBetaBinomial: μ = 36/52, α+β = 23.325792.
	want := map[string]struct {
		shrunk     float64
		rank       int
		percentile float64
		smallN     bool
	}{
		"乙县人民政府": {0.728749, 1, 1, false},      // (30 + 23.325792·μ)/(40 + 23.325792)
		"丙县人民政府": {0.677121, 2, 2.0 / 3, true}, // (1 + 16.148625)/(2 + 23.325792)
		"甲县人民政府": {0.634602, 3, 1.0 / 3, true}, // (5 + 16.148625)/(10 + 23.325792)
	}
	tests := []struct {
		name   string
		p      analytics.Params
		organs []string
	}{
		{"peer group", analytics.Params{Year: 2019, Indicator: "grant_rate"}, []string{"乙县人民政府", "丙县人民政府", "甲县人民政府"}},
		// the parent group of a county is its city: 3501xx → 350100, the same three.
		{"parent region", analytics.Params{Year: 2019, Group: analytics.GroupParent}, []string{"乙县人民政府", "丙县人民政府", "甲县人民政府"}},
		// a region filter shows one county but keeps its place in the whole group.
		{"filtered to 甲县", analytics.Params{Year: 2019, Region: "350121"}, []string{"甲县人民政府"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rs, err := e.a.Rankings(ctx, tc.p)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range rs {
				if r.Level != "county" {
					continue
				}
				got = append(got, r.Organ)
				w := want[r.Organ]
				if math.Abs(r.ShrunkRate-w.shrunk) > 1e-6 || r.Rank != w.rank || !near(r.Percentile, w.percentile) || r.SmallN != w.smallN {
					t.Errorf("%s: shrunk %v rank %d pct %v small %v, want %+v", r.Organ, r.ShrunkRate, r.Rank, r.Percentile, r.SmallN, w)
				}
				if !near(r.PeerRate, 36.0/52) || r.PriorStrength == nil || math.Abs(*r.PriorStrength-23.325792) > 1e-5 || r.PeerSize != 3 {
					t.Errorf("%s: peer rate %v strength %s size %d", r.Organ, r.PeerRate, f64(r.PriorStrength), r.PeerSize)
				}
				// the SQL agrees with the Go formula
				p := analytics.ShrinkBetaBinomial([]float64{5, 30, 1}, []float64{10, 40, 2})
				if math.Abs(p.Shrink(r.Numerator, r.Denominator)-r.ShrunkRate) > 1e-9 {
					t.Errorf("%s: SQL %v ≠ Go %v", r.Organ, r.ShrunkRate, p.Shrink(r.Numerator, r.Denominator))
				}
			}
			if len(got) != len(tc.organs) {
				t.Fatalf("organs %v, want %v", got, tc.organs)
			}
			for i := range got {
				if got[i] != tc.organs[i] {
					t.Errorf("organs %v, want %v", got, tc.organs)
				}
			}
		})
	}
}

func TestRankingsSpanAndErrors(t *testing.T) {
	e := newEnv(t, fixtures())
	ctx := context.Background()
	// 2019–2021 sums: 甲县 5/10 + 0/0 (no rate) + 6/8 = 11/18 over 2 years;
	// 乙县 30/40 + 40/50 = 70/90.
	rs, err := e.a.Rankings(ctx, analytics.Params{From: 2019, To: 2021})
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, r := range rs {
		switch r.Organ {
		case "甲县人民政府":
			found++
			if r.Numerator != 11 || r.Denominator != 18 || r.Years != 2 || r.FirstYear != 2019 || r.LastYear != 2021 {
				t.Errorf("甲县 span: %+v", r)
			}
		case "乙县人民政府":
			found++
			if r.Numerator != 70 || r.Denominator != 90 {
				t.Errorf("乙县 span: %+v", r)
			}
		}
	}
	if found != 2 {
		t.Errorf("found %d of 2 counties", found)
	}
	for _, p := range []analytics.Params{{Indicator: "yoy_granted"}, {Group: "nation"}, {Region: "35"}} {
		if _, err := e.a.Rankings(ctx, p); err == nil {
			t.Errorf("%+v: no error", p)
		}
	}
}

func TestGrowth(t *testing.T) {
	e := newEnv(t, fixtures())
	ctx := context.Background()
	p := func(v float64) *float64 { return &v }
	tests := []struct {
		name, organ string
		year        int
		params      analytics.Params
		value       float64
		yoy, cagr   *float64
	}{
		{"first year: nothing to compare", "甲县人民政府", 2019, analytics.Params{Metric: "requests_new"}, 10, nil, nil},
		// (0 − 10)/10 = −1; CAGR 2019→2020 (0/10)^1 − 1 = −1.
		{"fall to zero is −100%", "甲县人民政府", 2020, analytics.Params{Metric: "requests_new"}, 0, p(-1), p(-1)},
		// previous year 0: yoy NULL, not +Inf; CAGR 2019→2021 (8/10)^(1/2) − 1 = −.1055728.
		{"from zero is NULL", "甲县人民政府", 2021, analytics.Params{Metric: "requests_new"}, 8, nil, p(math.Sqrt(0.8) - 1)},
		// 2020 missing: yoy NULL (not a two-year change); CAGR (50/40)^(1/2) − 1 = .1180340.
		{"gap year is NULL", "乙县人民政府", 2021, analytics.Params{Metric: "requests_new"}, 50, nil, p(math.Sqrt(1.25) - 1)},
		// base year 2020 is 0: no CAGR.
		{"zero base year", "甲县人民政府", 2021, analytics.Params{Metric: "requests_new", BaseYear: 2020}, 8, nil, nil},
		// granted 甲县 2021 6 vs 2020 0 → NULL; 乙县 granted 40 vs —.
		{"another metric", "甲县人民政府", 2020, analytics.Params{Metric: "granted"}, 0, p(-1), p(-1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			gs, err := e.a.Growth(ctx, tc.params)
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range gs {
				if g.Organ != tc.organ || g.Year != tc.year {
					continue
				}
				if g.Value == nil || *g.Value != tc.value {
					t.Errorf("value %s, want %v", f64(g.Value), tc.value)
				}
				if (g.YoY == nil) != (tc.yoy == nil) || (g.YoY != nil && !near(*g.YoY, *tc.yoy)) {
					t.Errorf("yoy %s, want %s", f64(g.YoY), f64(tc.yoy))
				}
				if (g.CAGR == nil) != (tc.cagr == nil) || (g.CAGR != nil && !near(*g.CAGR, *tc.cagr)) {
					t.Errorf("cagr %s, want %s", f64(g.CAGR), f64(tc.cagr))
				}
				return
			}
			t.Fatalf("no growth row for %s %d", tc.organ, tc.year)
		})
	}
}

func TestMovers(t *testing.T) {
	e := newEnv(t, fixtures())
	// requests_new changes: 甲县 2020 −10, 甲县 2021 +8; 乙县 2021 has no 2020.
	ms, err := e.a.Movers(context.Background(), analytics.Params{Metric: "requests_new"}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].Organ != "甲县人民政府" || ms[0].Year != 2020 || *ms[0].Change != -10 {
		t.Fatalf("movers = %+v", ms)
	}
	ms, err = e.a.Movers(context.Background(), analytics.Params{Metric: "requests_new", Year: 2021}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].Year != 2021 || *ms[0].Change != 8 {
		t.Fatalf("movers 2021 = %+v", ms)
	}
}

func TestQuality(t *testing.T) {
	e := newEnv(t, fixtures())
	ctx := context.Background()
	expected := []analytics.Government{
		{Code: "350121", Name: "甲县人民政府", Level: "county"},
		{Code: "350122", Name: "乙县人民政府", Level: "county"},
		{Code: "350125", Name: "戊县人民政府", Level: "county"},
	}
	tests := []struct {
		name string
		p    analytics.Params
		want []string // kind/organ/year/check
	}{
		{"2020", analytics.Params{Year: 2020, Expected: expected}, []string{
			// 0 carried forward at the end of 2020, 3 carried over into 2021
			"cross_year/甲县人民政府/2020/cross_year",
			"late/甲县人民政府/2020/on_time", // 2021-04-01 > 2021-03-31
			"missing/乙县人民政府/2020/",
			"missing/戊县人民政府/2020/",
		}},
		{"2019", analytics.Params{Year: 2019, Expected: expected}, []string{
			"failed_check/丙县人民政府/2019/concluded_sum",
			"late/甲县教育局/2019/on_time", // 2020-02-01 > 2020-01-31
			"missing/戊县人民政府/2019/",
		}},
		{"2019 in 甲县 only", analytics.Params{Year: 2019, Region: "350121"}, []string{
			"late/甲县教育局/2019/on_time",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps, err := e.a.Quality(ctx, tc.p)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range ps {
				got = append(got, p.Kind+"/"+p.Organ+"/"+itoa(p.Year)+"/"+p.Check)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("got %q, want %q", got, tc.want)
				}
			}
		})
	}
	cy, err := e.a.CrossYearChecks(ctx, analytics.Params{})
	if err != nil {
		t.Fatal(err)
	}
	// 甲县 2019→2020 holds (0 = 0), 2020→2021 does not (0 ≠ 3); failures first.
	if len(cy) != 2 || cy[0].OK || cy[0].Year != 2020 || cy[0].RequestsCarriedOver != 3 || !cy[1].OK {
		t.Errorf("cross-year = %+v", cy)
	}
}

func TestCoverage(t *testing.T) {
	ky, ok := data.KeyAreasFor(2019)
	if !ok || !ky.Scored() || len(ky.Areas) < 3 {
		t.Skip("no scored key-area list for 2019")
	}
	fs := fixtures()
	fs[0].areas = []string{ky.Areas[0].Name, ky.Areas[2].Name} // 甲县 2019
	e := newEnv(t, fs)
	rows, err := e.a.Coverage(context.Background(), analytics.Params{Region: "350121", Year: 2019})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range rows {
		if r.Organ != "甲县人民政府" {
			continue
		}
		n++
		wantMentioned := r.Area == ky.Areas[0].Name || r.Area == ky.Areas[2].Name
		if r.Mentioned != wantMentioned || (r.Mentioned && (r.Evidence == nil || *r.Evidence != "关于"+r.Area+"的句子")) {
			t.Errorf("%s: mentioned %v evidence %v", r.Area, r.Mentioned, r.Evidence)
		}
		// 2 of the year's listed areas
		if want := 2 / float64(len(ky.Areas)); !near(r.KeyAreaCoverage, want) || r.AreasListed != len(ky.Areas) {
			t.Errorf("coverage %v of %d, want %v of %d", r.KeyAreaCoverage, r.AreasListed, want, len(ky.Areas))
		}
	}
	if n != len(ky.Areas) {
		t.Errorf("%d area rows, want %d", n, len(ky.Areas))
	}
}
