package ingest

import (
	"fmt"
	"io"
	"sort"
	"text/tabwriter"
)

// WriteTable writes the summary as a two-column table, for people.
func (s Summary) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	secs := s.Elapsed.Seconds()
	rate := func(n int) string {
		if secs <= 0 {
			return ""
		}
		return fmt.Sprintf("%.0f/s", float64(n)/secs)
	}
	rows := []struct {
		name  string
		value any
		note  string
	}{
		{"files seen", s.Files, rate(s.Files)},
		{"bytes read", s.Bytes, fmt.Sprintf("%.1f MB/s", float64(s.Bytes)/1e6/max(secs, 1e-9))},
		{"new documents", s.New, ""},
		{"unchanged (skipped)", s.Unchanged, ""},
		{"duplicates (skipped)", s.Duplicates, ""},
		{"reports", s.Reports, rate(s.Reports)},
		{"annual reports", s.AnnualReports, ""},
		{"facts", s.Facts, ""},
		{"failed checks", s.FailedChecks, ""},
		{"warnings", s.Warnings, ""},
		{"failed files", s.Failed(), ""},
	}
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%v\t%s\t\n", r.name, r.value, r.note)
	}
	kinds := make([]string, 0, len(s.Errors))
	for k := range s.Errors {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		fmt.Fprintf(tw, "  %s\t%d\t\t\n", k, s.Errors[k])
	}
	fmt.Fprintf(tw, "elapsed\t%s\t\t\n", s.Elapsed.Round(10_000_000))
	return tw.Flush()
}
