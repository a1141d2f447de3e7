package analytics_test

import (
	"context"
	"testing"
	"time"

	"nianbao/analytics"
)

func TestIndicators(t *testing.T) {
	e := newEnv(t, fixtures())
	rows, err := e.a.Indicators(context.Background(), analytics.Params{})
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]analytics.ReportIndicators{}
	for _, r := range rows {
		byKey[r.Organ+"/"+itoa(r.Year)] = r
	}
	if len(byKey) != len(fixtures()) {
		t.Fatalf("got %d reports, want %d", len(byKey), len(fixtures()))
	}
	type rate struct {
		value    *float64
		num, den float64
		lo, hi   float64 // Wilson 95%, to 4 decimals; ignored when value is nil
	}
	p := func(v float64) *float64 { return &v }
	tests := []struct {
		name, key                             string
		grant, refusal, nondisclosure, correc rate
		onTime, consistent                    *bool
		deadline                              string
	}{
		{
			name: "甲县 2019: every part stated", key: "甲县人民政府/2019",
			// grant (4+1)/10 = 0.5; Wilson: centre (0.5 + 1.9600²/20)/(1 + 1.9600²/10) = 0.5,
			// half 1.96·√(0.25/10 + 3.8415/400)/1.38415 = 0.2634 → [0.2366, 0.7634].
			grant: rate{p(0.5), 5, 10, 0.2366, 0.7634},
			// refusal 2/10; centre (0.2 + 0.19207)/1.38415 = 0.28326, half 1.96·√(0.016 +
			// 0.0096037)/1.38415 = 0.22657 → [0.0567, 0.5098].
			refusal: rate{p(0.2), 2, 10, 0.0567, 0.5098},
			// nondisclosure (2 + 2 + 1)/10 = 0.5, same interval as grant.
			nondisclosure: rate{p(0.5), 5, 10, 0.2366, 0.7634},
			// correction (1 + 1 + 0) / ((4 + 2 + 0) − (1 + 0 + 0)) = 2/5 = 0.4; Wilson 2/5:
			// centre (0.4 + 0.38415)/1.76830 = 0.44345, half 1.96·√(0.048 + 0.038415)/1.76830
			// = 0.32577 → [0.1176, 0.7693].
			correc: rate{p(0.4), 2, 5, 0.1176, 0.7693},
			// published 2020-03-31 = the deadline of a county's 2019 report: on time.
			onTime: bp(true), consistent: bp(true), deadline: "2020-03-31",
		},
		{
			name: "甲县 2020: zero denominator gives NULL rates", key: "甲县人民政府/2020",
			grant: rate{nil, 0, 0, 0, 0}, refusal: rate{nil, 0, 0, 0, 0}, nondisclosure: rate{nil, 0, 0, 0, 0},
			correc: rate{nil, -1, -1, 0, 0},
			// published 2021-04-01, a day after 2021-03-31.
			onTime: bp(false), consistent: bp(true), deadline: "2021-03-31",
		},
		{
			name: "丁县 2019: partial is na, so grant_rate is NULL", key: "丁县人民政府/2019",
			grant: rate{nil, -1, 4, 0, 0},
			// refusal 1/4 = 0.25; Wilson 1/4: centre (0.25 + 0.48020)/1.96039 = 0.37248, half
			// 1.96·√(0.046875 + 0.060024)/1.96039 = 0.32689 → [0.0456, 0.6994].
			refusal: rate{p(0.25), 1, 4, 0.0456, 0.6994},
			// nondisclosure (1 + 1 + 0)/4 = 0.5; Wilson 2/4 → [0.1500, 0.8500].
			nondisclosure: rate{p(0.5), 2, 4, 0.1500, 0.8500},
			correc:        rate{nil, -1, -1, 0, 0},
			onTime:        bp(true), consistent: nil, deadline: "2020-03-31",
		},
		{
			name: "丙县 2019: a failed identity", key: "丙县人民政府/2019",
			// grant 1/2; Wilson 1/2 → [0.0945, 0.9055].
			grant: rate{p(0.5), 1, 2, 0.0945, 0.9055}, refusal: rate{p(0.5), 1, 2, 0.0945, 0.9055},
			nondisclosure: rate{p(0.5), 1, 2, 0.0945, 0.9055}, correc: rate{nil, -1, -1, 0, 0},
			onTime: bp(true), consistent: bp(false), deadline: "2020-03-31",
		},
		{
			name: "甲县教育局 2019: a department is due 31 January", key: "甲县教育局/2019",
			// 3/3: Wilson 3/3 → [0.4385, 1].
			grant: rate{p(1), 3, 3, 0.4385, 1}, refusal: rate{p(0), 0, 3, 0, 0.5615},
			nondisclosure: rate{p(0), 0, 3, 0, 0.5615}, correc: rate{nil, -1, -1, 0, 0},
			onTime: bp(false), consistent: bp(true), deadline: "2020-01-31",
		},
		{
			name: "某市 2017: prose era, due 31 March whatever the level", key: "某市人民政府/2017",
			grant: rate{nil, -1, -1, 0, 0}, refusal: rate{nil, -1, -1, 0, 0},
			nondisclosure: rate{nil, -1, -1, 0, 0}, correc: rate{nil, -1, -1, 0, 0},
			onTime: bp(true), consistent: nil, deadline: "2018-03-31",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, ok := byKey[tc.key]
			if !ok {
				t.Fatalf("no row for %s", tc.key)
			}
			for _, c := range []struct {
				name string
				got  analytics.Rate
				want rate
			}{{"grant", r.Grant, tc.grant}, {"refusal", r.Refusal, tc.refusal},
				{"nondisclosure", r.Nondisclosure, tc.nondisclosure}, {"correction", r.Correction, tc.correc}} {
				checkRate(t, c.name, c.got, c.want.value, c.want.num, c.want.den, c.want.lo, c.want.hi)
			}
			if !eqBool(r.OnTime, tc.onTime) {
				t.Errorf("on_time = %v, want %v", bs(r.OnTime), bs(tc.onTime))
			}
			if !eqBool(r.ConsistencyOK, tc.consistent) {
				t.Errorf("consistency_ok = %v, want %v", bs(r.ConsistencyOK), bs(tc.consistent))
			}
			if r.Deadline == nil || r.Deadline.Format(time.DateOnly) != tc.deadline {
				t.Errorf("deadline = %v, want %s", r.Deadline, tc.deadline)
			}
		})
	}
}

