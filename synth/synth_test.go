package synth

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func generate(t *testing.T, cfg Config) string {
	t.Helper()
	cfg.Out = t.TempDir()
	if _, err := Generate(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	return cfg.Out
}

// readTree returns every file under dir by relative path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The same seed gives the same bytes whatever the number of workers; another seed does not.
func TestDeterministic(t *testing.T) {
	a := readTree(t, generate(t, Config{Reports: 300, Seed: 42, Workers: 1}))
	b := readTree(t, generate(t, Config{Reports: 300, Seed: 42, Workers: 3}))
	if len(a) != 302 || len(a) != len(b) {
		t.Fatalf("files: %d and %d, want 302", len(a), len(b))
	}
	for name, x := range a {
		if !bytes.Equal(x, b[name]) {
			t.Fatalf("%s differs between runs with the same seed", name)
		}
	}
	c := readTree(t, generate(t, Config{Reports: 300, Seed: 43, Workers: 1}))
	if bytes.Equal(a["labels.jsonl"], c["labels.jsonl"]) {
		t.Fatal("seeds 42 and 43 gave the same labels")
	}
}

func readJSONL(t *testing.T, path string) []map[string]any {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []map[string]any
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		m := map[string]any{}
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, m)
	}
	return out
}

// Every document has one label and one manifest line that agree on identity, and labels
// hold numbers or null for metric keys.
func TestLabelsManifestConsistent(t *testing.T) {
	dir := generate(t, Config{Reports: 500, Seed: 5})
	labels := readJSONL(t, filepath.Join(dir, "labels.jsonl"))
	man := readJSONL(t, filepath.Join(dir, "manifest.jsonl"))
	if len(labels) != 500 || len(man) != 500 {
		t.Fatalf("labels %d manifest %d, want 500", len(labels), len(man))
	}
	formats := map[string]int{}
	for i, l := range labels {
		m := man[i]
		id := l["id"].(string)
		if m["id"] != id || m["organ"] != l["organ"] || m["year"] != l["year"] || m["template"] != l["template"] {
			t.Fatalf("line %d: label %v / manifest %v disagree", i, l["id"], m["id"])
		}
		if _, err := os.Stat(filepath.Join(dir, id+".src")); err != nil {
			t.Fatal(err)
		}
		year := int(l["year"].(float64))
		tpl := l["template"].(string)
		if (year < 2019) != (tpl == "prose") {
			t.Errorf("%s: year %d with template %s", id, year, tpl)
		}
		if len(m["region_code"].(string)) != 6 || m["level"] == "" {
			t.Errorf("%s: manifest %v", id, m)
		}
		for k, v := range l {
			switch k {
			case "id", "organ", "year", "template", "is_annual_report", "source_inconsistencies", "unscored_uncertain", "notes":
				continue
			}
			if _, ok := v.(float64); !ok && v != nil {
				t.Errorf("%s: %s = %v", id, k, v)
			}
		}
		formats[m["rendering"].(string)+"/"+m["charset"].(string)]++
	}
	for _, f := range []string{"html/utf-8", "html/gbk", "pdftext/utf-8", "crawler/utf-8", "text/utf-8"} {
		if formats[f] == 0 {
			t.Errorf("no %s documents in %v", f, formats)
		}
	}
}

// GBK documents are GBK bytes (not UTF-8) that decode to the report.
func TestGBKDecodes(t *testing.T) {
	dir := generate(t, Config{Reports: 300, Seed: 9})
	n := 0
	for _, m := range readJSONL(t, filepath.Join(dir, "manifest.jsonl")) {
		if m["charset"] != "gbk" {
			continue
		}
		n++
		b, err := os.ReadFile(filepath.Join(dir, m["id"].(string)+".src"))
		if err != nil {
			t.Fatal(err)
		}
		if utf8.Valid(b) {
			t.Errorf("%s: GBK document is valid UTF-8", m["id"])
		}
		s, err := simplifiedchinese.GBK.NewDecoder().Bytes(b)
		if err != nil {
			t.Fatalf("%s: %v", m["id"], err)
		}
		if !strings.Contains(string(s), m["organ"].(string)) || !strings.Contains(string(s), "政府信息公开") {
			t.Errorf("%s: decoded text lacks the organ or the title", m["id"])
		}
	}
	if n == 0 {
		t.Fatal("no GBK documents")
	}
}

// Run-together rows are labelled only where one reading exists (t2019/002's rows).
func TestSettled(t *testing.T) {
	sum := func(c []float64) bool { return c[0]+c[1]+c[2]+c[3]+c[4]+c[5] == c[6] }
	cases := []struct {
		row  string
		want []float64
		ok   bool
	}{
		{"230 000023", []float64{23, 0, 0, 0, 0, 0, 23}, true},
		{"7000007", []float64{7, 0, 0, 0, 0, 0, 7}, true},
		{"0 0 0 0 0 00", []float64{0, 0, 0, 0, 0, 0, 0}, true},
		{"1111115", []float64{1, 1, 1, 1, 1, 1, 6}, false},     // no reading adds up
		{"110000011", []float64{11, 0, 0, 0, 0, 0, 11}, false}, // 11+0 or 1+10
		{"230000023", []float64{23, 0, 0, 0, 0, 0, 23}, true},
	}
	for _, c := range cases {
		if got := settled(c.row, c.want, sum); got != c.ok {
			t.Errorf("settled(%q) = %v, want %v", c.row, got, c.ok)
		}
	}
	if settled("898989", []float64{89, 89, 89}, nil) {
		t.Error("898989 as three cells has several readings")
	}
	if !settled("000", []float64{0, 0, 0}, nil) {
		t.Error("000 as three cells has one reading")
	}
}
