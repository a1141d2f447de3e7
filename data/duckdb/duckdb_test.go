package duckdb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"nianbao/data"
)

// reportMetricKeys are the columns report_metrics must have (migrations/002_report_metrics.sql).
var reportMetricKeys = []string{"requests_new", "requests_carried_over", "granted", "partial", "denied_state_secret", "denied_law_forbidden", "denied_three_safety", "denied_third_party", "denied_internal_affairs", "denied_process_info", "denied_enforcement_file", "denied_query_matter", "denied_total", "unable_not_held", "unable_needs_creation", "unable_unclear", "unable_total", "np_petition", "np_repeat", "np_publication", "np_mass_repeat", "np_confirm", "not_processed_total", "other_no_correction", "other_unpaid_fee", "other_other", "other_total", "concluded_total", "carried_forward", "regulations_issued", "regulations_repealed", "regulations_in_force", "normative_issued", "normative_repealed", "normative_in_force", "regulations_made", "regulations_published", "regulations_public_total", "normative_made", "normative_published", "normative_public_total", "licensing_decisions", "penalty_decisions", "coercion_decisions", "fees_amount_wan", "procurement_projects", "procurement_amount_yuan", "reconsideration_upheld", "reconsideration_corrected", "reconsideration_other", "reconsideration_pending", "reconsideration_total", "litigation_direct_upheld", "litigation_direct_corrected", "litigation_direct_other", "litigation_direct_pending", "litigation_direct_total", "litigation_after_review_upheld", "litigation_after_review_corrected", "litigation_after_review_other", "litigation_after_review_pending", "litigation_after_review_total", "proactive_total", "proactive_cumulative", "proactive_yoy_pct_stated", "not_this_organ", "unclear", "complaints", "fees_yuan", "press_conferences", "litigation_total"}

