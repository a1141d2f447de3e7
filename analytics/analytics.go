package analytics

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"text/template"

	"nianbao/sqlfile"
)

// Querier is what analytics needs of the store; *duckdb.DB satisfies it. Analytics only
// reads, with database/sql types, so it never depends on the driver.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

//go:embed queries/*.sql
var queryFS embed.FS

// Analytics answers the analytic questions over a store.
type Analytics struct {
	q       Querier
	queries map[string]string // rendered SQL by file name without .sql; read-only after New

	chunkFacts, chunkRows int // rows a query of a whole view reads (chunks)
}

// New returns an Analytics reading through q.
func New(q Querier) (*Analytics, error) {
	queries, err := loadQueries()
	if err != nil {
		return nil, err
	}
	return &Analytics{q: q, queries: queries, chunkFacts: chunkFacts, chunkRows: chunkRows}, nil
}

// loadQueries renders the embedded queries once. Fragments (_*.sql) hold shared CTEs
// ({{template "annual"}}) so that every view agrees on which report counts for an organ
// and year; the wilson function writes the interval inline, from the same Z95 the Go
// code uses, since a read-only connection cannot create a macro.
func loadQueries() (map[string]string, error) {
	funcs := template.FuncMap{"wilson": wilsonSQL, "smallN": func() int { return SmallN }, "match": matchSQL}
	q, err := sqlfile.Load(queryFS, "queries", funcs)
	if err != nil {
		return nil, fmt.Errorf("analytics: %w", err)
	}
	for name, text := range q {
		q[name] = strings.TrimRight(strings.TrimSpace(text), ";")
	}
	return q, nil
}

// wilsonSQL writes the bound ("lo" or "hi") of the Wilson interval of x/n as a SQL
// expression, NULL where Wilson is (see Wilson).
func wilsonSQL(x, n, bound string) (string, error) {
	sign, clamp := "-", "greatest(0.0, %s)"
	switch bound {
	case "lo":
	case "hi":
		sign, clamp = "+", "least(1.0, %s)"
	default:
		return "", fmt.Errorf("wilson: bound %q", bound)
	}
	z := strconv.FormatFloat(Z95, 'g', -1, 64)
	z2 := strconv.FormatFloat(Z95*Z95, 'g', -1, 64)
	p := fmt.Sprintf("(%s::DOUBLE / %s)", x, n)
	e := fmt.Sprintf("(%[1]s + %[3]s / (2 * %[2]s) %[5]s %[4]s * sqrt(%[1]s * (1 - %[1]s) / %[2]s + %[3]s / (4 * %[2]s * %[2]s))) / (1 + %[3]s / %[2]s)",
		p, n, z2, z, sign)
	return fmt.Sprintf("CASE WHEN %[2]s > 0 AND %[1]s >= 0 AND %[1]s <= %[2]s THEN %[3]s END", x, n, fmt.Sprintf(clamp, e)), nil
}

// matchSQL writes the equality filters of Params.Level, Organ, ReportID and Key (in that
// order, as many as cols gives) on the qualified columns cols, as bind parameters $base,
// $base+1, …; a NULL argument keeps every row. View.filters lists which ones each view
// takes, so the arguments line up.
func matchSQL(base int, cols ...string) string {
	var sb strings.Builder
	for i, c := range cols {
		n := base + i
		fmt.Fprintf(&sb, "AND ($%d::VARCHAR IS NULL OR %s = $%d) ", n, c, n)
	}
	return strings.TrimSpace(sb.String())
}

// query returns the rendered SQL of queries/name.sql; a missing name is a programming
// error, caught by the tests.
func (a *Analytics) query(name string) string {
	q, ok := a.queries[name]
	if !ok {
		panic("analytics: no query " + name)
	}
	return q
}

// Params select what a view shows. The zero value means everything.
type Params struct {
	// Year restricts to one report year; From and To to a span (either may be 0 = open).
	// Year wins over From/To.
	Year, From, To int
	// Region is a GB/T 2260 code: 350000 means the province, 350100 the city, 350128
	// the county, each with everything under it.
	Region string
	// Indicator is the rate ranked (rankings): grant_rate, refusal_rate,
	// nondisclosure_rate or correction_rate. Default grant_rate.
	Indicator string
	// Group is the ranking group: GroupPeer (same level and province code, the default) or
	// GroupParent (the parent region).
	Group string
	// Metric restricts growth to one METRICS.md key; empty means every key.
	Metric string
	// BaseYear is the first year of cagr_* (growth); 0 means each organ's first year
	// stating the metric.
	BaseYear int
	// Level, Organ, ReportID and Key keep only the rows whose column of that name equals
	// the value, in views having that column (see View.Filters); empty means all. They
	// are applied in the SQL, as bind parameters.
	Level, Organ, ReportID, Key string
	// Limit keeps at most Limit rows (0: all) after skipping Offset rows, in the view's
	// order; paging happens in the SQL. Count ignores both.
	Limit, Offset int
	// Expected lists the governments that should have reported (quality 'missing'),
	// typically the regions under Region from the GB/T 2260 list.
	Expected []Government
}

// Ranking groups.
const (
	GroupPeer   = "peer"
	GroupParent = "parent"
)

// Indicators that can be ranked.
var RankedIndicators = []string{"grant_rate", "refusal_rate", "nondisclosure_rate", "correction_rate"}

// Government is a government expected to publish a summary report.
type Government struct {
	Code  string // GB/T 2260 code
	Name  string // e.g. 赣州市人民政府
	Level string // province, city, county, township
	// Province is the name of its province (江西省), the quality view's province; empty
	// means the name stored with the reports of the province.
	Province string
}

// span returns the year bounds as query arguments (nil = open).
func (p Params) span() (any, any) {
	if p.Year != 0 {
		return p.Year, p.Year
	}
	return nilIfZero(p.From), nilIfZero(p.To)
}

func nilIfZero(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// RegionPrefix turns a region code into the prefix of the codes under it: 350000 → 35,
// 350100 → 3501, 350128 → 350128. Empty stays empty (all regions).
func RegionPrefix(code string) (string, error) {
	if code == "" {
		return "", nil
	}
	if len(code) != 6 || strings.Trim(code, "0123456789") != "" {
		return "", fmt.Errorf("analytics: region %q: want a six-digit GB/T 2260 code", code)
	}
	switch {
	case code == "000000":
		return "", nil
	case strings.HasSuffix(code, "0000"):
		return code[:2], nil
	case strings.HasSuffix(code, "00"):
		return code[:4], nil
	}
	return code, nil
}

// common returns the arguments $1..$3 every view takes.
func (p Params) common() ([]any, error) {
	prefix, err := RegionPrefix(p.Region)
	if err != nil {
		return nil, err
	}
	from, to := p.span()
	var pre any
	if prefix != "" {
		pre = prefix
	}
	return []any{from, to, pre}, nil
}

// scanAll reads every row with scan and closes rows.
func scanAll[T any](rows *sql.Rows, scan func(*sql.Rows) (T, error)) ([]T, error) {
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, v)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, err
	}
	return out, nil
}
