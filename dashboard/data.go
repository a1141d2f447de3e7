package dashboard

import (
	"context"
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"time"

	"nianbao/analytics"
	"nianbao/data/duckdb"
)

// Analytics is what the dashboard needs of the analytics package (*analytics.Analytics):
// every view streamed with the shared filters, and Parquet written by DuckDB.
type Analytics interface {
	Open(ctx context.Context, v analytics.View, p analytics.Params) (analytics.Cursor, error)
	CopyParquet(ctx context.Context, v analytics.View, p analytics.Params, path string) (int64, error)
	Count(ctx context.Context, v analytics.View, p analytics.Params) (int64, error)
	CopyPaste(ctx context.Context, texts analytics.TextSource, p analytics.Params, opt analytics.SimilarityOptions) ([]analytics.Similarity, error)
}

// table is a view read into memory for a page: the column names and one map per row.
type table = duckdb.Table

// params maps the page filters onto analytics.Params, the equality filters (level, organ,
// report_id, key) included: the views apply them in SQL where they have the column.
func (f Filter) params() analytics.Params {
	p := analytics.Params{Year: f.Year, From: f.From, To: f.To, Region: f.Region, Metric: f.Metric,
		Level: f.Level, Organ: f.Organ, ReportID: f.ReportID, Key: f.Key}
	switch f.Metric {
	case "grant_rate", "refusal_rate", "nondisclosure_rate", "correction_rate":
		p.Indicator, p.Metric = f.Metric, ""
	}
	switch f.Peer {
	case analytics.GroupParent:
		p.Group = analytics.GroupParent
	default:
		p.Group = analytics.GroupPeer
	}
	return p
}

// view reads view v filtered by f; it skips offset matching rows and keeps at most limit
// (0: all), both in SQL. total counts every matching row, for pagination. A page with
// fewer rows than limit is the last, so offset plus its rows is the total; only a full
// page (or an empty one past offset) needs a separate COUNT(*) over the same filtered
// view, run after it. Run alongside every page, as before, the count was 10% of the
// server's CPU under load at 10⁶ reports, and up to half of a page of one organ's
// reports (17 of 39 ms), whose rows never fill a page.
func (s *Server) view(ctx context.Context, v analytics.View, f Filter, offset, limit int) (*table, int, error) {
	if s.an == nil {
		return nil, 0, fmt.Errorf("dashboard: no analytics")
	}
	p := f.params()
	p.Limit, p.Offset = limit, offset
	t, err := s.read(ctx, v, p)
	if err != nil {
		return nil, 0, err
	}
	n := len(t.Rows)
	if (limit == 0 || n < limit) && (n > 0 || offset == 0) {
		return t, offset + n, nil
	}
	total, err := s.an.Count(ctx, v, p)
	if err != nil {
		return nil, 0, err
	}
	return t, int(total), nil
}

// read reads the rows of view v under p into a table.
func (s *Server) read(ctx context.Context, v analytics.View, p analytics.Params) (*table, error) {
	cur, err := s.an.Open(ctx, v, p)
	if err != nil {
		return nil, err
	}
	defer cur.Close()
	cols := cur.Columns()
	t := &table{Columns: cols, Rows: []map[string]any{}}
	for cur.Next() {
		vals := cur.Values()
		m := make(map[string]any, len(cols))
		for i, c := range cols {
			m[c] = plainValue(vals[i])
		}
		t.Rows = append(t.Rows, m)
	}
	if err := cur.Err(); err != nil {
		return nil, err
	}
	return t, nil
}

// plainValue turns database values into ones that JSON, CSV and templates print well.
func plainValue(v any) any {
	switch x := v.(type) {
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 {
			return x.Format("2006-01-02")
		}
		return x.UTC().Format(time.RFC3339)
	case []byte:
		return string(x)
	case *big.Int:
		if x.IsInt64() {
			return x.Int64()
		}
		return x.String()
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plainValue(e)
		}
		return out
	}
	return v
}

func num(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int64:
		return float64(x), true
	case int32:
		return float64(x), true
	case int:
		return float64(x), true
	case int16:
		return float64(x), true
	case int8:
		return float64(x), true
	case uint64:
		return float64(x), true
	case uint32:
		return float64(x), true
	}
	return 0, false
}

func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = str(e)
		}
		return strings.Join(parts, "; ")
	}
	return fmt.Sprint(v)
}

func intOf(v any) int {
	f, _ := num(v)
	return int(f)
}

// yearSums adds up metric columns of rows by year; counts holds, per year, how many rows
// stated each metric (so a missing value is not read as 0).
type yearSums struct {
	years  []int
	sums   map[int]map[string]float64
	counts map[int]map[string]int
	rows   map[int]int
}

func sumByYear(t *table, metrics ...string) yearSums {
	ys := yearSums{sums: map[int]map[string]float64{}, counts: map[int]map[string]int{}, rows: map[int]int{}}
	for _, r := range t.Rows {
		y := intOf(r["year"])
		if y == 0 {
			continue
		}
		if _, ok := ys.sums[y]; !ok {
			ys.sums[y], ys.counts[y] = map[string]float64{}, map[string]int{}
			ys.years = append(ys.years, y)
		}
		ys.rows[y]++
		for _, m := range metrics {
			if v, ok := num(r[m]); ok {
				ys.sums[y][m] += v
				ys.counts[y][m]++
			}
		}
	}
	sort.Ints(ys.years)
	return ys
}

func (ys yearSums) labels() []string {
	out := make([]string, len(ys.years))
	for i, y := range ys.years {
		out[i] = strconv.Itoa(y)
	}
	return out
}

// series returns metric per year, nil where no row stated it.
func (ys yearSums) series(name, metric string) series {
	s := series{Name: name}
	for _, y := range ys.years {
		if ys.counts[y][metric] == 0 {
			s.Values = append(s.Values, nil)
		} else {
			s.Values = append(s.Values, f64(ys.sums[y][metric]))
		}
	}
	return s
}

// ratio returns Σnum/Σden per year (pooled), nil where the denominator is 0.
func (ys yearSums) ratio(name, numer, den string) series {
	s := series{Name: name}
	for _, y := range ys.years {
		d := ys.sums[y][den]
		if d <= 0 {
			s.Values = append(s.Values, nil)
		} else {
			s.Values = append(s.Values, f64(ys.sums[y][numer]/d))
		}
	}
	return s
}

// provinceNames are the names the ECharts China map uses (江苏, not the 江苏省 of the
// views' province column), by the first two digits of a GB/T 2260 code.
var provinceNames = map[string]string{
	"11": "北京", "12": "天津", "13": "河北", "14": "山西", "15": "内蒙古", "21": "辽宁", "22": "吉林",
	"23": "黑龙江", "31": "上海", "32": "江苏", "33": "浙江", "34": "安徽", "35": "福建", "36": "江西",
	"37": "山东", "41": "河南", "42": "湖北", "43": "湖南", "44": "广东", "45": "广西", "46": "海南",
	"50": "重庆", "51": "四川", "52": "贵州", "53": "云南", "54": "西藏", "61": "陕西", "62": "甘肃",
	"63": "青海", "64": "宁夏", "65": "新疆", "71": "台湾", "81": "香港", "82": "澳门",
}

// provinceOf returns the map's name of the province of a code (a view's province_code or
// region_code); "" when unknown.
func provinceOf(code string) string {
	if len(code) < 2 {
		return ""
	}
	return provinceNames[code[:2]]
}