func openTest(t testing.TB) *DB {
	t.Helper()
	db, err := Open(context.Background(), Config{Path: filepath.Join(t.TempDir(), "test.duckdb")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func count(t testing.TB, db *DB, q string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := db.sql.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// countCheck is a query of one count and the count it must give.
type countCheck struct {
	what  string
	query string
	want  int64
}

// checkCounts runs each check, reporting the counts that differ.
func checkCounts(t *testing.T, db *DB, checks []countCheck) {
	t.Helper()
	for _, c := range checks {
		if n := count(t, db, c.query); n != c.want {
			t.Errorf("%s: %d, want %d", c.what, n, c.want)
		}
	}
}

// newWriters opens n Writers on db, each on a connection of its own.
func newWriters(t *testing.T, db *DB, n int) []*Writer {
	t.Helper()
	ws := make([]*Writer, n)
	for i := range ws {
		w, err := db.NewWriter(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		ws[i] = w
	}
	return ws
}

func counts(t testing.TB, db *DB) map[string]int64 {
	t.Helper()
	m := map[string]int64{}
	for _, tb := range tables {
		m[tb] = count(t, db, "SELECT count(*) FROM "+tb)
	}
	return m
}

func i64(n int64) *int64 { return &n }

// sampleReport has a metric of every semantic, two scopes, checks that pass and fail,
// key-area mentions with and without a count, and warnings.
func sampleReport(id, version string) data.Report {
	return data.Report{
		SourcePath: "corpus/t2019/" + id + ".src", SourceURL: "http://example.gov.cn/" + id,
		ReportID: id, IsAnnualReport: true, Organ: "赣州市人民政府", RegionCode: "360700",
		Province: "江西省", City: "赣州市", Level: "city", Year: 2019, Published: "2020-01-31", Template: data.Template2019,
		Metrics: []data.Metric{
			{Key: "requests_new", Value: data.F(859), Semantic: data.SemNumber, Unit: "件", Scope: data.ScopeWhole, Method: data.MethodTable2019, Evidence: "一、本年新收政府信息公开申请数量\t859", Offset: 10412},
			{Key: "requests_carried_over", Value: data.F(0), Semantic: data.SemZero, Unit: "件", Scope: data.ScopeWhole, Method: data.MethodTable2019, Evidence: "0", Offset: 10500},
			{Key: "granted", Value: nil, Semantic: data.SemNA, Unit: "件", Scope: data.ScopeWhole, Method: data.MethodTable2019, Evidence: "/", Offset: 10600},
			{Key: "partial", Value: nil, Semantic: data.SemBlank, Unit: "件", Scope: data.ScopeWhole, Method: data.MethodTable2019, Evidence: "", Offset: 10700},
			{Key: "concluded_total", Value: data.F(805), Semantic: data.SemNumber, Unit: "件", Scope: data.ScopeWhole, Method: data.MethodTable2019, Evidence: "（七）总计\t805", Offset: 10800},
			{Key: "carried_forward", Value: data.F(70), Semantic: data.SemNumber, Unit: "件", Scope: data.ScopeWhole, Method: data.MethodTable2019, Evidence: "四、结转下年度继续办理\t70", Offset: 10900},
			{Key: "requests_new", Value: data.F(12), Semantic: data.SemNumber, Unit: "件", Scope: data.ScopeOwn, Method: data.MethodProse, Evidence: "本级收到申请12件", Offset: 300},
			{Key: "proactive_total", Value: data.F(691700), Semantic: data.SemNumber, Unit: "条", Scope: data.ScopeWhole, Method: data.MethodProse, Evidence: "69.17万条", Offset: 200, Approx: true},
			{Key: "denied_total", Value: data.F(3), Semantic: data.SemNumber, Unit: "件", Scope: "", Method: data.MethodDerived, Offset: 0},
		},
		Checks: []data.Check{
			{Name: "requests_balance", OK: false, Detail: "859+0 ≠ 805+70"},
			{Name: "concluded_sum", OK: true, Detail: "805 = 805"},
		},
		KeyAreas: []data.KeyAreaMention{
			{Area: "财政预决算", Evidence: "财政预决算信息", Offset: 500, Count: i64(12)},
			{Area: "重大建设项目", Evidence: "重大建设项目", Offset: 600},
		},
		KeyAreaCoverage: data.F(0.25),
		Warnings:        []string{"table 2 missing", "mirror title"},
		Extractor:       version,
	}
}

func sampleSource(sha string) data.Source {
	return data.Source{SHA256: sha, Path: "corpus/" + sha + ".src", URL: "http://example.gov.cn/" + sha,
		FetchedAt: time.Date(2020, 2, 1, 8, 30, 0, 0, time.UTC), HTTPStatus: 200,
		ContentType: "text/html; charset=gbk", Charset: "gbk", Format: data.FormatHTML, Size: 12345}
}

type factRow struct {
	Key, Scope string
	Value      sql.NullFloat64
	Semantic   string
	Unit       sql.NullString
	Method     string
	Evidence   sql.NullString
	Offset     int
	Approx     bool
}

func TestMigrationsIdempotent(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.duckdb")
	for i := range 3 {
		db, err := Open(ctx, Config{Path: path})
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		ms, _ := migrations()
		if got := count(t, db, "SELECT count(*) FROM schema_migrations"); got != int64(len(ms)) {
			t.Errorf("open %d: schema_migrations has %d rows, want %d", i, got, len(ms))
		}
		if got := count(t, db, "SELECT count(*) FROM check_keys"); got != 11 {
			t.Errorf("open %d: check_keys has %d rows, want 11", i, got)
		}
		db.Close()
	}
}

func TestMigrationNames(t *testing.T) {
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	want := 1
	for _, m := range ms {
		for retiredMigrations[want] {
			want++
		}
		if m.version != want {
			t.Errorf("migration %s has number %d, want %d (no gaps but retired numbers)", m.name, m.version, want)
		}
		want = m.version + 1
	}
}

// TestAppenderRollback pins down what SaveBatch's crash safety rests on: rows appended
// with the Appender inside an open transaction are discarded by ROLLBACK.
func TestAppenderRollback(t *testing.T) {
	tests := []struct {
		name   string
		commit bool
		want   int64
	}{
		{"rollback discards appended rows", false, 0},
		{"commit keeps appended rows", true, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			db := openTest(t)
			conn, err := db.sql.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			err = conn.Raw(func(dc any) error {
				c := dc.(rawConn)
				tx, err := c.BeginTx(ctx, driver.TxOptions{})
				if err != nil {
					return err
				}
				a, err := duckdb.NewAppenderFromConn(c, "", "checks")
				if err != nil {
					return err
				}
				for i := range 3 {
					if err := a.AppendRow(fmt.Sprint(i), "sha", "c", true, nil, int64(i+1)); err != nil {
						return err
					}
				}
				if err := a.Close(); err != nil {
					return err
				}
				// Before the commit another connection sees nothing.
				if n := count(t, db, "SELECT count(*) FROM checks"); n != 0 {
					t.Errorf("uncommitted appended rows visible to another connection: %d", n)
				}
				if tc.commit {
					return tx.Commit()
				}
				return tx.Rollback()
			})
			if err != nil {
				t.Fatal(err)
			}
			if got := count(t, db, "SELECT count(*) FROM checks"); got != tc.want {
				t.Errorf("checks = %d, want %d", got, tc.want)
			}
		})
	}
}

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	rep := sampleReport("r1", "v1")
	src := sampleSource("aaaa")
	if err := db.SaveDocument(ctx, src, []data.Report{rep}); err != nil {
		t.Fatal(err)
	}

	t.Run("document", func(t *testing.T) {
		var (
			path, url, ct, cs, format, version string
			status                             int
			size                               int64
			fetched                            time.Time
			parent, errKind                    sql.NullString
		)
		err := db.sql.QueryRow(`SELECT path, url, fetched_at, http_status, content_type, charset, format, size, parent, extractor_version, error_kind FROM documents WHERE sha256 = 'aaaa'`).
			Scan(&path, &url, &fetched, &status, &ct, &cs, &format, &size, &parent, &version, &errKind)
		if err != nil {
			t.Fatal(err)
		}
		got := []any{path, url, fetched.UTC(), status, ct, cs, format, size, parent.Valid, version, errKind.Valid}
		want := []any{src.Path, src.URL, src.FetchedAt, 200, src.ContentType, "gbk", "html", int64(12345), false, "v1", false}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("documents row = %v, want %v", got, want)
		}
	})

	t.Run("report", func(t *testing.T) {
		var (
			organ, region, level, template, version, path, url string
			province, city                                     string
			county                                             sql.NullString
			year                                               int
			published                                          time.Time
			annual                                             bool
			coverage                                           float64
			warnings                                           []any
		)
		err := db.sql.QueryRow(`SELECT organ, region_code, level, year, published, template, is_annual_report, extractor_version, key_area_coverage, warnings, source_path, source_url, province, city, county FROM reports WHERE report_id = 'r1' AND document_sha256 = 'aaaa'`).
			Scan(&organ, &region, &level, &year, &published, &template, &annual, &version, &coverage, &warnings, &path, &url, &province, &city, &county)
		if err != nil {
			t.Fatal(err)
		}
		got := []any{organ, region, level, year, published.Format("2006-01-02"), template, annual, version, coverage, fmt.Sprint(warnings), path, url, province, city, county.Valid}
		want := []any{rep.Organ, "360700", "city", 2019, "2020-01-31", "t2019", true, "v1", 0.25, "[table 2 missing mirror title]", rep.SourcePath, rep.SourceURL, "江西省", "赣州市", false}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("reports row = %v\nwant %v", got, want)
		}
	})

	t.Run("facts", func(t *testing.T) {
		rows, err := db.sql.Query(`SELECT key, scope, value, semantic, unit, method, evidence, "offset", approx FROM facts WHERE report_id = 'r1' ORDER BY "offset", key`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var got []factRow
		for rows.Next() {
			var f factRow
			if err := rows.Scan(&f.Key, &f.Scope, &f.Value, &f.Semantic, &f.Unit, &f.Method, &f.Evidence, &f.Offset, &f.Approx); err != nil {
				t.Fatal(err)
			}
			got = append(got, f)
		}
		byKey := map[string]factRow{}
		for _, f := range got {
			byKey[f.Key+"/"+f.Scope] = f
		}
		if len(got) != len(rep.Metrics) {
			t.Fatalf("%d facts, want %d", len(got), len(rep.Metrics))
		}
		tests := []struct {
			name     string
			key      string
			value    sql.NullFloat64
			semantic string
			evidence sql.NullString
			approx   bool
		}{
			{"number", "requests_new/whole", sql.NullFloat64{Float64: 859, Valid: true}, "number", sql.NullString{String: "一、本年新收政府信息公开申请数量\t859", Valid: true}, false},
			{"zero", "requests_carried_over/whole", sql.NullFloat64{Float64: 0, Valid: true}, "zero", sql.NullString{String: "0", Valid: true}, false},
			{"na is null", "granted/whole", sql.NullFloat64{}, "na", sql.NullString{String: "/", Valid: true}, false},
			{"blank is null", "partial/whole", sql.NullFloat64{}, "blank", sql.NullString{}, false},
			{"own scope", "requests_new/own", sql.NullFloat64{Float64: 12, Valid: true}, "number", sql.NullString{String: "本级收到申请12件", Valid: true}, false},
			{"approx and wan", "proactive_total/whole", sql.NullFloat64{Float64: 691700, Valid: true}, "number", sql.NullString{String: "69.17万条", Valid: true}, true},
			{"empty scope is whole", "denied_total/whole", sql.NullFloat64{Float64: 3, Valid: true}, "number", sql.NullString{}, false},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				f, ok := byKey[tc.key]
				if !ok {
					t.Fatalf("no fact %s", tc.key)
				}
				if f.Value != tc.value || f.Semantic != tc.semantic || f.Evidence != tc.evidence || f.Approx != tc.approx {
					t.Errorf("fact %s = %+v, want value %v semantic %s evidence %v approx %v", tc.key, f, tc.value, tc.semantic, tc.evidence, tc.approx)
				}
			})
		}
	})

	t.Run("checks and mentions", func(t *testing.T) {
		if got := count(t, db, "SELECT count(*) FROM checks WHERE NOT ok AND name = 'requests_balance' AND detail = '859+0 ≠ 805+70'"); got != 1 {
			t.Errorf("failed check rows = %d, want 1", got)
		}
		if got := count(t, db, "SELECT count(*) FROM key_area_mentions WHERE area = '财政预决算' AND count = 12 AND \"offset\" = 500"); got != 1 {
			t.Errorf("mention with count = %d, want 1", got)
		}
		if got := count(t, db, "SELECT count(*) FROM key_area_mentions WHERE area = '重大建设项目' AND count IS NULL"); got != 1 {
			t.Errorf("mention without count = %d, want 1", got)
		}
	})
}

