package dashboard_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// TestSearchPages: the search stops at the page's end, so every row it returns contains
// the term, pages never overlap, and "more" says whether a next page has rows.
func TestSearchPages(t *testing.T) {
	type result struct {
		More bool             `json:"more"`
		Rows []map[string]any `json:"rows"`
	}
	fetch := func(t *testing.T, q string, page, limit int) result {
		t.Helper()
		code, body := get(t, "/api/v1/search?"+url.Values{"q": {q}, "page": {itoa(page)}, "limit": {itoa(limit)}}.Encode())
		if code != 200 {
			t.Fatalf("status %d: %.200s", code, body)
		}
		var r result
		if err := json.Unmarshal([]byte(body), &r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	tests := []struct {
		name     string
		q        string
		wantRows bool
	}{
		{"common term", "政府信息公开", true},
		{"table label", "本年新收政府信息公开申请数量", true},
		{"absent term", "不存在的词语甲乙丙", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			all := fetch(t, tc.q, 1, 100)
			if (len(all.Rows) > 0) != tc.wantRows {
				t.Fatalf("%d rows, want rows: %v", len(all.Rows), tc.wantRows)
			}
			// pages of one row, joined, are the page of 100: no gap, no overlap, same order
			var joined []string
			for page := 1; page <= len(all.Rows)+1; page++ {
				r := fetch(t, tc.q, page, 1)
				if len(r.Rows) > 1 {
					t.Fatalf("page %d: %d rows, limit 1", page, len(r.Rows))
				}
				for _, row := range r.Rows {
					if !strings.Contains(fmt.Sprint(row["snippet"]), tc.q) {
						t.Errorf("page %d: snippet %q lacks %q", page, row["snippet"], tc.q)
					}
					joined = append(joined, fmt.Sprint(row["report_id"], row["document_sha256"], row["pos"]))
				}
				if want := page < len(all.Rows); r.More != want {
					t.Errorf("page %d of %d: more = %v", page, len(all.Rows), r.More)
				}
			}
			if len(joined) != len(all.Rows) {
				t.Fatalf("pages of 1 found %d rows, one page of 100 %d", len(joined), len(all.Rows))
			}
			for i, row := range all.Rows {
				if want := fmt.Sprint(row["report_id"], row["document_sha256"], row["pos"]); joined[i] != want {
					t.Errorf("row %d: page %d has %s, the page of 100 %s", i, i+1, joined[i], want)
				}
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
