package extract

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"nianbao/data"
)

// corpusFiles lists the bundled prose-era documents (prose and seeds samples).
func corpusFiles(t testing.TB) []string {
	var files []string
	for _, dir := range []string{"prose", "seeds"} {
		m, err := filepath.Glob(filepath.Join("..", "..", "data", "sample", dir, "*.src"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	sort.Strings(files)
	if len(files) == 0 {
		t.Skip("no bundled documents")
	}
	return files
}

func loadDoc(t testing.TB, path string) *data.Document {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data.NewDocument(string(b), data.FormatText)
}

// proseOnly runs the prose reader alone, as Extract does for a prose-era report.
func proseOnly(doc *data.Document) data.Report {
	r := data.Report{Metrics: []data.Metric{}, Checks: []data.Check{}}
	extractProse(doc, &r)
	return r
}

// TestProseEvidenceIsSubstring: every value's evidence is an exact piece of the source,
// at the offset it claims.
func TestProseEvidenceIsSubstring(t *testing.T) {
	for _, f := range corpusFiles(t) {
		doc := loadDoc(t, f)
		r := proseOnly(doc)
		runes := []rune(doc.Text)
		for _, m := range r.Metrics {
			if m.Evidence == "" || !strings.Contains(doc.Text, m.Evidence) {
				t.Errorf("%s %s: evidence %q not in text", f, m.Key, m.Evidence)
				continue
			}
			n := len([]rune(m.Evidence))
			if m.Offset < 0 || m.Offset+n > len(runes) || string(runes[m.Offset:m.Offset+n]) != m.Evidence {
				t.Errorf("%s %s: offset %d does not point at the evidence", f, m.Key, m.Offset)
			}
			if m.Method != data.MethodProse || m.Value == nil {
				t.Errorf("%s %s: bad method/value %+v", f, m.Key, m)
			}
		}
	}
}

var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestProseGolden compares the prose figures of every bundled document with
// testdata/prose/<corpus>_<id>.golden.json (-update rewrites them), so any rule
// change that moves a value shows up in review.
func TestProseGolden(t *testing.T) {
	for _, f := range corpusFiles(t) {
		r := proseOnly(loadDoc(t, f))
		got, err := json.MarshalIndent(struct {
			Metrics []data.Metric `json:"metrics"`
			Checks  []data.Check  `json:"checks"`
		}{r.Metrics, r.Checks}, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(filepath.Dir(f)) + "_" + strings.TrimSuffix(filepath.Base(f), ".src") + ".golden.json"
		path := filepath.Join("testdata", "prose", name)
		if *updateGolden {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: %v (run with -update)", f, err)
			continue
		}
		if strings.TrimSpace(string(want)) != strings.TrimSpace(string(got)) {
			t.Errorf("%s: prose figures differ from %s:\n%s", f, path, got)
		}
	}
}
