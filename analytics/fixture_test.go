package analytics_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"math"
	"path/filepath"
	"testing"

	"nianbao/analytics"
	"nianbao/data"
	"nianbao/data/duckdb"
)

// The store the command wires in satisfies the analytics interface.
var _ analytics.Querier = (*duckdb.DB)(nil)

// fixture is a hand-written annual report: the figures are chosen so that every
// indicator can be computed by hand in the tests (the arithmetic is in the comments
// there).
type fixture struct {
	organ, region, level string
	year                 int
	published            string
	values               map[string]float64
	na                   []string // keys stated as "/" (value NULL, semantic na)
	checks               map[string]bool
	areas                []string // key-area names mentioned
}

func (f fixture) report() (data.Source, data.Report) {
	id := fmt.Sprintf("%s/%d/%s", f.organ, f.year, f.published)
	sum := sha256.Sum256([]byte(id))
	sha := hex.EncodeToString(sum[:])
	r := data.Report{
		ReportID: sha[:16], IsAnnualReport: true, Organ: f.organ, RegionCode: f.region,
		Level: f.level, Year: f.year, Published: f.published, Template: data.Template2021,
		SourcePath: "fixture/" + sha[:8], Extractor: "test",
	}
	r.Province, r.City, r.County = regionNames(f.region)
	off := 0
	for _, k := range sortedKeys(f.values) {
		v := f.values[k]
		sem := data.SemNumber
		if v == 0 {
			sem = data.SemZero
		}
		r.Metrics = append(r.Metrics, data.Metric{Key: k, Value: data.F(v), Semantic: sem, Unit: "件",
			Scope: data.ScopeWhole, Method: data.MethodTable2021, Evidence: fmt.Sprintf("%s %g", k, v), Offset: off})
		off += 10
	}
	for _, k := range f.na {
		r.Metrics = append(r.Metrics, data.Metric{Key: k, Semantic: data.SemNA, Scope: data.ScopeWhole,
			Method: data.MethodTable2021, Evidence: k + " /", Offset: off})
		off += 10
	}
	for _, name := range []string{"requests_balance", "concluded_sum"} {
		if ok, stated := f.checks[name]; stated {
			r.Checks = append(r.Checks, data.Check{Name: name, OK: ok, Detail: name + " detail"})
		}
	}
	for i, a := range f.areas {
		r.KeyAreas = append(r.KeyAreas, data.KeyAreaMention{Area: a, Evidence: "关于" + a + "的句子", Offset: 1000 + i})
	}
	src := data.Source{SHA256: sha, Path: r.SourcePath, Size: 1, Format: "html"}
	return src, r
}

// regionNames are the province, city and county names along code's chain in the
// GB/T 2260 table, as the extractor resolves them (福建省, 福州市, 闽侯县 for 350121).
func regionNames(code string) (province, city, county string) {
	regions := data.LoadRegions()
	for r, ok := regions.Lookup(code); ok; r, ok = regions.Lookup(r.Parent) {
		switch r.Level {
		case data.LevelProvince:
			province = r.Name
		case data.LevelCity:
			city = r.Name
		case data.LevelCounty:
			county = r.Name
		}
	}
	return province, city, county
}