func TestReportText(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	const text = "一、本年新收政府信息公开申请数量\t859\n"
	tests := []struct {
		name string
		text string
	}{
		{"first save", text},
		{"re-save replaces the text", text + "（七）总计\t805\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			it := data.Item{Source: sampleSource("aaaa"), Reports: []data.Report{sampleReport("r1", "v1")}, Text: tc.text}
			if err := db.SaveBatch(ctx, []data.Item{it}); err != nil {
				t.Fatal(err)
			}
			var got string
			if err := db.sql.QueryRow("SELECT text FROM report_texts WHERE report_id = 'r1' AND document_sha256 = 'aaaa'").Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != tc.text {
				t.Errorf("text = %q, want %q", got, tc.text)
			}
			if n := count(t, db, "SELECT count(*) FROM report_texts"); n != 1 {
				t.Errorf("report_texts rows = %d, want 1", n)
			}
		})
	}
}

func TestHasAndResave(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	src := sampleSource("bbbb")
	if ok, err := db.Has(ctx, "bbbb", "v1"); err != nil || ok {
		t.Fatalf("Has before save = %v, %v; want false", ok, err)
	}
	if err := db.SaveDocument(ctx, src, []data.Report{sampleReport("r1", "v1")}); err != nil {
		t.Fatal(err)
	}
	// Another document, which must survive the re-saves of the first.
	if err := db.SaveDocument(ctx, sampleSource("cccc"), []data.Report{sampleReport("r2", "v1")}); err != nil {
		t.Fatal(err)
	}
	before := counts(t, db)

	tests := []struct {
		name    string
		version string
		facts   int // metrics of the new report
	}{
		{"same version and bytes: rows unchanged", "v1", 9},
		{"newer extractor replaces rows", "v2", 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := sampleReport("r1", tc.version)
			rep.Metrics = rep.Metrics[:tc.facts]
			if err := db.SaveDocument(ctx, src, []data.Report{rep}); err != nil {
				t.Fatal(err)
			}
			after := counts(t, db)
			want := map[string]int64{}
			for k, v := range before {
				want[k] = v
			}
			want["fact_codes"] = before["fact_codes"] - 9 + int64(tc.facts)
			if !reflect.DeepEqual(after, want) {
				t.Errorf("row counts = %v, want %v", after, want)
			}
			for _, v := range []string{"v1", "v2"} {
				ok, err := db.Has(ctx, "bbbb", v)
				if err != nil {
					t.Fatal(err)
				}
				if ok != (v == tc.version) {
					t.Errorf("Has(%s) = %v after saving with %s", v, ok, tc.version)
				}
			}
			if got := count(t, db, "SELECT count(*) FROM reports WHERE document_sha256 = 'bbbb' AND extractor_version = ?", tc.version); got != 1 {
				t.Errorf("reports of version %s = %d, want 1", tc.version, got)
			}
			if got := count(t, db, "SELECT count(*) FROM facts WHERE document_sha256 = 'cccc'"); got != 9 {
				t.Errorf("other document's facts = %d, want 9", got)
			}
		})
	}
}

