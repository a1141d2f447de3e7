package dashboard_test

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

var pages = []struct{ path, want string }{
	{"/", "trend-requests"},
	{"/?lang=en", "Overview"},
	{"/organ", "organ-list"},
	{"/organ?organ=" + url.QueryEscape("淮安市人民政府"), "organ-requests"},
	{"/regions", "ranking-bar"},
	{"/regions?metric=refusal_rate&peer=parent", "ranking-map"},
	{"/keyareas", "keyarea-heat"},
	{"/quality", "quality-kinds"},
	{"/trends", "journalist-requests"},
	{"/export", "dictionary"},
	{"/search?q=" + url.QueryEscape("不予公开"), "hits"},
	{"/sql", "textarea"},
	{"/crawl", "crawl-off"},
}

func TestPages(t *testing.T) {
	for _, p := range pages {
		t.Run(p.path, func(t *testing.T) {
			code, body := get(t, p.path)
			if code != http.StatusOK {
				t.Fatalf("status %d: %.300s", code, body)
			}
			contains(t, body, p.want, `src="/static/vendor/echarts.min.js"`)
			if strings.Contains(body, "<script>") || strings.Contains(body, "cdn") {
				t.Errorf("inline script or CDN reference in page")
			}
		})
	}
}

func TestReportPage(t *testing.T) {
	_, body := get(t, "/search?q="+url.QueryEscape("本年新收政府信息公开申请数量"))
	m := regexp.MustCompile(`/report/([0-9a-f]+)`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no search hit linking a report")
	}
	code, page := get(t, "/report/"+m[1])
	if code != 200 {
		t.Fatalf("status %d", code)
	}
	// Every value extracted is linked from the text to its row in the facts table.
	contains(t, page, `"><a href="#f-requests_new-whole">`, `id="f-requests_new-whole"`, `id="checks"`)
	if code, _ := get(t, "/report/ffffffffffffffff"); code != http.StatusNotFound {
		t.Errorf("unknown report: status %d, want 404", code)
	}
}

func TestAPI(t *testing.T) {
	for _, v := range []string{"reports", "facts", "indicators", "growth", "rankings", "coverage", "quality", "dictionary"} {
		t.Run(v, func(t *testing.T) {
			code, body := get(t, "/api/v1/"+v+"?limit=5")
			if code != 200 {
				t.Fatalf("json: status %d: %.200s", code, body)
			}
			var out struct {
				Total   int              `json:"total"`
				Columns []string         `json:"columns"`
				Rows    []map[string]any `json:"rows"`
			}
			if err := json.Unmarshal([]byte(body), &out); err != nil {
				t.Fatal(err)
			}
			if len(out.Rows) > 5 || len(out.Columns) == 0 {
				t.Errorf("rows %d columns %d", len(out.Rows), len(out.Columns))
			}
			code, body = get(t, "/api/v1/"+v+"?format=csv&limit=3")
			if code != 200 || !strings.HasPrefix(body, strings.Join(out.Columns, ",")) {
				t.Errorf("csv: status %d, header %.100q", code, body)
			}
			if v != "dictionary" {
				code, body = get(t, "/api/v1/"+v+"?format=parquet")
				if code != 200 || !strings.HasPrefix(body, "PAR1") {
					t.Errorf("parquet: status %d, starts %.10q", code, body)
				}
			}
		})
	}
	code, body := get(t, "/api/v1/reports?limit=1")
	if code != 200 {
		t.Fatal(code)
	}
	for _, k := range []string{`"report_id"`, `"organ"`, `"region_code"`, `"level"`, `"year"`, `"published"`, `"template"`, `"is_annual_report"`, `"requests_new"`} {
		if !strings.Contains(body, k) {
			t.Errorf("reports lack METRICS.md field %s", k)
		}
	}
}

func TestBadQueries(t *testing.T) {
	for _, q := range []string{
		"/?year=2019%27%3B%20DROP%20TABLE%20reports%3B--",
		"/api/v1/reports?year=abc",
		"/api/v1/reports?region=35%25",
		"/api/v1/reports?level=x%27or%271%27%3D%271",
		"/api/v1/reports?limit=100000",
		"/api/v1/reports?format=xml",
		"/api/v1/reports?foo=bar",
		"/api/v1/reports?year=2019&year=2020",
		"/api/v1/reports?%zz",
		"/api/v1/reports?organ=" + strings.Repeat("a", 300),
		"/api/v1/reports?q=" + strings.Repeat("x", 3000),
		"/api/v1/rankings?metric=requests_new",
		"/report/..%2f..%2fetc",
		"/search?q=%00",
	} {
		code, body := get(t, q)
		if code != http.StatusBadRequest && !(strings.HasPrefix(q, "/report/") && code == http.StatusNotFound) {
			t.Errorf("%.60s: status %d, want 400: %.200s", q, code, body)
		}
		if strings.Contains(body, "duckdb") || strings.Contains(body, "goroutine") {
			t.Errorf("%.60s: internals in the response: %.200s", q, body)
		}
	}
}