func sortedKeys(m map[string]float64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ { // insertion sort: tiny maps, deterministic order
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}

var bothOK = map[string]bool{"requests_balance": true, "concluded_sum": true}

// table3 fills the request table of a 2021-format report whose identities hold:
// concluded = granted + partial + denied + unable + notProcessed (other 0).
func table3(newReq, carriedOver, granted, partial, denied, unable, notProcessed, carriedForward float64) map[string]float64 {
	concluded := granted + partial + denied + unable + notProcessed
	return map[string]float64{
		"requests_new": newReq, "requests_carried_over": carriedOver, "granted": granted,
		"partial": partial, "denied_total": denied, "unable_total": unable,
		"not_processed_total": notProcessed, "other_total": 0, "concluded_total": concluded,
		"carried_forward": carriedForward,
	}
}

func with(m map[string]float64, kv ...any) map[string]float64 {
	for i := 0; i < len(kv); i += 2 {
		m[kv[i].(string)] = toF(kv[i+1])
	}
	return m
}

func toF(v any) float64 {
	switch x := v.(type) {
	case int:
		return float64(x)
	case float64:
		return x
	}
	panic(fmt.Sprintf("toF %T", v))
}

// fixtures is the hand-written corpus of the indicator tests.
func fixtures() []fixture {
	return []fixture{
		// 甲县 2019: 10 new, 5 granted/partial (4+1), 2 denied, 2 unable, 1 not processed.
		{organ: "甲县人民政府", region: "350121", level: "county", year: 2019, published: "2020-03-31",
			values: with(table3(10, 0, 4, 1, 2, 2, 1, 0),
				"reconsideration_total", 4, "reconsideration_corrected", 1, "reconsideration_pending", 1,
				"litigation_direct_total", 2, "litigation_direct_corrected", 1, "litigation_direct_pending", 0,
				"litigation_after_review_total", 0, "litigation_after_review_corrected", 0, "litigation_after_review_pending", 0),
			checks: bothOK, areas: []string{"A1"}},
		// 甲县 2020: no requests at all (every figure a printed 0), published a day late.
		{organ: "甲县人民政府", region: "350121", level: "county", year: 2020, published: "2021-04-01",
			values: table3(0, 0, 0, 0, 0, 0, 0, 0), checks: bothOK},
		// 甲县 2021: carried over 3 although 2020 carried forward 0 (cross-year mismatch).
		{organ: "甲县人民政府", region: "350121", level: "county", year: 2021, published: "2022-03-01",
			values: table3(8, 3, 6, 0, 1, 1, 0, 3), checks: bothOK},
		// 乙县 2019: 40 concluded, 30 granted; 2020 missing; 2021 present.
		{organ: "乙县人民政府", region: "350122", level: "county", year: 2019, published: "2020-03-01",
			values: table3(40, 0, 28, 2, 5, 5, 0, 0), checks: bothOK},
		{organ: "乙县人民政府", region: "350122", level: "county", year: 2021, published: "2022-03-01",
			values: table3(50, 0, 40, 0, 5, 5, 0, 0), checks: bothOK},
		// 丙县 2019: 2 requests, 1 granted: the small-n case ranking must not believe.
		// Its concluded_sum check is stored as failed.
		{organ: "丙县人民政府", region: "350123", level: "county", year: 2019, published: "2020-03-01",
			values: table3(2, 0, 1, 0, 1, 0, 0, 0), checks: map[string]bool{"requests_balance": true, "concluded_sum": false}},
		// 丁县 2019: partial is "/": grant_rate must be NULL, refusal_rate still 1/4.
		{organ: "丁县人民政府", region: "350124", level: "county", year: 2019, published: "2020-03-01",
			values: with(map[string]float64{}, "granted", 2, "denied_total", 1, "unable_total", 1,
				"not_processed_total", 0, "concluded_total", 4), na: []string{"partial"}},
		// 甲县教育局 2019: a department, due 31 January 2020, published 1 February.
		{organ: "甲县教育局", region: "350121", level: "department", year: 2019, published: "2020-02-01",
			values: table3(3, 0, 3, 0, 0, 0, 0, 0), checks: bothOK},
		// 某市 2017, prose era: due 31 March 2018 whatever the level; on time.
		{organ: "某市人民政府", region: "350100", level: "city", year: 2017, published: "2018-03-31",
			values: map[string]float64{"requests_new": 100}},
	}
}

type env struct {
	db *duckdb.DB
	a  *analytics.Analytics
}

// newEnv stores the fixtures in a fresh DuckDB file.
func newEnv(t testing.TB, fs []fixture) env {
	t.Helper()
	ctx := context.Background()
	db, err := duckdb.Open(ctx, duckdb.Config{Path: filepath.Join(t.TempDir(), "a.duckdb")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var items []data.Item
	for _, f := range fs {
		src, r := f.report()
		items = append(items, data.Item{Source: src, Reports: []data.Report{r}, Extractor: "test"})
	}
	if err := db.SaveBatch(ctx, items); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	a, err := analytics.New(db)
	if err != nil {
		t.Fatal(err)
	}
	return env{db: db, a: a}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func near4(a, b float64) bool { return math.Abs(a-b) < 5e-5 }

func f64(p *float64) string {
	if p == nil {
		return "NULL"
	}
	return fmt.Sprint(*p)
}

func fmtInt(n int) string { return fmt.Sprint(n) }

// rowsCursor reads arbitrary SQL rows as a Cursor (to re-encode what came back).
type rowsCursor struct {
	rows *sql.Rows
	vals []any
	err  error
}

func (c *rowsCursor) Columns() []string { cols, _ := c.rows.Columns(); return cols }

func (c *rowsCursor) Next() bool {
	if !c.rows.Next() {
		return false
	}
	n := len(c.Columns())
	c.vals = make([]any, n)
	ptrs := make([]any, n)
	for i := range ptrs {
		ptrs[i] = &c.vals[i]
	}
	if err := c.rows.Scan(ptrs...); err != nil {
		c.err = err
		return false
	}
	return true
}

func (c *rowsCursor) Values() []any { return c.vals }

func (c *rowsCursor) Err() error {
	if c.err != nil {
		return c.err
	}
	return c.rows.Err()
}

func (c *rowsCursor) Close() error { return c.rows.Close() }
