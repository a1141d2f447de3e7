package analytics_test

import (
	"math"
	"testing"
	"time"

	"nianbao/analytics"
)

func TestWilson(t *testing.T) {
	// Wilson (1927): centre (p̂ + z²/2n)/(1 + z²/n) ± z·√(p̂(1−p̂)/n + z²/4n²)/(1 + z²/n).
	tests := []struct {
		name   string
		x, n   float64
		lo, hi float64
		ok     bool
	}{
		// p̂ = .5, z²/n = .38415: centre .5, half 1.96·√(.025 + .009604)/1.38415 = .2634.
		{"5 of 10", 5, 10, 0.2366, 0.7634, true},
		// centre (0 + .38415/2·... ) = (0 + 1.92073/10)/1.38415 = .13877 = half → [0, .2775].
		{"0 of 10", 0, 10, 0, 0.2775, true},
		{"10 of 10", 10, 10, 0.7225, 1, true},
		// one request, granted: the interval is most of [0, 1].
		{"1 of 1", 1, 1, 0.2065, 1, true},
		// Newcombe (1998), table I, example 81/263 → [0.2553, 0.3662].
		{"81 of 263", 81, 263, 0.2553, 0.3662, true},
		{"no denominator", 0, 0, 0, 0, false},
		{"numerator above denominator", 5, 4, 0, 0, false},
		{"negative numerator", -1, 4, 0, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			iv, ok := analytics.Wilson(tc.x, tc.n, analytics.Z95)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v", ok, tc.ok)
			}
			if ok && (!near4(iv.Lo, tc.lo) || !near4(iv.Hi, tc.hi)) {
				t.Errorf("Wilson(%v, %v) = [%.4f, %.4f], want [%.4f, %.4f]", tc.x, tc.n, iv.Lo, iv.Hi, tc.lo, tc.hi)
			}
		})
	}
}

func TestShrinkBetaBinomial(t *testing.T) {
	tests := []struct {
		name     string
		x, n     []float64
		mean     float64
		strength float64 // math.Inf(1) for complete pooling
		shrunk   []float64
	}{
		{
			// N = 52, μ = 36/52 = .692308; S = 10(.5−μ)² + 40(.75−μ)² + 2(.5−μ)² = .576923;
			// S/μ(1−μ) = 2.708333; Σn²/N = 1704/52 = 32.769231;
			// ρ = (2.708333 − 2)/(52 − 32.769231 − 2) = .041109; α+β = (1−ρ)/ρ = 23.325792;
			// shrunk = (x + 23.325792·μ)/(n + 23.325792).
			name: "three counties", x: []float64{5, 30, 1}, n: []float64{10, 40, 2},
			mean: 36.0 / 52, strength: 23.325792, shrunk: []float64{0.634602, 0.728749, 0.677121},
		},
		{
			// equal rates: S = 0, so ρ < 0: no spread beyond chance, everyone gets μ = .5.
			name: "no spread", x: []float64{5, 10}, n: []float64{10, 20},
			mean: 0.5, strength: math.Inf(1), shrunk: []float64{0.5, 0.5},
		},
		{
			name: "a group of one", x: []float64{1}, n: []float64{2},
			mean: 0.5, strength: 0, shrunk: []float64{0.5},
		},
		{
			// μ = 0: every rate is 0, nothing to shrink.
			name: "all zero", x: []float64{0, 0}, n: []float64{3, 5},
			mean: 0, strength: 0, shrunk: []float64{0, 0},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := analytics.ShrinkBetaBinomial(tc.x, tc.n)
			if !near(p.Mean, tc.mean) {
				t.Errorf("mean = %v, want %v", p.Mean, tc.mean)
			}
			if math.IsInf(tc.strength, 1) != math.IsInf(p.Strength, 1) || (!math.IsInf(tc.strength, 1) && math.Abs(p.Strength-tc.strength) > 1e-5) {
				t.Errorf("strength = %v, want %v", p.Strength, tc.strength)
			}
			for i := range tc.x {
				if got := p.Shrink(tc.x[i], tc.n[i]); math.Abs(got-tc.shrunk[i]) > 1e-6 {
					t.Errorf("shrunk[%d] = %v, want %v", i, got, tc.shrunk[i])
				}
			}
		})
	}
}

