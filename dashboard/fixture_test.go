package dashboard_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"nianbao/analytics"
	"nianbao/dashboard"
	"nianbao/data/duckdb"
	"nianbao/ingest"
	"nianbao/ingest/convert"
)

// hostile is a document whose text carries markup; the report page must show it as text.
const hostile = `某县人民政府2019年政府信息公开工作年度报告
<script>alert("xss")</script> 注意 <img src=x onerror=alert(1)> 本年新收政府信息公开申请5件。
`

// fixture is a real database built from the bundled reports (data/sample) plus the
// hostile document, served by the real handler. Built once per test binary.
type fixture struct {
	dir     string
	db      *duckdb.DB
	console *duckdb.Console
	srv     *dashboard.Server
	ts      *httptest.Server
}

var fx *fixture

func TestMain(m *testing.M) {
	code := func() int {
		f, err := newFixture()
		if err != nil {
			fmt.Fprintln(os.Stderr, "fixture:", err)
			return 1
		}
		fx = f
		defer f.close()
		return m.Run()
	}()
	os.Exit(code)
}

func newFixture() (*fixture, error) {
	if err := dashboard.CheckAssets(); err != nil {
		return nil, err
	}
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "nianbao-dashboard-test-")
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, "test.duckdb")
	extra := filepath.Join(dir, "extra")
	if err := os.MkdirAll(extra, 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(extra, "hostile.txt"), []byte(hostile), 0o644); err != nil {
		return nil, err
	}
	w, err := duckdb.Open(ctx, duckdb.Config{Path: path})
	if err != nil {
		return nil, err
	}
	ing := ingest.New(ingest.Config{}, convert.New(convert.Config{}), w)
	if _, err := ing.Run(ctx, []string{"../data/sample", extra}); err != nil {
		w.Close()
		return nil, err
	}
	if _, err := w.Refresh(ctx); err != nil {
		w.Close()
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	db, err := duckdb.OpenReadOnly(ctx, path)
	if err != nil {
		return nil, err
	}
	an, err := analytics.New(db)
	if err != nil {
		return nil, err
	}
	console, err := duckdb.OpenConsole(ctx, duckdb.ConsoleConfig{Path: path, MaxRows: 100, Timeout: time.Second})
	if err != nil {
		return nil, err
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if os.Getenv("NIANBAO_TEST_LOG") != "" {
		log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	srv, err := dashboard.New(dashboard.Config{RequestTimeout: 10 * time.Second, RateLimit: 10000, Burst: 10000, Log: log}, db, an, console)
	if err != nil {
		return nil, err
	}
	return &fixture{dir: dir, db: db, console: console, srv: srv, ts: httptest.NewServer(srv.Handler())}, nil
}

func (f *fixture) close() {
	f.ts.Close()
	f.console.Close()
	f.db.Close()
	os.RemoveAll(f.dir)
}

// get fetches path and returns status and body.
func get(t testing.TB, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(fx.ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

func contains(t testing.TB, body string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(body, s) {
			t.Errorf("body lacks %q", s)
		}
	}
}
