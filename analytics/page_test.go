package analytics_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"nianbao/analytics"
)

// readRows reads every row of v under p, each value printed.
func readRows(t *testing.T, a *analytics.Analytics, v analytics.View, p analytics.Params) ([]string, [][]string) {
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
			r = append(r, fmt.Sprint(x))
		}
		rows = append(rows, r)
	}
	if err := c.Err(); err != nil {
		t.Fatal(err)
	}
	return c.Columns(), rows
}

// TestPagedFilters checks that the equality filters and paging, applied in SQL, select
// exactly what filtering and slicing the whole view would, and that Count counts it.
func TestPagedFilters(t *testing.T) {
	e := newEnv(t, fixtures())
	ctx := context.Background()
	for _, v := range analytics.Views {
		t.Run(string(v), func(t *testing.T) {
			cols, all := readRows(t, e.a, v, analytics.Params{})
			if len(all) < 2 {
				t.Fatalf("%d rows: the fixture should give several", len(all))
			}
			idx := func(name string) int { return slices.Index(cols, name) }
			for _, name := range v.Filters() {
				if idx(name) < 0 {
					t.Fatalf("filter %s: view has no such column", name)
				}
			}
			// one filter value of each kind from the last row, so that offsets matter
			last := all[len(all)-1]
			val := func(name string) string {
				if i := idx(name); i >= 0 && slices.Contains(v.Filters(), name) {
					return last[i]
				}
				return "zzz" // ignored by the view
			}
			cases := []analytics.Params{
				{Level: val("level")},
				{Organ: val("organ")},
				{ReportID: val("report_id")},
				{Key: val("key")},
				{Level: val("level"), Organ: val("organ")},
				{Level: "nosuchlevel"},
			}
			for _, p := range cases {
				var want [][]string
				for _, r := range all {
					ok := true
					for name, want := range map[string]string{"level": p.Level, "organ": p.Organ, "report_id": p.ReportID, "key": p.Key} {
						if want != "" && slices.Contains(v.Filters(), name) && r[idx(name)] != want {
							ok = false
						}
					}
					if ok {
						want = append(want, r)
					}
				}
				n, err := e.a.Count(ctx, v, p)
				if err != nil {
					t.Fatal(err)
				}
				if int(n) != len(want) {
					t.Errorf("%+v: count %d, want %d", p, n, len(want))
				}
				for _, pg := range [][2]int{{0, 0}, {1, 0}, {2, 1}, {0, 1}, {5, 1000}} {
					q := p
					q.Limit, q.Offset = pg[0], pg[1]
					_, got := readRows(t, e.a, v, q)
					w := want[min(q.Offset, len(want)):]
					if q.Limit > 0 && q.Limit < len(w) {
						w = w[:q.Limit]
					}
					if len(got) != len(w) || (len(w) > 0 && !reflect.DeepEqual(got, w)) {
						t.Errorf("%+v: got %d rows %v, want %d %v", q, len(got), got, len(w), w)
					}
				}
			}
		})
	}
}

// TestFilterInjection checks that filter values are bound, not spliced into the SQL.
func TestFilterInjection(t *testing.T) {
	e := newEnv(t, fixtures())
	for _, v := range analytics.Views {
		_, rows := readRows(t, e.a, v, analytics.Params{Organ: "x' OR '1'='1", Level: "county'; DROP TABLE facts; --"})
		if len(v.Filters()) > 0 && len(rows) != 0 {
			t.Errorf("%s: %d rows for a hostile organ", v, len(rows))
		}
	}
}
