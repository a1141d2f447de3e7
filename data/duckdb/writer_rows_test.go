package duckdb

import (
	"context"
	"fmt"
	"testing"

	"nianbao/data"
)

// factItems returns n documents of two reports each, with perReport facts a report cycling
// through sampleReport's: numbers, zeros, NULL values, empty and non-ASCII evidence, and
// an approximate value. Values, evidence and offsets differ from fact to fact, so a row
// written in the wrong place or with another's column shows.
func factItems(n, perReport int) []data.Item {
	base := sampleReport("x", "v1").Metrics
	items := make([]data.Item, n)
	for i := range items {
		var reps []data.Report
		for r := range 2 {
			rep := sampleReport(fmt.Sprintf("d%d-r%d", i, r), "v1")
			rep.Metrics = make([]data.Metric, perReport)
			for k := range rep.Metrics {
				m := base[k%len(base)]
				if m.Value != nil {
					m.Value = data.F(*m.Value + float64(i*1000+k))
				}
				if m.Evidence != "" {
					m.Evidence = fmt.Sprintf("%s·%d·%d", m.Evidence, i, k)
				}
				m.Offset = i*100_000 + r*10_000 + k
				rep.Metrics[k] = m
			}
			reps = append(reps, rep)
		}
		items[i] = data.Item{Source: sampleSource(fmt.Sprintf("sha%03d", i)), Reports: reps, Text: "text"}
	}
	return items
}

// wantFactRows is what factRowsQuery gives for items stored in a fresh database, in
// their order.
func wantFactRows(items []data.Item) []string {
	var rows []string
	for _, it := range items {
		for _, r := range it.Reports {
			for _, m := range r.Metrics {
				var v, ev any
				if m.Value != nil {
					v = *m.Value
				}
				if m.Evidence != "" {
					ev = m.Evidence
				}
				rows = append(rows, fmt.Sprint(r.ReportID, m.Key, v, ev, int32(m.Offset), m.Approx))
			}
		}
	}
	return rows
}

const factRowsQuery = `SELECT r.report_id, k.key, f.value, f.evidence, f."offset", f.approx
FROM fact_codes f
JOIN reports r ON r.doc_seq = f.doc_seq AND r.report_no = f.report_no
JOIN fact_kinds k ON k.code = f.kind
ORDER BY f.rowid`

// TestWriterFactRows: each fact a Writer or SaveBatch stores lands in its row, in the
// items' order, with its own values, NULLs included, whether it fits in one of the
// Appender's chunks (2,048 rows) or takes many, over one Write or several.
func TestWriterFactRows(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name         string
		docs, perRep int
		writes       int // the Writer gets the documents in this many Writes
	}{
		{name: "less than a chunk", docs: 3, perRep: 9, writes: 1},
		{name: "many chunks over several writes", docs: 180, perRep: 100, writes: 7}, // 36,000 facts
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			items := factItems(tc.docs, tc.perRep)
			want := wantFactRows(items)
			batched, written := openTest(t), openTest(t)
			if err := batched.SaveBatch(ctx, items); err != nil {
				t.Fatal(err)
			}
			w, err := written.NewWriter(ctx)
			if err != nil {
				t.Fatal(err)
			}
			per := (len(items) + tc.writes - 1) / tc.writes
			for lo := 0; lo < len(items); lo += per {
				if _, err := w.Write(ctx, items[lo:min(lo+per, len(items))]); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			for name, db := range map[string]*DB{"SaveBatch": batched, "Writer": written} {
				_, got := queryRows(t, db, factRowsQuery)
				if len(got) != len(want) {
					t.Errorf("%s: %d facts, want %d", name, len(got), len(want))
					continue
				}
				for i := range got {
					if got[i] != want[i] {
						t.Errorf("%s: fact %d = %s, want %s", name, i, got[i], want[i])
						break
					}
				}
				// Every document's facts carry its storage order.
				if n := count(t, db, `SELECT count(*) FROM fact_codes f JOIN documents d ON d.seq = f.doc_seq`); n != int64(len(want)) {
					t.Errorf("%s: %d facts with their document's order, want %d", name, n, len(want))
				}
			}
		})
	}
}
