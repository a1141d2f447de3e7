package analytics_test

import (
	"context"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"nianbao/analytics"
)

// readRounded reads view v under p with every float printed to 12 significant digits:
// a sum over a window may differ in its last bits with the order DuckDB adds in.
func readRounded(t *testing.T, a *analytics.Analytics, v analytics.View, p analytics.Params) [][]string {
	t.Helper()
	c, err := a.Open(context.Background(), v, p)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var rows [][]string
	for c.Next() {
		var r []string
		for _, x := range c.Values() {
			if f, ok := x.(float64); ok {
				r = append(r, strconv.FormatFloat(f, 'g', 12, 64))
			} else {
				r = append(r, fmt.Sprint(x))
			}
		}
		rows = append(rows, r)
	}
	if err := c.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestServedViews checks, on the real reports of data/sample, that the views answered
// from migration 009's serving tables (rankings without a year span or of one year, quality without
// expected governments, filtered coverage, facts filtered by report) give the rows and
// totals of the views' own queries, which are what a database without those tables
// (refreshed by an older binary) is answered with.
func TestServedViews(t *testing.T) {
	_, db := sampleDB(t)
	a, err := analytics.New(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	// a report in the middle of the indicators view gives real filter values
	ind := readSQL(t, db, "SELECT year, province_code, level, organ, report_id FROM serving_annual "+
		"WHERE province_code IS NOT NULL AND organ IS NOT NULL ORDER BY seq LIMIT 1 OFFSET (SELECT count(*) / 2 FROM serving_annual)")
	if len(ind) != 1 {
		t.Fatalf("no report to filter on: %v", ind)
	}
	year, _ := strconv.Atoi(ind[0][0])
	prov, level, organ, id := ind[0][1], ind[0][2], ind[0][3], ind[0][4]
	// and a problem, for the quality view's filters
	qual := readSQL(t, db, "SELECT year, province_code FROM serving_quality WHERE province_code IS NOT NULL ORDER BY seq DESC LIMIT 1")
	if len(qual) != 1 {
		t.Fatalf("no problem to filter on: %v", qual)
	}
	qyear, _ := strconv.Atoi(qual[0][0])
	// and a year that has rankings, with a province ranked in it
	rk := readSQL(t, db, "SELECT span_year, province_code FROM serving_rankings WHERE span_year IS NOT NULL AND province_code IS NOT NULL "+
		"AND indicator = 'grant_rate' ORDER BY span_year DESC, seq LIMIT 1")
	if len(rk) != 1 {
		t.Fatalf("no one-year ranking: %v", rk)
	}
	ryear, _ := strconv.Atoi(rk[0][0])
	tests := []struct {
		name  string
		v     analytics.View
		p     analytics.Params
		table string // the serving table the query must read
	}{
		{"rankings", analytics.ViewRankings, analytics.Params{}, "serving_rankings"},
		{"rankings refusal parent", analytics.ViewRankings, analytics.Params{Indicator: "refusal_rate", Group: analytics.GroupParent}, "serving_rankings"},
		{"rankings refusal by region", analytics.ViewRankings, analytics.Params{Indicator: "refusal_rate", Region: prov}, "serving_rankings"},
		{"rankings by level, paged", analytics.ViewRankings, analytics.Params{Level: level, Limit: 3, Offset: 1}, "serving_rankings"},
		{"rankings by organ", analytics.ViewRankings, analytics.Params{Organ: organ}, "serving_rankings"},
		{"rankings of one year", analytics.ViewRankings, analytics.Params{Year: ryear}, "serving_rankings"},
		{"rankings of one year and region, parent", analytics.ViewRankings, analytics.Params{Year: ryear, Region: rk[0][1], Group: analytics.GroupParent}, "serving_rankings"},
		{"rankings refusal, a one-year span, paged", analytics.ViewRankings, analytics.Params{Indicator: "refusal_rate", From: ryear, To: ryear, Limit: 4, Offset: 1}, "serving_rankings"},
		{"rankings, a seq-range page", analytics.ViewRankings, analytics.Params{Limit: 5, Offset: 3}, "seq > $8"},
		{"rankings parent of one year, a seq-range page", analytics.ViewRankings, analytics.Params{Year: ryear, Group: analytics.GroupParent, Limit: 3, Offset: 2}, "seq > $8"},
		{"rankings, a page past the end", analytics.ViewRankings, analytics.Params{Limit: 5, Offset: 1 << 20}, "seq > $8"},
		{"rankings of two years", analytics.ViewRankings, analytics.Params{From: ryear - 1, To: ryear}, "serving_annual"},
		{"quality", analytics.ViewQuality, analytics.Params{}, "serving_quality"},
		{"quality by year and region", analytics.ViewQuality, analytics.Params{Year: qyear, Region: qual[0][1]}, "serving_quality"},
		{"quality paged", analytics.ViewQuality, analytics.Params{Limit: 2, Offset: 1}, "serving_quality"},
		{"coverage by year", analytics.ViewCoverage, analytics.Params{Year: year}, "serving_coverage"},
		{"coverage by region and level, paged", analytics.ViewCoverage, analytics.Params{Region: prov, Level: level, Limit: 5, Offset: 2}, "serving_coverage"},
		{"coverage by report", analytics.ViewCoverage, analytics.Params{ReportID: id}, "serving_coverage"},
		{"growth by year and region", analytics.ViewGrowth, analytics.Params{Year: year, Region: prov}, "serving_growth"},
		{"growth of a metric by level, paged", analytics.ViewGrowth, analytics.Params{Metric: "requests_new", Level: level, Limit: 3, Offset: 2}, "serving_growth"},
		{"growth of a county's span", analytics.ViewGrowth, analytics.Params{From: year - 2, To: year, Region: ind[0][1][:4] + "00"}, "serving_growth"},
		{"growth by organ", analytics.ViewGrowth, analytics.Params{Organ: organ}, "serving_growth"},
		{"facts by year and region", analytics.ViewFacts, analytics.Params{Year: year, Region: prov}, "serving_fact_index"},
		{"facts by report", analytics.ViewFacts, analytics.Params{ReportID: id}, "serving_fact_index"},
		{"facts by organ, first page", analytics.ViewFacts, analytics.Params{Organ: organ, Limit: 7}, "serving_fact_index"},
		{"facts by year, a page across reports", analytics.ViewFacts, analytics.Params{Year: year, Limit: 50, Offset: 30}, "serving_fact_index"},
		{"facts by level, past the end", analytics.ViewFacts, analytics.Params{Level: level, Limit: 5, Offset: 1 << 20}, "serving_fact_index"},
		{"facts, first page", analytics.ViewFacts, analytics.Params{Limit: 9, Offset: 4}, "r.doc_seq = f.doc_seq"},
		{"facts by key", analytics.ViewFacts, analytics.Params{Key: "requests_new", Limit: 4, Offset: 2}, "r.doc_seq = f.doc_seq"},
	}
	type answer struct {
		rows [][]string
		n    int64
	}
	served := make([]answer, len(tests))
	for i, tc := range tests {
		q, _, err := a.SQL(tc.v, tc.p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(q, tc.table) {
			t.Errorf("%s: the query does not read %s:\n%s", tc.name, tc.table, q)
		}
		served[i].rows = readRounded(t, a, tc.v, tc.p)
		if served[i].n, err = a.Count(ctx, tc.v, tc.p); err != nil {
			t.Fatalf("%s: count: %v", tc.name, err)
		}
	}
	for _, table := range []string{"serving_rankings", "serving_quality", "serving_coverage", "serving_fact_index", "serving_fact_keys", "serving_growth_cells"} {
		exec(t, db, "DROP TABLE "+table)
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := readRounded(t, a, tc.v, tc.p)
			if tc.p.Limit == 0 && tc.p.Offset == 0 && len(want) == 0 {
				t.Fatalf("the view selects no rows: the case tests nothing")
			}
			if !reflect.DeepEqual(served[i].rows, want) {
				t.Errorf("served %d rows, the view's own query %d:\n got %.300v\nwant %.300v", len(served[i].rows), len(want), served[i].rows, want)
			}
			n, err := a.Count(ctx, tc.v, tc.p)
			if err != nil || n != served[i].n {
				t.Errorf("count %d served, %d (%v) by the view's own query", served[i].n, n, err)
			}
		})
	}
}

// TestOrganQueries: the reports and indicators of one organ, read through the organ's
// rows first (reports_organ.sql, indicators_organ.sql), are the rows of the views' own
// queries (reports.sql, indicators.sql) given the same arguments.
func TestOrganQueries(t *testing.T) {
	_, db := sampleDB(t)
	a, err := analytics.New(db)
	if err != nil {
		t.Fatal(err)
	}
	// the organ with the most annual reports, and one of its years
	org := readSQL(t, db, "SELECT organ, max(year), any_value(level) FROM serving_annual WHERE organ IS NOT NULL "+
		"GROUP BY organ ORDER BY count(*) DESC, organ LIMIT 1")
	if len(org) != 1 {
		t.Fatalf("no organ: %v", org)
	}
	organ, level := org[0][0], org[0][2]
	year, _ := strconv.Atoi(org[0][1])
	tests := []struct {
		name string
		v    analytics.View
		p    analytics.Params
	}{
		{"reports", analytics.ViewReports, analytics.Params{Organ: organ}},
		{"reports of a year", analytics.ViewReports, analytics.Params{Organ: organ, Year: year}},
		{"reports, second page", analytics.ViewReports, analytics.Params{Organ: organ, Limit: 1, Offset: 1}},
		{"indicators", analytics.ViewIndicators, analytics.Params{Organ: organ}},
		{"indicators by level", analytics.ViewIndicators, analytics.Params{Organ: organ, Level: level}},
		{"indicators of another organ's level", analytics.ViewIndicators, analytics.Params{Organ: organ, Level: "no such level"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q, args, err := a.SQL(tc.v, tc.p)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(q, "MATERIALIZED") {
				t.Fatalf("not read through the organ's rows:\n%s", q)
			}
			// the view's own query, with the same placeholders: filtered by level, not organ
			own, _, err := a.SQL(tc.v, analytics.Params{Level: "-", Limit: tc.p.Limit, Offset: tc.p.Offset})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(own, "MATERIALIZED") {
				t.Fatalf("the view's own query reads the organ's rows first:\n%s", own)
			}
			got, want := readSQL(t, db, q, args...), readSQL(t, db, own, args...)
			if len(want) == 0 && tc.p.Level != "no such level" {
				t.Fatal("the view selects no rows: the case tests nothing")
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %d rows, the view's own query %d:\n got %.300v\nwant %.300v", len(got), len(want), got, want)
			}
		})
	}
}

// TestFactsServedRenumbered: facts pages cut from serving_fact_index stay the same when
// the facts' rowids moved since the refresh, as a checkpoint vacuuming deleted rows
// moves them (or migration 013 rebuilding the table did): the rowids recorded are
// shifted here by as much. And on a serving_fact_index of an older refresh, without
// report_no.
func TestFactsServedRenumbered(t *testing.T) {
	_, db := sampleDB(t)
	a, err := analytics.New(db)
	if err != nil {
		t.Fatal(err)
	}
	ind := readSQL(t, db, "SELECT year FROM serving_fact_index WHERE n_facts > 0 GROUP BY year ORDER BY count(*) DESC LIMIT 1")
	if len(ind) != 1 {
		t.Fatalf("no year with facts: %v", ind)
	}
	year, _ := strconv.Atoi(ind[0][0])
	pages := []analytics.Params{
		{Year: year},
		{Year: year, Limit: 50, Offset: 30},
		{Year: year, Limit: 7},
	}
	before := make([][][]string, len(pages))
	for i, p := range pages {
		if before[i] = readRounded(t, a, analytics.ViewFacts, p); len(before[i]) == 0 {
			t.Fatalf("page %+v is empty: the case tests nothing", p)
		}
	}
	check := func(after string) {
		t.Helper()
		for i, p := range pages {
			if got := readRounded(t, a, analytics.ViewFacts, p); !reflect.DeepEqual(got, before[i]) {
				t.Errorf("page %+v: %d rows %s, %d before:\n got %.300v\nwant %.300v", p, len(got), after, len(before[i]), got, before[i])
			}
		}
	}
	exec(t, db, "UPDATE serving_fact_index SET first_rowid = first_rowid + 7")
	check("after the rowids moved")
	// a database refreshed before serving_fact_index kept report_no: the view's own query
	exec(t, db, "DROP INDEX serving_fact_index_report")
	exec(t, db, "ALTER TABLE serving_fact_index DROP COLUMN report_no")
	check("without serving_fact_index.report_no")
}