// TestRegionNames: the API publishes METRICS.md's province, city and county as names and
// the province's code as province_code; the region filter takes codes, and the China map
// is keyed by the map's province names (江苏), found from province_code.
func TestRegionNames(t *testing.T) {
	code, body := get(t, "/api/v1/reports?region=320800")
	if code != 200 {
		t.Fatalf("status %d: %.200s", code, body)
	}
	var out struct {
		Rows []map[string]any `json:"rows"`
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Rows) == 0 {
		t.Fatal("no report under 320800 (淮安市)")
	}
	var id string
	for _, r := range out.Rows {
		if r["province_code"] != "320000" || r["province"] != "江苏省" || r["city"] != "淮安市" {
			t.Errorf("%v: province_code %v province %v city %v", r["organ"], r["province_code"], r["province"], r["city"])
		}
		id, _ = r["report_id"].(string)
	}
	code, body = get(t, "/report/"+id+"?format=json")
	if code != 200 {
		t.Fatalf("report json: status %d", code)
	}
	contains(t, body, `"province":"江苏省"`, `"city":"淮安市"`)
	_, body = get(t, "/?region=320000")
	contains(t, body, `"name":"江苏"`)
}

// TestAPITotal: the total of a paged view is the number of its rows whichever page is
// asked: a full page (counted), a partial one (the rows before it and its own), one past
// the end (counted).
func TestAPITotal(t *testing.T) {
	type page struct {
		Total int              `json:"total"`
		Rows  []map[string]any `json:"rows"`
	}
	fetch := func(t *testing.T, path string) page {
		t.Helper()
		code, body := get(t, path)
		if code != 200 {
			t.Fatalf("%s: status %d: %.200s", path, code, body)
		}
		var p page
		if err := json.Unmarshal([]byte(body), &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, v := range []string{"reports", "indicators", "coverage"} {
		t.Run(v, func(t *testing.T) {
			all := fetch(t, "/api/v1/"+v+"?limit=1000")
			n := len(all.Rows)
			if n < 3 || n == 1000 {
				t.Fatalf("%d rows in the fixture's view; the test needs 3 to 999", n)
			}
			tests := []struct {
				name  string
				query string
				rows  int
			}{
				{name: "one page holds all", query: "limit=1000", rows: n},
				{name: "full first page", query: "limit=2", rows: 2},
				{name: "partial last page", query: fmt.Sprintf("limit=%d&page=2", n-1), rows: 1},
				{name: "exactly full last page", query: fmt.Sprintf("limit=%d&page=1", n), rows: n},
				{name: "past the end", query: fmt.Sprintf("limit=%d&page=3", n-1), rows: 0},
			}
			for _, tc := range tests {
				p := fetch(t, "/api/v1/"+v+"?"+tc.query)
				if p.Total != n || len(p.Rows) != tc.rows {
					t.Errorf("%s (%s): total %d, %d rows; want total %d, %d rows", tc.name, tc.query, p.Total, len(p.Rows), n, tc.rows)
				}
			}
		})
	}
}

// TestAPICSVWhole: a CSV without page or limit is the whole selection, streamed: as many
// records as the JSON's total, each with every column, for views read in chunks (facts,
// reports, growth, facts by key or by report) and one read in one query (indicators of a
// level).
func TestAPICSVWhole(t *testing.T) {
	for _, q := range []string{"facts", "reports", "growth", "facts?key=requests_new", "facts?level=county", "indicators?level=county"} {
		t.Run(q, func(t *testing.T) {
			sep := "?"
			if strings.Contains(q, "?") {
				sep = "&"
			}
			code, body := get(t, "/api/v1/"+q+sep+"limit=1")
			if code != 200 {
				t.Fatalf("json: status %d", code)
			}
			var out struct {
				Total   int      `json:"total"`
				Columns []string `json:"columns"`
			}
			if err := json.Unmarshal([]byte(body), &out); err != nil {
				t.Fatal(err)
			}
			code, body = get(t, "/api/v1/"+q+sep+"format=csv")
			if code != 200 {
				t.Fatalf("csv: status %d: %.200s", code, body)
			}
			recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if out.Total < 2 || len(recs)-1 != out.Total {
				t.Errorf("csv has %d records, json's total is %d", len(recs)-1, out.Total)
			}
			if len(recs) > 0 && strings.Join(recs[0], ",") != strings.Join(out.Columns, ",") {
				t.Errorf("csv header %q, json columns %q", recs[0], out.Columns)
			}
		})
	}
}
