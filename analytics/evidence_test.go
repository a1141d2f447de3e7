package analytics_test

import (
	"context"
	"strconv"
	"testing"

	"nianbao/analytics"
)

// TestFactsEvidence: on the real reports of data/sample, whose evidence the writer stores
// as a byte range wherever it is the report's text at the fact's offset (migrations 014,
// 015), every way of reading the facts view (served by report, a page of a year across
// reports, by key, the unfiltered first page, the whole view) gives each fact the
// evidence the extractor cut: its report's text at its offset, never NULL where it had
// some.
func TestFactsEvidence(t *testing.T) {
	_, db := sampleDB(t)
	a, err := analytics.New(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st := readSQL(t, db, `SELECT count(*) FILTER (WHERE evidence_at IS NOT NULL AND evidence_bytes IS NOT NULL),
		count(*) FILTER (WHERE evidence IS NOT NULL), count(*) FROM fact_codes`)
	spans, whole, all := atoi(t, st[0][0]), atoi(t, st[0][1]), atoi(t, st[0][2])
	if spans < all*9/10 || whole > 0 {
		t.Fatalf("of %d facts %d are stored as byte ranges and %d whole: the extractor's evidence is the text's", all, spans, whole)
	}
	texts := map[string][]rune{}
	for _, r := range readSQL(t, db, "SELECT report_id, text FROM report_texts") {
		texts[r[0]] = []rune(r[1])
	}
	pick := readSQL(t, db, "SELECT report_id, year FROM serving_fact_index WHERE n_facts > 20 AND year IS NOT NULL ORDER BY first_rowid LIMIT 1 OFFSET 3")
	if len(pick) != 1 {
		t.Fatal("no report with facts")
	}
	year := atoi(t, pick[0][1])
	tests := []struct {
		name string
		p    analytics.Params
	}{
		{"by report", analytics.Params{ReportID: pick[0][0]}},
		{"a page of a year across reports", analytics.Params{Year: year, Limit: 200, Offset: 30}},
		{"by key", analytics.Params{Key: "requests_new", Limit: 50, Offset: 3}},
		{"unfiltered first page", analytics.Params{Limit: 100}},
		{"the whole view", analytics.Params{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := a.Open(ctx, analytics.ViewFacts, tc.p)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			col := map[string]int{}
			for i, name := range c.Columns() {
				col[name] = i
			}
			rows, missing := 0, 0
			for c.Next() {
				v := c.Values()
				rows++
				id, _ := v[col["report_id"]].(string)
				ev, ok := v[col["evidence"]].(string)
				if !ok {
					missing++
					continue
				}
				off, _ := v[col["offset"]].(int32)
				text, e := texts[id], []rune(ev)
				if int(off)+len(e) > len(text) || string(text[off:int(off)+len(e)]) != ev {
					t.Errorf("%s fact %d: evidence %q is not its text at %d", id, rows, ev, off)
				}
			}
			if err := c.Err(); err != nil {
				t.Fatal(err)
			}
			if rows == 0 || missing > rows/20 {
				t.Errorf("%d rows, %d without evidence", rows, missing)
			}
		})
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
