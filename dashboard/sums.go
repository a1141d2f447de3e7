package dashboard

import (
	"context"
	"sort"
	"strings"

	"nianbao/analytics"
)

// Aggregates the charts draw, summed in SQL over the serving tables (data/duckdb's
// dash_year_sums, dash_rate_sums, dash_overview_counts, dash_movers) rather than by
// reading every report of the selection into Go.

// aggArgs are the page filters as the dash aggregate queries take them ($1..$5).
func (s *Server) aggArgs(f Filter) ([]any, error) {
	p := f.params()
	prefix, err := analytics.RegionPrefix(p.Region)
	if err != nil {
		return nil, badf("%s", err.Error())
	}
	from, to := p.From, p.To
	if p.Year != 0 {
		from, to = p.Year, p.Year
	}
	return []any{nilInt(from), nilInt(to), ptrStr(prefix), ptrStr(p.Level), ptrStr(p.Organ)}, nil
}

func nilInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// sums reads dash_<name> (one row per year: rows, sum_<m> and n_<m> columns) into a
// yearSums, as sumByYear would have built from the rows themselves.
func (s *Server) sums(ctx context.Context, name string, f Filter) (yearSums, error) {
	ys := yearSums{sums: map[int]map[string]float64{}, counts: map[int]map[string]int{}, rows: map[int]int{}}
	args, err := s.aggArgs(f)
	if err != nil {
		return ys, err
	}
	t, err := s.db.DashAgg(ctx, name, args)
	if err != nil {
		return ys, err
	}
	for _, r := range t.Rows {
		y := intOf(r["year"])
		ys.years = append(ys.years, y)
		ys.rows[y] = intOf(r["rows"])
		ys.sums[y], ys.counts[y] = map[string]float64{}, map[string]int{}
		for _, c := range t.Columns {
			if m, ok := strings.CutPrefix(c, "sum_"); ok {
				if v, ok := num(r[c]); ok {
					ys.sums[y][m] = v
				}
				ys.counts[y][m] = intOf(r["n_"+m])
			}
		}
	}
	sort.Ints(ys.years)
	return ys, nil
}
