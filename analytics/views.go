package analytics

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"nianbao/data"
)

// View names a table of the export and API: what `nianbao export --what` takes.
type View string

// The views. Each is one query; Columns documents every column of each.
const (
	ViewReports    View = "reports"
	ViewFacts      View = "facts"
	ViewIndicators View = "indicators"
	ViewGrowth     View = "growth"
	ViewRankings   View = "rankings"
	ViewCoverage   View = "coverage"
	ViewQuality    View = "quality"
	// ViewDictionary is the data dictionary: every column of every other view.
	ViewDictionary View = "dictionary"
)

// Views lists the views in the order of the dictionary.
var Views = []View{ViewReports, ViewFacts, ViewIndicators, ViewGrowth, ViewRankings,
	ViewCoverage, ViewQuality, ViewDictionary}

// ParseView checks a view name.
func ParseView(s string) (View, error) {
	v := View(s)
	if !slices.Contains(Views, v) {
		return "", fmt.Errorf("analytics: unknown view %q", s)
	}
	return v, nil
}

// Filters returns the names of the equality filters of Params (level, organ, report_id,
// key) that view v applies: those of its columns. The others are ignored for v.
func (v View) Filters() []string {
	switch v {
	case ViewFacts:
		return []string{"level", "organ", "report_id", "key"}
	case ViewReports, ViewIndicators, ViewCoverage, ViewQuality:
		return []string{"level", "organ", "report_id"}
	case ViewGrowth, ViewRankings:
		return []string{"level", "organ"}
	}
	return nil
}

// filterArgs returns the arguments of the equality filters v takes, in Filters' order.
func (p Params) filterArgs(v View) []any {
	var out []any
	for _, name := range v.Filters() {
		switch name {
		case "level":
			out = append(out, nilIfEmpty(p.Level))
		case "organ":
			out = append(out, nilIfEmpty(p.Organ))
		case "report_id":
			out = append(out, nilIfEmpty(p.ReportID))
		case "key":
			out = append(out, nilIfEmpty(p.Key))
		}
	}
	return out
}

// SQL returns the query of view v with its arguments, filtered and paged as p says. The
// dictionary has no SQL.
func (a *Analytics) SQL(v View, p Params) (string, []any, error) {
	return a.pagedSQL(v, p, true)
}

// pagedSQL is SQL; serving false runs and pages the view's own query even where a
// serving table could (servedQuery, servingPage).
func (a *Analytics) pagedSQL(v View, p Params, serving bool) (string, []any, error) {
	q, args, err := a.filteredQuery(v, p, serving)
	if err != nil {
		return "", nil, err
	}
	if p.Limit < 0 || p.Offset < 0 {
		return "", nil, fmt.Errorf("analytics: negative limit or offset")
	}
	if serving && p.servedQuery(v) == "facts_served" {
		// it pages itself: only the page's reports are read (run adds their doc_seq)
		return q, append(args, limitArg(p.Limit), int64(p.Offset), nil), nil
	}
	if p.Limit > 0 || p.Offset > 0 {
		if name, args, ok := p.servingPage(v); ok && serving {
			return a.query(name), args, nil
		}
		if serving && p.servedQuery(v) == "rankings_served" && p.Region == "" && p.Level == "" && p.Organ == "" {
			return a.query("rankings_served_page"), append(args, int64(p.Offset), p.upper()), nil
		}
		// every view's query ends with its ORDER BY, so LIMIT applies to the view's order
		// (and DuckDB turns ORDER BY … LIMIT into a top-n).
		n := len(args)
		limit := any(nil)
		if p.Limit > 0 {
			limit = int64(p.Limit)
		}
		q = fmt.Sprintf("%s\nLIMIT $%d OFFSET $%d", q, n+1, n+2)
		args = append(args, limit, int64(p.Offset))
	}
	return q, args, nil
}

// CountSQL returns a query counting the rows of view v under p's filters (not its
// Limit and Offset), with its arguments.
func (a *Analytics) CountSQL(v View, p Params) (string, []any, error) {
	return a.countSQL(v, p, true)
}

