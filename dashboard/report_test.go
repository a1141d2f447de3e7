package dashboard_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"nianbao/analytics"
	"nianbao/dashboard"
	"nianbao/data/duckdb"
)

// TestReportFallback: the report page reads a report found through serving_report_ids
// (all its tables at once) exactly as one the last refresh did not see, which it finds by
// scanning reports: the same JSON for every report when that table points elsewhere (a
// re-extraction moved the report) or does not exist.
func TestReportFallback(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "copy.duckdb")
	b, err := os.ReadFile(filepath.Join(fx.dir, "test.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := duckdb.Open(ctx, duckdb.Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	an, err := analytics.New(db)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := dashboard.New(dashboard.Config{RateLimit: 1e6, Burst: 1e6}, db, an, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	query := func(q string) {
		t.Helper()
		rows, err := db.QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	var ids []string
	rows, err := db.QueryContext(ctx, "SELECT DISTINCT report_id FROM reports ORDER BY 1")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if len(ids) < 10 {
		t.Fatalf("%d reports", len(ids))
	}
	pages := func() map[string]map[string]any {
		t.Helper()
		out := map[string]map[string]any{}
		for _, id := range ids {
			resp, err := http.Get(ts.URL + "/report/" + id + "?format=json")
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: status %d, %v", id, resp.StatusCode, err)
			}
			var page map[string]any
			if err := json.Unmarshal(body, &page); err != nil {
				t.Fatal(err)
			}
			out[id] = page
		}
		return out
	}
	want := pages()
	withFacts := 0
	for _, id := range ids {
		r := want[id]["report"].(map[string]any)
		if r["report_id"] != id {
			t.Errorf("%s: report %v", id, r["report_id"])
		}
		if _, ok := r["doc_seq"]; ok {
			t.Errorf("%s: the page shows doc_seq", id)
		}
		if len(want[id]["facts"].([]any)) > 0 && want[id]["text"] != "" {
			withFacts++
		}
	}
	if withFacts < len(ids)/2 {
		t.Errorf("%d of %d reports have facts and a text", withFacts, len(ids))
	}
	for _, c := range []struct{ name, sql string }{
		{"moved", "UPDATE serving_report_ids SET doc_seq = doc_seq + 1000000"},
		// refreshed before migration 012 gave every stored row a doc_seq
		{"served without doc_seq", "UPDATE serving_report_ids SET doc_seq = NULL"},
		{"no table", "DROP TABLE serving_report_ids"},
	} {
		t.Run(c.name, func(t *testing.T) {
			query(c.sql)
			got := pages()
			for _, id := range ids {
				g, _ := json.Marshal(got[id])
				w, _ := json.Marshal(want[id])
				if string(g) != string(w) {
					t.Errorf("%s:\n got %.300s\nwant %.300s", id, g, w)
				}
			}
		})
	}
	resp, err := http.Get(ts.URL + "/report/0123456789abcdef")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown report: status %d", resp.StatusCode)
	}
}