func TestReportMetrics(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	if err := db.SaveDocument(ctx, sampleSource("aaaa"), []data.Report{sampleReport("r1", "v1")}); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveDocument(ctx, sampleSource("ffff"), []data.Report{{ReportID: "empty", Extractor: "v1"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Refresh(ctx); err != nil { // report_metrics is materialised (migration 006)
		t.Fatal(err)
	}

	t.Run("columns", func(t *testing.T) {
		rows, err := db.sql.Query("SELECT * FROM report_metrics LIMIT 0")
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		rows.Close()
		have := map[string]bool{}
		for _, c := range cols {
			have[c] = true
		}
		for _, k := range reportMetricKeys {
			if !have[k] {
				t.Errorf("report_metrics has no column %s", k)
			}
		}
	})

	tests := []struct {
		name   string
		report string
		column string
		want   sql.NullFloat64
	}{
		{"number at whole scope (own scope ignored)", "r1", "requests_new", sql.NullFloat64{Float64: 859, Valid: true}},
		{"printed zero", "r1", "requests_carried_over", sql.NullFloat64{Float64: 0, Valid: true}},
		{"na is null", "r1", "granted", sql.NullFloat64{}},
		{"blank is null", "r1", "partial", sql.NullFloat64{}},
		{"prose key", "r1", "proactive_total", sql.NullFloat64{Float64: 691700, Valid: true}},
		{"unstated key is null", "r1", "litigation_total", sql.NullFloat64{}},
		{"report without facts still has a row", "empty", "requests_new", sql.NullFloat64{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got sql.NullFloat64
			if err := db.sql.QueryRow("SELECT "+tc.column+" FROM report_metrics WHERE report_id = ?", tc.report).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("%s = %v, want %v", tc.column, got, tc.want)
			}
		})
	}
}

func TestFailedChecksAndStats(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	items := []data.Item{
		{Source: sampleSource("aaaa"), Reports: []data.Report{sampleReport("r1", "v1")}},
		{Source: data.Source{SHA256: "bad", Path: "bad.pdf", ErrorKind: "corrupt", Error: "corrupt input"}, Extractor: "v1"},
	}
	if err := db.SaveBatch(ctx, items); err != nil {
		t.Fatal(err)
	}
	fcs, err := db.FailedChecks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []FailedCheck{{
		Organ: "赣州市人民政府", Year: 2019, SourcePath: "corpus/t2019/r1.src", ReportID: "r1", DocumentSHA256: "aaaa",
		Check: "requests_balance", Detail: "859+0 ≠ 805+70",
		Evidence: "requests_new: 一、本年新收政府信息公开申请数量\t859 | requests_carried_over: 0 | concluded_total: （七）总计\t805 | carried_forward: 四、结转下年度继续办理\t70",
	}}
	if !reflect.DeepEqual(fcs, want) {
		t.Errorf("FailedChecks =\n%+v\nwant\n%+v", fcs, want)
	}
	st, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantStats := Stats{Documents: 2, FailedDocuments: 1, Reports: 1, AnnualReports: 1, Facts: 9, Checks: 2, FailedChecks: 1, Warnings: 2, KeyAreaMentions: 2}
	if st != wantStats {
		t.Errorf("Stats = %+v, want %+v", st, wantStats)
	}
}
