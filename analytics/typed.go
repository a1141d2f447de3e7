package analytics

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"time"
)

// The typed answers below are for the dashboard and API: the same queries as the export
// views, read into structs. A nil pointer is a NULL: not stated, not computable.

// Identity is who and when a row is about.
type Identity struct {
	Organ        string
	RegionCode   string
	ProvinceCode string // GB/T 2260 code of the province (first two digits + 0000)
	Province     string // the province's name (江苏省), resolved from RegionCode
	Level        string
	Year         int
}

// Rate is one derived rate with its parts and Wilson 95% interval.
type Rate struct {
	Value, Num, Den, Lo, Hi *float64
}

// ReportIndicators is one row of the indicators view.
type ReportIndicators struct {
	ReportID, DocumentSHA256 string
	Identity
	City, County    string // names resolved from RegionCode; empty when none
	Published       *time.Time
	Template        string
	Grant           Rate
	Refusal         Rate
	Nondisclosure   Rate
	Correction      Rate
	KeyAreaCoverage *float64
	Deadline        *time.Time
	OnTime          *bool
	ConsistencyOK   *bool
}

// Indicators returns the derived indicators of the annual reports selected by p.
func (a *Analytics) Indicators(ctx context.Context, p Params) ([]ReportIndicators, error) {
	rows, err := a.rows(ctx, ViewIndicators, p)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(rs *sql.Rows) (ReportIndicators, error) {
		var r ReportIndicators
		var organ, region, provinceCode, province, city, county, level, template *string
		dest := []any{&r.ReportID, &r.DocumentSHA256, &organ, &region, &provinceCode, &province, &city, &county,
			&level, &r.Year, &r.Published, &template}
		for _, rt := range []*Rate{&r.Grant, &r.Refusal, &r.Nondisclosure, &r.Correction} {
			dest = append(dest, &rt.Value, &rt.Num, &rt.Den, &rt.Lo, &rt.Hi)
		}
		dest = append(dest, &r.KeyAreaCoverage, &r.Deadline, &r.OnTime, &r.ConsistencyOK)
		if err := rs.Scan(dest...); err != nil {
			return r, fmt.Errorf("analytics: indicators: %w", err)
		}
		r.Organ, r.RegionCode, r.Level, r.Template = deref(organ), deref(region), deref(level), deref(template)
		r.ProvinceCode, r.Province, r.City, r.County = deref(provinceCode), deref(province), deref(city), deref(county)
		return r, nil
	})
}

// Growth is one row of the growth view: yoy_<metric> and cagr_<metric> of one organ,
// metric and year.
type Growth struct {
	Identity
	Metric           string
	Value, PrevValue *float64
	Change, YoY      *float64
	BaseYear         *int
	BaseValue, CAGR  *float64
}

// Growth returns the growth rows selected by p (p.Metric, p.BaseYear).
func (a *Analytics) Growth(ctx context.Context, p Params) ([]Growth, error) {
	rows, err := a.rows(ctx, ViewGrowth, p)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, scanGrowth)
}

func scanGrowth(rs *sql.Rows) (Growth, error) {
	var g Growth
	var organ, region, provinceCode, province, level *string
	if err := rs.Scan(&organ, &region, &provinceCode, &province, &level, &g.Year, &g.Metric, &g.Value, &g.PrevValue,
		&g.Change, &g.YoY, &g.BaseYear, &g.BaseValue, &g.CAGR); err != nil {
		return g, fmt.Errorf("analytics: growth: %w", err)
	}
	g.Organ, g.RegionCode, g.Level = deref(organ), deref(region), deref(level)
	g.ProvinceCode, g.Province = deref(provinceCode), deref(province)
	return g, nil
}

// Movers returns the limit organs whose p.Metric changed most, in absolute value, from
// the year before to p.Year (or any year of p's span). It streams the growth rows and
// keeps only the top limit, so it runs in memory proportional to limit.
func (a *Analytics) Movers(ctx context.Context, p Params, limit int) ([]Growth, error) {
	if p.Metric == "" {
		return nil, fmt.Errorf("analytics: movers: no metric")
	}
	if limit <= 0 {
		return nil, nil
	}
	rows, err := a.rows(ctx, ViewGrowth, p)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	size := func(g Growth) float64 { return math.Abs(*g.Change) }
	var top []Growth // sorted by size descending; small, so insertion is cheap
	for rows.Next() {
		g, err := scanGrowth(rows)
		if err != nil {
			return nil, err
		}
		if g.Change == nil {
			continue
		}
		if len(top) == limit && size(g) <= size(top[limit-1]) {
			continue
		}
		i, _ := slices.BinarySearchFunc(top, g, func(e, t Growth) int { return cmp.Compare(size(t), size(e)) })
		top = slices.Insert(top, i, g)
		if len(top) > limit {
			top = top[:limit]
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("analytics: movers: %w", err)
	}
	return top, nil
}

// Ranking is one organ's place in its group for an indicator.
type Ranking struct {
	Indicator, PeerGroup         string
	Organ, RegionCode            string
	ProvinceCode, Province       string // the province's code and name
	Level                        string
	FirstYear, LastYear, Years   int
	Numerator, Denominator, Rate float64
	Lo, Hi                       *float64
	SmallN                       bool
	PeerRate                     float64
	PriorStrength                *float64 // nil = infinite: pulled all the way to PeerRate
	ShrunkRate                   float64
	Rank, PeerSize               int
	Percentile                   float64
}

// Rankings ranks organs by p.Indicator within p.Group over p's years.
func (a *Analytics) Rankings(ctx context.Context, p Params) ([]Ranking, error) {
	rows, err := a.rows(ctx, ViewRankings, p)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(rs *sql.Rows) (Ranking, error) {
		var r Ranking
		var group, organ, region, provinceCode, province, level *string
		if err := rs.Scan(&r.Indicator, &group, &organ, &region, &provinceCode, &province, &level, &r.FirstYear, &r.LastYear,
			&r.Years, &r.Numerator, &r.Denominator, &r.Rate, &r.Lo, &r.Hi, &r.SmallN, &r.PeerRate,
			&r.PriorStrength, &r.ShrunkRate, &r.Rank, &r.PeerSize, &r.Percentile); err != nil {
			return r, fmt.Errorf("analytics: rankings: %w", err)
		}
		r.PeerGroup, r.Organ, r.RegionCode, r.Level = deref(group), deref(organ), deref(region), deref(level)
		r.ProvinceCode, r.Province = deref(provinceCode), deref(province)
		return r, nil
	})
}

