package analytics

import (
	"math"
	"time"
)

// Z95 is the two-sided 95% standard normal quantile used by every interval we publish.
const Z95 = 1.959963984540054

// SmallN is the denominator below which a rate is flagged: with fewer than 30 cases one
// request moves the rate by more than three points, so rankings must not take it at face
// value.
const SmallN = 30

// Interval is a confidence interval for a proportion.
type Interval struct{ Lo, Hi float64 }

// Wilson returns the Wilson (1927) score interval for x successes in n trials at normal
// quantile z. It is used instead of the Wald interval because it stays inside [0, 1] and
// behaves at x = 0 and small n, which is most of our corpus. ok is false when the
// proportion is not one (n ≤ 0, x < 0 or x > n, as in a source whose numbers do not add up).
//
//	centre = (p̂ + z²/2n) / (1 + z²/n),  half = z·√(p̂(1−p̂)/n + z²/4n²) / (1 + z²/n)
func Wilson(x, n, z float64) (Interval, bool) {
	if !(n > 0) || x < 0 || x > n {
		return Interval{}, false
	}
	p := x / n
	z2 := z * z
	d := 1 + z2/n
	c := (p + z2/(2*n)) / d
	h := z * math.Sqrt(p*(1-p)/n+z2/(4*n*n)) / d
	return Interval{Lo: math.Max(0, c-h), Hi: math.Min(1, c+h)}, true
}

// Prior is a peer group's beta prior for a rate, estimated by the method of moments.
type Prior struct {
	// Mean is the pooled rate Σx/Σn of the group.
	Mean float64
	// Strength is α+β, the number of pseudo-cases the prior is worth. 0 means no
	// shrinkage (a group of one, or no estimable spread); +Inf means the rates do not
	// vary more than binomial noise, so each is pulled all the way to Mean.
	Strength float64
}

// Shrink returns the posterior mean rate (x + Strength·Mean) / (n + Strength).
func (p Prior) Shrink(x, n float64) float64 {
	switch {
	case math.IsInf(p.Strength, 1):
		return p.Mean
	case p.Strength == 0 && n > 0:
		return x / n
	}
	return (x + p.Strength*p.Mean) / (n + p.Strength)
}

// ShrinkBetaBinomial estimates the beta prior of a group of binomial rates x[i]/n[i] by
// Kleinman's (1973) method of moments for the beta-binomial: with N = Σn, μ = Σx/N,
// S = Σ n_i (p_i − μ)² and k groups, E[S] = μ(1−μ)[(k−1) + ρ(N − Σn_i²/N − (k−1))], so
//
//	ρ̂ = (S/(μ(1−μ)) − (k−1)) / (N − Σn_i²/N − (k−1)),   α+β = (1−ρ̂)/ρ̂.
//
// ρ̂ ≤ 0 (no more spread than binomial noise) gives Strength +Inf; ρ̂ ≥ 1, a group of
// one, μ ∈ {0, 1} or a non-positive denominator (all n_i = 1) give Strength 0.
// Entries with n ≤ 0 are ignored. The SQL of rankings.sql computes the same.
func ShrinkBetaBinomial(x, n []float64) Prior {
	var sx, sn, sn2, k float64
	for i := range x {
		if n[i] > 0 {
			sx += x[i]
			sn += n[i]
			sn2 += n[i] * n[i]
			k++
		}
	}
	if k == 0 {
		return Prior{}
	}
	mu := sx / sn
	if k < 2 || mu <= 0 || mu >= 1 {
		return Prior{Mean: mu}
	}
	var s float64
	for i := range x {
		if n[i] > 0 {
			d := x[i]/n[i] - mu
			s += n[i] * d * d
		}
	}
	den := sn - sn2/sn - (k - 1)
	if den <= 0 {
		return Prior{Mean: mu}
	}
	rho := (s/(mu*(1-mu)) - (k - 1)) / den
	switch {
	case rho <= 0:
		return Prior{Mean: mu, Strength: math.Inf(1)}
	case rho >= 1:
		return Prior{Mean: mu}
	}
	return Prior{Mean: mu, Strength: (1 - rho) / rho}
}

// YoY is METRICS.md's yoy_<metric>: (cur − prev) / prev, nil when either value is
// missing or prev is 0 (never ±Inf). A negative result is a decrease; the formula is
// applied literally, also to a negative prev.
func YoY(prev, cur *float64) *float64 {
	if prev == nil || cur == nil || *prev == 0 {
		return nil
	}
	v := (*cur - *prev) / *prev
	return &v
}

// CAGR is the compound annual growth rate from value from in year y0 to value to in
// year y1: (to/from)^(1/(y1−y0)) − 1. It is nil when a value is missing, from ≤ 0,
// to < 0 (no real root) or y1 ≤ y0.
func CAGR(from, to *float64, y0, y1 int) *float64 {
	if from == nil || to == nil || *from <= 0 || *to < 0 || y1 <= y0 {
		return nil
	}
	v := math.Pow(*to / *from, 1/float64(y1-y0)) - 1
	return &v
}

// Deadline returns the legal publication deadline of a report about year by an organ at
// level, and whether there is one. Up to report year 2018 (条例 2008, 第三十一条) every
// report was due by 31 March of the next year. From 2019 (条例 2019, 第四十九条) a
// department's (部门) report is due by 31 January and a county-or-higher government's
// summary report by 31 March. The 条例 sets no date for townships (乡镇), so from 2019
// they, and reports whose level is unknown, have no deadline.
func Deadline(year int, level string) (time.Time, bool) {
	if year <= 0 {
		return time.Time{}, false
	}
	march := time.Date(year+1, time.March, 31, 0, 0, 0, 0, time.UTC)
	if year <= 2018 {
		return march, true
	}
	switch level {
	case "department":
		return time.Date(year+1, time.January, 31, 0, 0, 0, 0, time.UTC), true
	case "national", "province", "city", "county":
		return march, true
	}
	return time.Time{}, false
}

// OnTime reports whether a report published on published met its deadline; nil when
// the date or the deadline is unknown.
func OnTime(year int, level string, published time.Time) *bool {
	d, ok := Deadline(year, level)
	if !ok || published.IsZero() {
		return nil
	}
	v := !published.After(d)
	return &v
}