// countSQL is CountSQL; serving false counts the view's own query even where a serving
// table holds the count (or the rows).
func (a *Analytics) countSQL(v View, p Params, serving bool) (string, []any, error) {
	q, args, err := a.filteredQuery(v, p, serving)
	if err != nil {
		return "", nil, err
	}
	switch {
	case p.servingTable(v) == "facts":
		return a.query("facts_count"), nil, nil
	case p.factsKeyOnly(v) && serving:
		return a.query("facts_key_count"), []any{p.Key}, nil
	case p.factsKeyOnly(v):
		return a.query("facts_key_count_scan"), []any{p.Key}, nil
	case serving && p.servedQuery(v) == "facts_served":
		return a.query("facts_served_count"), args, nil
	case serving && v == ViewGrowth && p.BaseYear == 0 && p.Organ == "":
		return a.query("growth_count_served"), args, nil
	}
	return "SELECT count(*) FROM (" + q + "\n)", args, nil
}

// Count returns the number of rows of view v under p's filters, ignoring Limit and
// Offset: the total of a paged view.
func (a *Analytics) Count(ctx context.Context, v View, p Params) (int64, error) {
	if v == ViewDictionary {
		var n int64
		for _, w := range Views {
			n += int64(len(Columns(w)))
		}
		return n, nil
	}
	if table := p.servingTable(v); table != "" {
		if n, ok := a.servingCount(ctx, table); ok {
			return n, nil
		}
	}
	q, args, err := a.countSQL(v, p, true)
	if err != nil {
		return 0, err
	}
	n, err := a.count(ctx, q, args)
	if err != nil && ctx.Err() == nil {
		// a database refreshed by an older binary lacks the newer serving tables: the
		// view's own rows are counted instead, as before
		if q2, args2, err2 := a.countSQL(v, p, false); err2 == nil && q2 != q {
			n, err = a.count(ctx, q2, args2)
		}
	}
	if err != nil {
		return 0, fmt.Errorf("analytics: count %s: %w", v, err)
	}
	return n, nil
}

// count runs a query returning one count.
func (a *Analytics) count(ctx context.Context, q string, args []any) (int64, error) {
	var n int64
	if err := a.scanRow(ctx, q, args, &n); err != nil {
		return 0, err
	}
	return n, nil
}

// scanRow runs query q, whose result is one row, and scans it into dest; a result
// without rows leaves dest as it is.
func (a *Analytics) scanRow(ctx context.Context, q string, args []any, dest ...any) error {
	rows, err := a.q.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			rows.Close()
			return err
		}
	}
	return errors.Join(rows.Err(), rows.Close())
}

// servedQuery names the query that answers view v under p from the serving tables of
// migration 009, where the view's own query would aggregate or join whole tables per
// request: rankings without a year span or of one year (serving_rankings), quality without expected
// governments (serving_quality), filtered coverage (serving_coverage) and facts filtered
// by report but not by key (serving_fact_index), reports and indicators of one organ
// (read through the index on organ first). "" for anything else.
func (p Params) servedQuery(v View) string {
	switch v {
	case ViewRankings:
		if from, to := p.span(); from == to {
			return "rankings_served"
		}
	case ViewQuality:
		if len(p.Expected) == 0 {
			return "quality_served"
		}
	case ViewCoverage:
		return "coverage_served"
	case ViewFacts:
		if p.Key == "" && !p.unfiltered() {
			return "facts_served"
		}
	case ViewReports, ViewIndicators:
		if p.Organ != "" {
			return string(v) + "_organ"
		}
	}
	return ""
}

func limitArg(limit int) any {
	if limit > 0 {
		return int64(limit)
	}
	return nil
}

// servingTable names the table whose rows are exactly view v's under p, one row each in
// the view's order, when p filters nothing v reads: serving_reports, serving_annual
// (indicators), serving_growth (own base year, every metric), serving_coverage and facts. Such a view's
// total is the count Refresh stored, and its pages are ranges of the table's seq (or,
// for facts, of its storage order). "" for any other view or filter.
func (p Params) servingTable(v View) string {
	if !p.unfiltered() {
		return ""
	}
	switch v {
	case ViewReports:
		return "serving_reports"
	case ViewIndicators:
		return "serving_annual"
	case ViewGrowth:
		if p.Metric == "" && p.BaseYear == 0 {
			return "serving_growth"
		}
	case ViewCoverage:
		return "serving_coverage"
	case ViewQuality:
		if len(p.Expected) == 0 {
			return "serving_quality"
		}
	case ViewFacts:
		return "facts"
	}
	return ""
}