// AreaCoverage is one key area of one report.
type AreaCoverage struct {
	ReportID, DocumentSHA256 string
	Identity
	Area            string
	Mentioned       bool
	Evidence        *string
	Offset          *int
	StatedCount     *int64
	KeyAreaCoverage float64
	AreasListed     int
}

// Coverage returns key-area coverage with evidence per area.
func (a *Analytics) Coverage(ctx context.Context, p Params) ([]AreaCoverage, error) {
	rows, err := a.rows(ctx, ViewCoverage, p)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(rs *sql.Rows) (AreaCoverage, error) {
		var c AreaCoverage
		var organ, region, provinceCode, province, level *string
		if err := rs.Scan(&c.ReportID, &c.DocumentSHA256, &organ, &region, &provinceCode, &province, &level, &c.Year,
			&c.Area, &c.Mentioned, &c.Evidence, &c.Offset, &c.StatedCount, &c.KeyAreaCoverage, &c.AreasListed); err != nil {
			return c, fmt.Errorf("analytics: coverage: %w", err)
		}
		c.Organ, c.RegionCode, c.Level = deref(organ), deref(region), deref(level)
		c.ProvinceCode, c.Province = deref(provinceCode), deref(province)
		return c, nil
	})
}

// Problem kinds of the quality view.
const (
	ProblemMissing     = "missing"
	ProblemLate        = "late"
	ProblemFailedCheck = "failed_check"
	ProblemCrossYear   = "cross_year"
	ProblemCopyPaste   = "copy_paste"
)

// Problem is one data-quality finding.
type Problem struct {
	Kind string
	Identity
	ReportID, DocumentSHA256, SourcePath string
	Check, Detail, Evidence              string
}

// Quality returns the problems of the quality view: missing reports (of p.Expected),
// late reports, failed checks and cross-year mismatches. Copy-paste findings come from
// CopyPaste, which needs the texts.
func (a *Analytics) Quality(ctx context.Context, p Params) ([]Problem, error) {
	rows, err := a.rows(ctx, ViewQuality, p)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(rs *sql.Rows) (Problem, error) {
		var q Problem
		var s [11]*string
		if err := rs.Scan(&q.Kind, &s[0], &s[1], &s[2], &s[3], &s[4], &q.Year, &s[5], &s[6], &s[7], &s[8], &s[9], &s[10]); err != nil {
			return q, fmt.Errorf("analytics: quality: %w", err)
		}
		q.Organ, q.RegionCode, q.ProvinceCode, q.Province, q.Level = deref(s[0]), deref(s[1]), deref(s[2]), deref(s[3]), deref(s[4])
		q.ReportID, q.DocumentSHA256, q.SourcePath = deref(s[5]), deref(s[6]), deref(s[7])
		q.Check, q.Detail, q.Evidence = deref(s[8]), deref(s[9]), deref(s[10])
		return q, nil
	})
}

// CrossYear is the carried-forward identity between two consecutive years of an organ.
type CrossYear struct {
	Identity             // Year is the earlier year
	ReportID, SourcePath string
	CarriedForward       float64 // stated at the end of Year
	RequestsCarriedOver  float64 // stated at the start of Year+1
	OK                   bool
	Detail               string
}

// CrossYearChecks returns every consecutive pair of years where both sides are stated,
// failures first.
func (a *Analytics) CrossYearChecks(ctx context.Context, p Params) ([]CrossYear, error) {
	args, err := p.common()
	if err != nil {
		return nil, err
	}
	rows, err := a.q.QueryContext(ctx, a.query("crossyear"), args...)
	if err != nil {
		return nil, fmt.Errorf("analytics: crossyear: %w", err)
	}
	return scanAll(rows, func(rs *sql.Rows) (CrossYear, error) {
		var c CrossYear
		var organ, region, provinceCode, province, level, sha, path *string
		if err := rs.Scan(&organ, &region, &provinceCode, &province, &level, &c.Year, &c.ReportID, &sha, &path,
			&c.CarriedForward, &c.RequestsCarriedOver, &c.OK, &c.Detail); err != nil {
			return c, fmt.Errorf("analytics: crossyear: %w", err)
		}
		c.Organ, c.RegionCode, c.Level, c.SourcePath = deref(organ), deref(region), deref(level), deref(path)
		c.ProvinceCode, c.Province = deref(provinceCode), deref(province)
		return c, nil
	})
}

// rows runs view v's query.
func (a *Analytics) rows(ctx context.Context, v View, p Params) (*sql.Rows, error) {
	return a.run(ctx, v, p)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
