package dashboard_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestReportTextEscaped: markup inside a report's text is shown as text, on the report
// page and in search snippets.
func TestReportTextEscaped(t *testing.T) {
	code, body := get(t, "/search?q=onerror")
	if code != 200 {
		t.Fatalf("search: %d", code)
	}
	if strings.Contains(body, "<img src=x") || strings.Contains(body, `<script>alert`) {
		t.Fatalf("search snippet not escaped: %.500s", body)
	}
	contains(t, body, `&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;`, `&lt;img src=x <mark class="hit">onerror</mark>=alert(1)&gt;`)
	m := regexp.MustCompile(`/report/([0-9a-f]+)`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("hostile document not found by search")
	}
	_, page := get(t, "/report/"+m[1])
	if strings.Contains(page, "<script>alert") || strings.Contains(page, "<img src=x") {
		t.Fatalf("report text not escaped")
	}
	contains(t, page, "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;", "onerror=alert(1)&gt;")
}

func sqlRun(t *testing.T, q string) (int, string, time.Duration) {
	t.Helper()
	start := time.Now()
	resp, err := http.PostForm(fx.ts.URL+"/sql", url.Values{"sql": {q}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return resp.StatusCode, b.String(), time.Since(start)
}

func TestSQLConsoleRefuses(t *testing.T) {
	for _, q := range []string{
		"COPY reports TO '/tmp/nianbao-leak.csv'",
		"COPY (SELECT * FROM facts) TO '/tmp/x.parquet' (FORMAT parquet)",
		"SELECT * FROM read_csv('/etc/passwd')",
		"SELECT * FROM \"read_csv\"('/etc/passwd')",
		"select * from READ_TEXT('/etc/hostname')",
		"SELECT * FROM glob('/etc/*')",
		"ATTACH '/tmp/other.duckdb' AS o",
		"INSTALL httpfs",
		"LOAD httpfs",
		"SET enable_external_access = true",
		"PRAGMA enable_profiling",
		"EXPORT DATABASE '/tmp/nianbao-export'",
		"CALL pragma_version()",
		"SELECT 1; DROP TABLE reports",
		"DROP TABLE reports",
		"CREATE TABLE x AS SELECT 1",
	} {
		code, body, _ := sqlRun(t, q)
		if code != http.StatusBadRequest || !strings.Contains(body, `id="sql-error"`) {
			t.Errorf("%q: status %d, want 400 with an error", q, code)
		}
		if strings.Contains(body, `id="sql-result"`) {
			t.Errorf("%q: ran", q)
		}
	}
	code, body, _ := sqlRun(t, "SELECT organ, year FROM report_metrics WHERE organ LIKE '%; copy%' OR year > 2000 ORDER BY year LIMIT 3")
	if code != 200 || !strings.Contains(body, `id="sql-result"`) {
		t.Errorf("a plain SELECT: status %d: %.300s", code, body)
	}
	// The row cap (100 in the fixture).
	_, body, _ = sqlRun(t, "SELECT * FROM range(1000)")
	if n := strings.Count(body, "<tr>"); n != 101 {
		t.Errorf("row cap: %d table rows, want 100 + header", n-1)
	}
}

func TestSQLConsoleTimeout(t *testing.T) {
	code, body, took := sqlRun(t, "SELECT count(*) FROM range(10000000000) a, range(1000) b")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "too long") {
		t.Errorf("endless query: status %d: %.300s", code, body)
	}
	if took > 5*time.Second {
		t.Errorf("endless query ran %v; the console timeout is 1s", took)
	}
	// The console still works afterwards.
	if code, _, _ := sqlRun(t, "SELECT 42"); code != 200 {
		t.Errorf("after a timeout: status %d", code)
	}
	if _, body, _ := sqlRun(t, "SELECT 42"); !strings.Contains(body, "sql-result") {
		t.Log(regexp.MustCompile(`id="sql-error">[^<]*`).FindString(body))
	}
}

func TestHeaders(t *testing.T) {
	resp, err := http.Get(fx.ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP %q", csp)
	}
	for _, h := range []string{"X-Request-Id", "X-Content-Type-Options", "X-Frame-Options"} {
		if resp.Header.Get(h) == "" {
			t.Errorf("missing header %s", h)
		}
	}
}

// TestSQLConsoleFactsView: in the console, which attaches the database, facts is still
// the table of METRICS.md's columns (a view since migration 012, over fact_codes, reports
// and fact_kinds since 013), with a row for every stored fact, its kind decoded.
func TestSQLConsoleFactsView(t *testing.T) {
	cell := regexp.MustCompile(`<td[^>]*>([^<]*)</td>`)
	cells := func(q string) []string {
		t.Helper()
		code, body, _ := sqlRun(t, q)
		if code != 200 || !strings.Contains(body, "sql-result") {
			t.Fatalf("%s: status %d: %s", q, code, regexp.MustCompile(`id="sql-error">[^<]*`).FindString(body))
		}
		var out []string
		for _, m := range cell.FindAllStringSubmatch(body, -1) {
			out = append(out, m[1])
		}
		return out
	}
	got := cells(`SELECT count(*) = (SELECT count(*) FROM fact_codes), count(*) > 0,
		count(*) FILTER (WHERE length(document_sha256) = 64) = count(*),
		count(*) FILTER (WHERE key = 'requests_new' AND scope = 'whole' AND semantic IN ('number', 'zero')) > 0
		FROM facts`)
	if strings.Join(got, " ") != "true true true true" {
		t.Errorf("facts view against fact_codes: %v, want every fact, each with its document's SHA-256 and its strings", got)
	}
	cols := cells(`SELECT string_agg(column_name, ',' ORDER BY column_index) FROM duckdb_columns() WHERE table_name = 'facts'`)
	want := `report_id,document_sha256,key,scope,value,semantic,unit,method,evidence,offset,approx,doc_seq`
	if len(cols) != 1 || cols[0] != want {
		t.Errorf("facts columns = %v, want %s", cols, want)
	}
}
