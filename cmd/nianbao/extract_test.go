package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"nianbao/data"
)

// runExtract runs `nianbao extract --format jsonl` on paths and decodes its records.
func extractRecords(t *testing.T, paths ...string) []data.Report {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"extract", "--format", "jsonl"}, paths...), &out, &errb)
	if code != 0 {
		t.Fatalf("extract exited %d: %s", code, errb.String())
	}
	var recs []data.Report
	sc := bufio.NewScanner(&out)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var r data.Report
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("record %d: %v", len(recs)+1, err)
		}
		recs = append(recs, r)
	}
	if len(recs) != len(paths) {
		t.Fatalf("%d records for %d inputs", len(recs), len(paths))
	}
	for i, r := range recs {
		if r.SourcePath != paths[i] {
			t.Errorf("record %d is for %s, want %s (input order)", i, r.SourcePath, paths[i])
		}
	}
	return recs
}

// TestPDFMatchesText: the original PDF of t2019/010 goes through pdftotext and must give
// the values of the pdftotext rendering bundled beside it.
func TestPDFMatchesText(t *testing.T) {
	recs := extractRecords(t, "../../data/sample/t2019/010.src", "../../data/sample/t2019/010.pdf")
	txt, pdf := recs[0], recs[1]
	if len(txt.Metrics) < 150 {
		t.Fatalf("010.src gave %d metrics; the table was not read", len(txt.Metrics))
	}
	want := map[string]float64{}
	for _, m := range txt.Metrics {
		if m.Value != nil && m.Scope == data.ScopeWhole {
			want[m.Key] = *m.Value
		}
	}
	got := map[string]float64{}
	for _, m := range pdf.Metrics {
		if m.Value != nil && m.Scope == data.ScopeWhole {
			got[m.Key] = *m.Value
		}
	}
	for k, v := range want {
		if g, ok := got[k]; !ok || g != v {
			t.Errorf("%s: pdf %v (found %v), text %v", k, g, ok, v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("pdf gave %d values, text %d", len(got), len(want))
	}
	if pdf.Template != txt.Template || pdf.Year != txt.Year {
		t.Errorf("pdf template/year %s/%d, text %s/%d", pdf.Template, pdf.Year, txt.Template, txt.Year)
	}
}

// TestBadInputs: each bad input still yields its record, with a warning, and the inputs
// after it are read.
func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	pdf, err := os.ReadFile("../../data/sample/t2019/010.pdf")
	if err != nil {
		t.Fatal(err)
	}
	report, err := os.ReadFile("../../data/sample/t2019/002.src")
	if err != nil {
		t.Fatal(err)
	}
	gbkPage, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(`<html><head><meta charset="utf-8"><title>2019年政府信息公开工作年度报告</title></head><body><p>` + string(report) + `</p></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	big := bytes.Repeat([]byte("<p>政府信息公开工作，依法做好政务公开。</p>\n"), 50<<20/60)
	big = append([]byte("<html><body>"), append(big, []byte("</body></html>")...)...)
	good := "../../data/sample/t2019/004.src"
	tests := []struct {
		name   string
		path   string
		annual bool
		warn   string // in the warnings, lowercased
	}{
		{"binary file", write("image.png", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0, 1, 2, 250}, 1000)...)), false, "unsupported"},
		{"empty file", write("empty.html", nil), false, "empty"},
		{"truncated pdf", write("cut.pdf", pdf[:30000]), false, "pdf"},
		{"missing file", filepath.Join(dir, "nope.html"), false, "read"},
		{"50 MB html page", write("big.html", big), false, ""},
		{"gbk page declared utf-8", write("gbk.html", gbkPage), true, ""},
		{"a good report after the bad ones", good, true, ""},
	}
	paths := make([]string, len(tests))
	for i, tt := range tests {
		paths[i] = tt.path
	}
	recs := extractRecords(t, paths...)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := recs[i]
			if r.IsAnnualReport != tt.annual {
				t.Errorf("is_annual_report = %v, want %v (warnings %q)", r.IsAnnualReport, tt.annual, r.Warnings)
			}
			if tt.warn != "" && !strings.Contains(strings.ToLower(strings.Join(r.Warnings, " | ")), tt.warn) {
				t.Errorf("warnings %q lack %q", r.Warnings, tt.warn)
			}
			if !tt.annual && len(r.Warnings) == 0 {
				t.Errorf("a rejected input without a warning saying why")
			}
		})
	}
	// The GBK page declared UTF-8 is read right: its table gives the figures of 002.
	gbk := recs[5]
	if v, ok := gbk.Value("requests_new"); !ok || v != 23 {
		t.Errorf("gbk page requests_new = %v (%v), want 23", v, ok)
	}
	if v, ok := recs[6].Value("requests_new"); !ok || v != 70 {
		t.Errorf("the report after the bad inputs: requests_new = %v (%v), want 70", v, ok)
	}
}