// servingPage returns the query of one page of view v and its arguments when the page
// need not read the table before it (servingTable): a seq range, which DuckDB's zone
// maps answer from one row group, where LIMIT/OFFSET over the view's ORDER BY sorts or
// skips every earlier row. Paging must be asked for (Limit or Offset set).
func (p Params) servingPage(v View) (string, []any, bool) {
	if p.factsKeyOnly(v) {
		limit := any(nil)
		if p.Limit > 0 {
			limit = int64(p.Limit)
		}
		return "facts_key_page", []any{limit, int64(p.Offset), p.Key}, true
	}
	switch p.servingTable(v) {
	case "":
		return "", nil, false
	case "facts":
		limit := any(nil)
		if p.Limit > 0 {
			limit = int64(p.Limit)
		}
		return "facts_page", []any{limit, int64(p.Offset)}, true
	}
	return string(v) + "_page", []any{int64(p.Offset), p.upper()}, true
}

// upper is the last seq of the page, which is (offset, offset+limit] of seq = 1..n (row_number
// at Refresh).
func (p Params) upper() int64 {
	if p.Limit > 0 {
		return int64(p.Offset) + int64(p.Limit)
	}
	return math.MaxInt64
}

// factsKeyOnly says whether p filters view v, facts, by key and nothing else: its pages
// and total then read facts alone (facts_key_page, facts_key_count), without joining
// every fact of the key with its report.
func (p Params) factsKeyOnly(v View) bool {
	q := p
	q.Key = ""
	return v == ViewFacts && p.Key != "" && q.unfiltered()
}

// servingCount returns the row count Refresh stored for table, and false when there is
// none: a database refreshed by an older binary has no serving_counts (the caller counts
// instead, as before).
func (a *Analytics) servingCount(ctx context.Context, table string) (int64, bool) {
	rows, err := a.q.QueryContext(ctx, a.query("serving_count"), table)
	if err != nil {
		return 0, false
	}
	defer rows.Close()
	var n int64
	if !rows.Next() || rows.Scan(&n) != nil || rows.Err() != nil {
		return 0, false
	}
	return n, true
}

