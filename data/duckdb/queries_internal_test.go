package duckdb

import (
	"strings"
	"testing"
)

// TestQueryFragments: fragments (_*.sql) are rendered into the queries that use them and
// are not queries themselves, and the queries sharing one read the same text.
func TestQueryFragments(t *testing.T) {
	q, err := loadQueries()
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range q {
		if strings.HasPrefix(name, "_") {
			t.Errorf("fragment file %s loaded as a query", name)
		}
		if strings.Contains(text, "{{") {
			t.Errorf("query %s left a template action unrendered", name)
		}
	}
	const cte = "evidence AS ("
	var shared []string
	for _, name := range []string{"failed_checks", "refresh_serving_problems"} {
		text := q[name]
		i := strings.Index(text, cte)
		if i < 0 {
			t.Fatalf("%s has no %q CTE", name, cte)
		}
		end := strings.Index(text[i:], "\n)")
		if end < 0 {
			t.Fatalf("%s: the evidence CTE does not end", name)
		}
		shared = append(shared, text[i:i+end])
	}
	if shared[0] != shared[1] {
		t.Errorf("the evidence CTEs differ:\n%s\n----\n%s", shared[0], shared[1])
	}
}
