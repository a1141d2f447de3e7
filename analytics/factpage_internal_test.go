package analytics

import (
	"strings"
	"testing"
)

// TestIndexedTexts: facts_served.sql reads its page's texts through the index when the
// page's documents are a list of at most indexedTextsMax numbers, formatted anew; any
// other list leaves the query as it is (DuckDB scans within the documents' range).
func TestIndexedTexts(t *testing.T) {
	queries, err := loadQueries()
	if err != nil {
		t.Fatal(err)
	}
	q := queries["facts_served"]
	if strings.Count(q, servedTexts) != 1 || strings.Count(q, servedTextsFilter) != 1 {
		t.Fatalf("facts_served.sql no longer has the texts CTE indexedTexts rewrites:\n%s", q)
	}
	long := "[" + strings.Repeat("7, ", indexedTextsMax) + "7]"
	tests := []struct {
		name string
		list any
		want string // the CTE's filter; "": the query unchanged
	}{
		{"a page's documents", "[12, 12, 40]", "WHERE doc_seq IN (12, 12, 40)"},
		{"one document, no spaces", "[5]", "WHERE doc_seq IN (5)"},
		{"no documents", "[]", ""},
		{"more than the index serves", long, ""},
		{"not numbers", "[1, 2); DROP TABLE reports; --]", ""},
		{"not a list", "12, 40", ""},
		{"NULL", nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := indexedTexts(q, tc.list)
			if tc.want == "" {
				if got != q {
					t.Errorf("indexedTexts(%.40v) changed the query", tc.list)
				}
				return
			}
			if !strings.Contains(got, "texts AS MATERIALIZED (") || !strings.Contains(got, tc.want) || strings.Contains(got, servedTextsFilter) {
				t.Errorf("indexedTexts(%v): the texts CTE is not MATERIALIZED with %q:\n%s", tc.list, tc.want, got)
			}
			if strings.Count(got, "$10") != strings.Count(q, "$10")-strings.Count(servedTextsFilter, "$10") {
				t.Errorf("indexedTexts(%v) replaced more than the texts' filter", tc.list)
			}
		})
	}
}