// run runs view v's query under p. A page read from a serving table that the database
// lacks (refreshed by an older binary: serving_coverage is newer than the others) is
// read with the view's own query instead, as before.
func (a *Analytics) run(ctx context.Context, v View, p Params) (*sql.Rows, error) {
	q, args, err := a.SQL(v, p)
	if err != nil {
		return nil, err
	}
	switch {
	case p.servedQuery(v) == "facts_served":
		args, err = a.factDocs(ctx, p, args)
		if err == nil {
			q = indexedTexts(q, args[len(args)-1])
		}
	case q == a.query("facts_key_page"):
		args[2], err = a.listOf(ctx, "fact_kind_codes", args[2])
	}
	var rows *sql.Rows
	if err == nil {
		rows, err = a.q.QueryContext(ctx, q, args...)
	}
	if err != nil && ctx.Err() == nil {
		if q2, args2, err2 := a.pagedSQL(v, p, false); err2 == nil && q2 != q {
			rows, err = a.q.QueryContext(ctx, q2, args2...)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("analytics: %s: %w", v, err)
	}
	return rows, nil
}

// filteredQuery returns the query of view v with the arguments of p's filters, unpaged;
// served picks the query reading a serving table where there is one (servedQuery).
func (a *Analytics) filteredQuery(v View, p Params, served bool) (string, []any, error) {
	args, err := p.common()
	if err != nil {
		return "", nil, err
	}
	switch v {
	case ViewReports, ViewFacts, ViewIndicators:
	case ViewGrowth:
		args = append(args, nilIfEmpty(p.Metric), nilIfZero(p.BaseYear))
	case ViewRankings:
		ind := p.Indicator
		if ind == "" {
			ind = "grant_rate"
		}
		if !slices.Contains(RankedIndicators, ind) {
			return "", nil, fmt.Errorf("analytics: indicator %q cannot be ranked (want one of %s)",
				ind, strings.Join(RankedIndicators, ", "))
		}
		group := p.Group
		if group == "" {
			group = GroupPeer
		}
		if group != GroupPeer && group != GroupParent {
			return "", nil, fmt.Errorf("analytics: group %q: want %s or %s", group, GroupPeer, GroupParent)
		}
		args = append(args, ind, group)
	case ViewCoverage:
		years, areas := data.ScoredKeyAreas()
		args = append(args, years, areas)
	case ViewQuality:
		codes := make([]string, len(p.Expected))
		names := make([]string, len(p.Expected))
		levels := make([]string, len(p.Expected))
		provinces := make([]string, len(p.Expected))
		for i, g := range p.Expected {
			codes[i], names[i], levels[i], provinces[i] = g.Code, g.Name, g.Level, g.Province
		}
		args = append(args, codes, names, levels, provinces)
	default:
		return "", nil, fmt.Errorf("analytics: view %q has no query", v)
	}
	name := string(v)
	if v == ViewGrowth && p.BaseYear != 0 {
		// serving_growth holds each organ's own base year; another base is computed.
		name = "growth_base"
	}
	if s := p.servedQuery(v); served && s != "" {
		name = s
	}
	return a.query(name), append(args, p.filterArgs(v)...), nil
}

// unfiltered says whether p selects every row (paging aside).
func (p Params) unfiltered() bool {
	return p.Year == 0 && p.From == 0 && p.To == 0 && p.Region == "" && p.Level == "" && p.Organ == "" &&
		p.ReportID == "" && p.Key == ""
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Cursor streams the rows of a view: the export encodes them one by one, so memory
// does not grow with the table. Values are database/sql's: nil, bool, int32, int64,
// float64, string, time.Time, or []any for lists.
type Cursor interface {
	Columns() []string
	Next() bool
	Values() []any
	Err() error
	Close() error
}

// Open starts streaming view v. A whole view (p without Limit and Offset) that can be
// read in chunks is (chunks): memory then holds one chunk, however long the view.
func (a *Analytics) Open(ctx context.Context, v View, p Params) (Cursor, error) {
	if v == ViewDictionary {
		return newDictionaryCursor(p.Limit, p.Offset), nil
	}
	if src := a.chunks(v, p); src != nil {
		return openChunks(ctx, v, src)
	}
	return a.openQuery(ctx, v, p)
}

// openQuery opens view v under p in one query.
func (a *Analytics) openQuery(ctx context.Context, v View, p Params) (*sqlCursor, error) {
	rows, err := a.run(ctx, v, p)
	if err != nil {
		return nil, err
	}
	return newSQLCursor(v, rows)
}

// newSQLCursor reads rows, which it closes on error.
func newSQLCursor(v View, rows *sql.Rows) (*sqlCursor, error) {
	cols, err := rows.Columns()
	if err != nil {
		rows.Close()
		return nil, fmt.Errorf("analytics: %s: %w", v, err)
	}
	c := &sqlCursor{view: v, rows: rows, cols: cols, vals: make([]any, len(cols)), ptrs: make([]any, len(cols))}
	for i := range c.vals {
		c.ptrs[i] = &c.vals[i]
	}
	return c, nil
}

type sqlCursor struct {
	view View
	rows *sql.Rows
	cols []string
	vals []any
	ptrs []any
	err  error
}

func (c *sqlCursor) Columns() []string { return c.cols }

func (c *sqlCursor) Next() bool {
	if c.err != nil || !c.rows.Next() {
		return false
	}
	if err := c.rows.Scan(c.ptrs...); err != nil {
		c.err = fmt.Errorf("analytics: %s: %w", c.view, err)
		return false
	}
	return true
}

// Values returns the current row; the slice is reused by Next.
func (c *sqlCursor) Values() []any { return c.vals }

func (c *sqlCursor) Err() error {
	if c.err != nil {
		return c.err
	}
	if err := c.rows.Err(); err != nil {
		return fmt.Errorf("analytics: %s: %w", c.view, err)
	}
	return nil
}

func (c *sqlCursor) Close() error { return c.rows.Close() }