func TestYoYAndCAGR(t *testing.T) {
	p := func(v float64) *float64 { return &v }
	yoy := []struct {
		name      string
		prev, cur *float64
		want      *float64
	}{
		{"growth 23 → 70", p(23), p(70), p(47.0 / 23)},
		{"decrease 10 → 8 is negative", p(10), p(8), p(-0.2)},
		{"to zero is −100%", p(10), p(0), p(-1)},
		{"from zero is NULL, not +Inf", p(0), p(8), nil},
		{"zero to zero is NULL, not NaN", p(0), p(0), nil},
		{"previous missing", nil, p(8), nil},
		{"current missing", p(8), nil, nil},
		// negative base (a stated decline, say): the formula applied literally,
		// (2 − (−4)) / (−4) = −1.5.
		{"negative base", p(-4), p(2), p(-1.5)},
	}
	for _, tc := range yoy {
		t.Run("yoy "+tc.name, func(t *testing.T) {
			got := analytics.YoY(tc.prev, tc.cur)
			if (got == nil) != (tc.want == nil) || (got != nil && !near(*got, *tc.want)) {
				t.Errorf("YoY = %s, want %s", f64(got), f64(tc.want))
			}
		})
	}
	cagr := []struct {
		name     string
		from, to *float64
		y0, y1   int
		want     *float64
	}{
		// (81/23)^(1/4) − 1 = √√3.521739 − 1 = √1.876630 − 1 = 1.369901 − 1
		{"平潭 2019→2023", p(23), p(81), 2019, 2023, p(0.3699014)},
		// (70/23)^(1/2) − 1 = 1.744557 − 1
		{"平潭 2019→2021", p(23), p(70), 2019, 2021, p(0.7445573)},
		{"one year is the yoy", p(10), p(8), 2019, 2020, p(-0.2)},
		{"to zero", p(10), p(0), 2019, 2021, p(-1)},
		{"from zero", p(0), p(8), 2019, 2021, nil},
		{"negative base", p(-1), p(8), 2019, 2021, nil},
		{"empty span", p(10), p(8), 2021, 2021, nil},
		{"missing end", p(10), nil, 2019, 2021, nil},
	}
	for _, tc := range cagr {
		t.Run("cagr "+tc.name, func(t *testing.T) {
			got := analytics.CAGR(tc.from, tc.to, tc.y0, tc.y1)
			if (got == nil) != (tc.want == nil) || (got != nil && math.Abs(*got-*tc.want) > 1e-6) {
				t.Errorf("CAGR = %s, want %s", f64(got), f64(tc.want))
			}
		})
	}
}

func TestOnTime(t *testing.T) {
	d := func(s string) time.Time {
		tm, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	tests := []struct {
		name      string
		year      int
		level     string
		published time.Time
		want      *bool
	}{
		{"2018 department, 31 March", 2018, "department", d("2019-03-31"), bp(true)},
		{"2018 county, 1 April", 2018, "county", d("2019-04-01"), bp(false)},
		{"2018 unknown level still has a deadline", 2018, "", d("2019-03-01"), bp(true)},
		{"2019 department, 31 January", 2019, "department", d("2020-01-31"), bp(true)},
		{"2019 department, 1 February", 2019, "department", d("2020-02-01"), bp(false)},
		{"2019 county government, 31 March", 2019, "county", d("2020-03-31"), bp(true)},
		{"2019 province government, 1 April", 2019, "province", d("2020-04-01"), bp(false)},
		{"2019 township: no statutory date", 2019, "township", d("2020-03-01"), nil},
		{"no publication date", 2019, "county", time.Time{}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := analytics.OnTime(tc.year, tc.level, tc.published); !eqBool(got, tc.want) {
				t.Errorf("OnTime = %s, want %s", bs(got), bs(tc.want))
			}
		})
	}
}