// checkRate compares a rate; num or den −1 means "expect NULL".
func checkRate(t *testing.T, name string, got analytics.Rate, value *float64, num, den, lo, hi float64) {
	t.Helper()
	if (got.Value == nil) != (value == nil) || (value != nil && !near(*got.Value, *value)) {
		t.Errorf("%s = %s, want %s", name, f64(got.Value), f64(value))
	}
	for _, c := range []struct {
		part string
		got  *float64
		want float64
	}{{"num", got.Num, num}, {"den", got.Den, den}} {
		if c.want == -1 {
			if c.got != nil {
				t.Errorf("%s %s = %v, want NULL", name, c.part, *c.got)
			}
		} else if c.got == nil || !near(*c.got, c.want) {
			t.Errorf("%s %s = %s, want %v", name, c.part, f64(c.got), c.want)
		}
	}
	if value == nil {
		if got.Lo != nil || got.Hi != nil {
			t.Errorf("%s interval = [%s, %s], want NULL", name, f64(got.Lo), f64(got.Hi))
		}
		return
	}
	if got.Lo == nil || got.Hi == nil || !near4(*got.Lo, lo) || !near4(*got.Hi, hi) {
		t.Errorf("%s interval = [%s, %s], want [%.4f, %.4f]", name, f64(got.Lo), f64(got.Hi), lo, hi)
	}
}

func bp(b bool) *bool { return &b }

func eqBool(a, b *bool) bool { return (a == nil && b == nil) || (a != nil && b != nil && *a == *b) }

func bs(b *bool) string {
	if b == nil {
		return "NULL"
	}
	if *b {
		return "true"
	}
	return "false"
}

func itoa(n int) string { return fmtInt(n) }
