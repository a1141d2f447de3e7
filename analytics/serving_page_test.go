package analytics_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"nianbao/analytics"
)

// readSQL reads every row of query q, each value printed.
func readSQL(t *testing.T, q analytics.Querier, query string, args ...any) [][]string {
	t.Helper()
	rows, err := q.QueryContext(context.Background(), query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		r := make([]string, len(vals))
		for i, x := range vals {
			r[i] = fmt.Sprint(x)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestServingPages checks, on the real reports of data/sample, that an unfiltered page
// read as a seq range (or, for facts, cut from the storage-order scan) is the page
// LIMIT/OFFSET over the view's own query gives, and that the stored totals are the
// views' row counts.
func TestServingPages(t *testing.T) {
	_, db := sampleDB(t)
	a, err := analytics.New(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, v := range []analytics.View{analytics.ViewReports, analytics.ViewIndicators, analytics.ViewGrowth,
		analytics.ViewCoverage, analytics.ViewFacts} {
		t.Run(string(v), func(t *testing.T) {
			// the view's own query, unpaged: the reference the pages are cut from by OFFSET
			full, args, err := a.SQL(v, analytics.Params{})
			if err != nil {
				t.Fatal(err)
			}
			all := readSQL(t, db, full, args...)
			if len(all) < 20 {
				t.Fatalf("%d rows: the sample should give more", len(all))
			}
			n, err := a.Count(ctx, v, analytics.Params{})
			if err != nil {
				t.Fatal(err)
			}
			if int(n) != len(all) {
				t.Errorf("count %d, want %d", n, len(all))
			}
			size := len(all)/3 - 1
			cases := []struct {
				name          string
				limit, offset int
			}{
				{"first page", size, 0},
				{"second page", size, size},
				{"third page", size, 2 * size},
				{"last partial page", size, len(all) - 2},
				{"past the end", size, len(all) + 5},
				{"offset only", 0, 3},
				{"one row", 1, 7},
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					q, pargs, err := a.SQL(v, analytics.Params{Limit: c.limit, Offset: c.offset})
					if err != nil {
						t.Fatal(err)
					}
					if !strings.Contains(q, "_page") && !strings.Contains(q, "seq > $1") && !strings.Contains(q, "page AS") {
						t.Errorf("unfiltered page does not take the serving path:\n%s", q)
					}
					limit := any(nil)
					if c.limit > 0 {
						limit = int64(c.limit)
					}
					paged := fmt.Sprintf("%s\nLIMIT $%d OFFSET $%d", full, len(args)+1, len(args)+2)
					want := readSQL(t, db, paged, append(slices.Clone(args), limit, int64(c.offset))...)
					got := readSQL(t, db, q, pargs...)
					if !reflect.DeepEqual(got, want) {
						t.Errorf("got %d rows, want %d (by OFFSET)", len(got), len(want))
					}
				})
			}
			// pages 1..3 concatenated are one page three times the size, with no row twice
			var pages [][]string
			for k := range 3 {
				_, rows := readRows(t, a, v, analytics.Params{Limit: size, Offset: k * size})
				pages = append(pages, rows...)
			}
			_, big := readRows(t, a, v, analytics.Params{Limit: 3 * size})
			if !reflect.DeepEqual(pages, big) {
				t.Errorf("pages 1..3 (%d rows) differ from one page of %d (%d rows)", len(pages), 3*size, len(big))
			}
			// no row twice; growth is left out: organs without a name or region show
			// identical rows (their organ_key, not a column, tells them apart), and the
			// comparison with the view's first rows below covers it
			seen := map[string]bool{}
			for _, r := range pages {
				k := strings.Join(r, "\x00")
				if seen[k] && v != analytics.ViewGrowth {
					t.Errorf("row twice: %v", r)
				}
				seen[k] = true
			}
			if !slices.EqualFunc(pages, all[:len(pages)], slices.Equal) {
				t.Errorf("pages 1..3 are not the view's first %d rows", len(pages))
			}
		})
	}
	// facts filtered by key alone are paged from the scan of facts too
	t.Run("facts by key", func(t *testing.T) {
		for _, key := range []string{"requests_new", "granted", "nosuchkey"} {
			p := analytics.Params{Key: key}
			full, args, err := a.SQL(analytics.ViewFacts, p)
			if err != nil {
				t.Fatal(err)
			}
			all := readSQL(t, db, full, args...)
			n, err := a.Count(ctx, analytics.ViewFacts, p)
			if err != nil || int(n) != len(all) {
				t.Errorf("%s: count %d, %v; want %d", key, n, err, len(all))
			}
			for _, pg := range [][2]int{{3, 0}, {3, 3}, {2, max(0, len(all)-1)}, {0, 2}} {
				q := p
				q.Limit, q.Offset = pg[0], pg[1]
				_, got := readRows(t, a, analytics.ViewFacts, q)
				w := all[min(q.Offset, len(all)):]
				if q.Limit > 0 && q.Limit < len(w) {
					w = w[:q.Limit]
				}
				if len(got) != len(w) || (len(w) > 0 && !reflect.DeepEqual(got, w)) {
					t.Errorf("%+v: got %d rows, want %d", q, len(got), len(w))
				}
			}
		}
	})
	// a database refreshed by an older binary has neither serving_counts nor
	// serving_coverage: its pages and totals are read as before
	t.Run("older refresh", func(t *testing.T) {
		_, want := readRows(t, a, analytics.ViewCoverage, analytics.Params{Limit: 5, Offset: 3})
		wantN, err := a.Count(ctx, analytics.ViewCoverage, analytics.Params{})
		if err != nil {
			t.Fatal(err)
		}
		exec(t, db, "DROP TABLE serving_coverage")
		exec(t, db, "DROP TABLE serving_counts")
		for _, v := range []analytics.View{analytics.ViewReports, analytics.ViewFacts, analytics.ViewCoverage} {
			if _, err := a.Count(ctx, v, analytics.Params{}); err != nil {
				t.Errorf("%s: count: %v", v, err)
			}
		}
		_, got := readRows(t, a, analytics.ViewCoverage, analytics.Params{Limit: 5, Offset: 3})
		if !reflect.DeepEqual(got, want) {
			t.Errorf("coverage page without serving_coverage: got %v, want %v", got, want)
		}
		n, err := a.Count(ctx, analytics.ViewCoverage, analytics.Params{})
		if err != nil || n != wantN {
			t.Errorf("coverage count without serving_counts: %d, %v; want %d", n, err, wantN)
		}
	})
}
