package analytics_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"nianbao/analytics"
)

// synthetic returns organs×years county reports of ~33 facts each: 1000×3 ≈ 10⁵ facts.
func synthetic(organs, years int) []fixture {
	r := rand.New(rand.NewPCG(7, 7))
	var fs []fixture
	for o := range organs {
		region := fmt.Sprintf("%02d%02d%02d", 11+o%30, 1+o/30%20, 1+o%90)
		for y := range years {
			g, p, d, u, n := float64(r.IntN(50)), float64(r.IntN(10)), float64(r.IntN(10)), float64(r.IntN(10)), float64(r.IntN(5))
			v := with(table3(g+p+d+u+n, 0, g, p, d, u, n, 0),
				"reconsideration_total", 3, "reconsideration_corrected", 1, "reconsideration_pending", 0,
				"litigation_direct_total", 2, "litigation_direct_corrected", 0, "litigation_direct_pending", 1)
			for k := range 17 {
				v[fmt.Sprintf("denied_x%d", k)] = float64(k)
			}
			fs = append(fs, fixture{organ: fmt.Sprintf("县%d人民政府", o), region: region, level: "county",
				year: 2019 + y, published: fmt.Sprintf("%d-03-%02d", 2020+y, 1+r.IntN(31)), values: v, checks: bothOK})
		}
	}
	return fs
}

// BenchmarkViews runs each view over ~10⁵ facts (3000 reports), draining the rows.
func BenchmarkViews(b *testing.B) {
	e := newEnv(b, synthetic(1000, 3))
	ctx := context.Background()
	b.Logf("facts: %d", count(b, e.db, "SELECT count(*) FROM facts"))
	for _, v := range analytics.Views {
		b.Run(string(v), func(b *testing.B) {
			for b.Loop() {
				c, err := e.a.Open(ctx, v, analytics.Params{})
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				for c.Next() {
					n++
				}
				if err := c.Err(); err != nil {
					b.Fatal(err)
				}
				c.Close()
				b.ReportMetric(float64(n), "rows")
			}
		})
	}
	b.Run("growth_one_metric", func(b *testing.B) {
		for b.Loop() {
			if _, err := e.a.Growth(ctx, analytics.Params{Metric: "requests_new"}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("rankings_one_year", func(b *testing.B) {
		for b.Loop() {
			if _, err := e.a.Rankings(ctx, analytics.Params{Year: 2020, Indicator: "refusal_rate"}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("crossyear", func(b *testing.B) {
		for b.Loop() {
			if _, err := e.a.CrossYearChecks(ctx, analytics.Params{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
