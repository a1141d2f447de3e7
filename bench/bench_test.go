package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"nianbao/data/duckdb"
	"nianbao/ingest/convert"
	"nianbao/synth"
)

// The current extractor on a small synthetic corpus: this is the accuracy bar the corpus
// holds the extractor to. A failure lists the first misses.
func TestSyntheticScore(t *testing.T) {
	dir := t.TempDir()
	if _, err := synth.Generate(context.Background(), synth.Config{Reports: 300, Out: dir, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	s, err := scoreCorpus(context.Background(), Config{Dirs: []string{dir}, Workers: 2}, convert.New(convert.Config{}))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("recall %.4f precision %.4f labeled %d docs %d", s.Overall.Recall(), s.Overall.Precision(), s.Overall.Labeled, s.Docs)
	if s.Docs != 300 || s.FlagRight != 300 || s.YearRight != 300 {
		t.Errorf("docs %d, report flag right %d, year right %d; want 300", s.Docs, s.FlagRight, s.YearRight)
	}
	if s.Overall.Recall() < 0.99 || s.Overall.Precision() < 0.99 {
		t.Errorf("recall %.4f precision %.4f, want ≥ 0.99; documents with misses and their traps (manifest.jsonl):\n%s",
			s.Overall.Recall(), s.Overall.Precision(), missTraps(t, dir, s.Misses))
	}
}

// missTraps names, for each document with a miss, its rendering and the traps the
// generator put in it, so a failure says which pattern the extractor does not read.
func missTraps(t *testing.T, dir string, misses []string) string {
	b, err := os.ReadFile(filepath.Join(dir, "manifest.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	man := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		var m struct {
			ID, Rendering, Template string
			Traps                   []string
		}
		if json.Unmarshal([]byte(line), &m) == nil {
			man[m.ID] = fmt.Sprintf("%s %s %v", m.Rendering, m.Template, m.Traps)
		}
	}
	seen := map[string]bool{}
	var out []string
	for _, m := range misses {
		id, _, _ := strings.Cut(filepath.Base(m), " ")
		if !seen[id] {
			seen[id] = true
			out = append(out, fmt.Sprintf("  %s: %s (e.g. %s)", id, man[id], m))
		}
	}
	return strings.Join(out, "\n")
}

// The whole benchmark runs on a tiny corpus: every phase sees every file and the table
// names them all.
func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("DuckDB ingest")
	}
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	if _, err := synth.Generate(context.Background(), synth.Config{Reports: 40, Out: corpus, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "b.duckdb")
	res, err := Run(context.Background(), Config{Dirs: []string{corpus}, DBPath: db, Score: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Phases) != 8 {
		t.Fatalf("phases %d, want 8", len(res.Phases))
	}
	facts := map[string]string{} // phase → "facts N" of its note
	for _, p := range res.Phases {
		if p.Files != 40 {
			t.Errorf("%s: %d files, want 40", p.Name, p.Files)
		}
		// the database phases take long enough for any clock to see their CPU time
		if strings.HasPrefix(p.Name, "ingest") || strings.HasPrefix(p.Name, "refresh") || strings.HasPrefix(p.Name, "store") {
			if p.CPU <= 0 || p.Cores() <= 0 {
				t.Errorf("%s: CPU %v, %.2f cores", p.Name, p.CPU, p.Cores())
			}
		}
		if p.PeakRSS <= 0 || p.PeakRSS > res.PeakRSS {
			t.Errorf("%s: peak RSS %d, the run's %d: the run's must cover every phase's", p.Name, p.PeakRSS, res.PeakRSS)
		}
		if i := strings.Index(p.Note, "facts "); i >= 0 {
			facts[strings.Fields(p.Name)[0]] = strings.TrimRight(strings.Fields(p.Note[i:])[1], ";,")
		}
	}
	// the store phase writes what the ingest does
	if facts["store"] == "" || facts["store"] != facts["ingest"] {
		t.Errorf("facts written: store only %q, ingest %q; want the same, not none", facts["store"], facts["ingest"])
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".bench-store-*")); len(left) > 0 {
		t.Errorf("the store phase left %v behind", left)
	}
	if res.DBBytes == 0 || res.Score == nil || res.Score.Docs != 40 {
		t.Errorf("db %d bytes, score %+v", res.DBBytes, res.Score)
	}
	var out bytes.Buffer
	res.WriteTable(&out, "test")
	for _, want := range []string{"CPU µs/f", "cores", "read files", "html tokenizer", "extract only", "store only", "tokenizer/store-only", "ingest", "refresh serving tables", "skip path", "re-extract", "ingest + refresh", "database size", "score: recall", "not measured"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, out.String())
		}
	}
	if _, err := Run(context.Background(), Config{Dirs: []string{corpus}, DBPath: db}); err == nil {
		t.Error("Run over an existing database: no error")
	}
	if _, err := os.Stat(db); err != nil {
		t.Error(err)
	}
}

// TestRunPhases: a run of some phases runs those alone, in their order, and a later run
// may reuse the database a run built (ingest now, refresh later), but not ingest into it.
func TestRunPhases(t *testing.T) {
	if testing.Short() {
		t.Skip("DuckDB ingest")
	}
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	if _, err := synth.Generate(context.Background(), synth.Config{Reports: 20, Out: corpus, Seed: 2}); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "b.duckdb")
	tests := []struct {
		name    string
		phases  []string
		want    []string // phase name prefixes, in order
		wantErr string
	}{
		{"ingest alone", []string{PhaseIngest}, []string{"ingest"}, ""},
		{"store alone, beside the kept database", []string{PhaseStore}, []string{"store only"}, ""},
		{"read before the tokenizer", []string{PhaseTokenizer, PhaseRead}, []string{"read files", "html tokenizer"}, ""},
		{"refresh and skip on the kept database", []string{PhaseSkip, PhaseRefresh}, []string{"refresh", "re-ingest"}, ""},
		{"re-extract alone", []string{PhaseReextract}, []string{"re-extract"}, ""},
		{"re-extract, refreshed before the API", []string{PhaseAPI, PhaseReextract}, []string{"re-extract", "refresh after re-extract"}, ""},
		{"ingest into an existing database", []string{PhaseIngest}, nil, "exists"},
		{"unknown phase", []string{"warp"}, nil, "no phase"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// The API hook notes when the serving tables it would measure were built.
			var servedAt time.Time
			api := func(ctx context.Context, path string) ([]Latency, error) {
				d, err := duckdb.OpenReadOnly(ctx, path)
				if err != nil {
					return nil, err
				}
				defer d.Close()
				st, err := d.Serving(ctx)
				servedAt = st.RefreshedAt
				return nil, err
			}
			start := time.Now()
			res, err := Run(context.Background(), Config{Dirs: []string{corpus}, DBPath: db, Phases: tc.phases, API: api})
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err %v, want one saying %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range res.Phases {
				got = append(got, p.Name)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("phases %q, want %q", got, tc.want)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tc.want[i]) {
					t.Errorf("phase %d is %q, want %q…", i, got[i], tc.want[i])
				}
			}
			// After a re-extraction the rows moved: the API is measured on tables
			// refreshed since, not on the ones an earlier case built.
			if slices.Contains(tc.phases, PhaseAPI) && slices.Contains(tc.phases, PhaseReextract) && !servedAt.After(start) {
				t.Errorf("API measured on serving tables refreshed at %v, before the run began (%v)", servedAt, start)
			}
		})
	}
}

func TestPhaseUsage(t *testing.T) {
	tests := []struct {
		name    string
		p       Phase
		perFile float64
		cores   float64
	}{
		{"two cores busy", Phase{Files: 1000, Elapsed: time.Second, CPU: 2 * time.Second}, 2000, 2},
		{"half a core", Phase{Files: 4, Elapsed: 2 * time.Second, CPU: time.Second}, 250000, 0.5},
		{"no files, no time", Phase{}, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.p.CPUPerFile(); got != tc.perFile {
				t.Errorf("CPUPerFile %v, want %v", got, tc.perFile)
			}
			if got := tc.p.Cores(); got != tc.cores {
				t.Errorf("Cores %v, want %v", got, tc.cores)
			}
		})
	}
}

// TestRunPeak: the run's peak is the largest of its phases' and of what was read since
// the last phase reset the kernel's mark, wherever the largest lies.
func TestRunPeak(t *testing.T) {
	phases := func(peaks ...int64) []Phase {
		out := make([]Phase, len(peaks))
		for i, p := range peaks {
			out[i].PeakRSS = p
		}
		return out
	}
	tests := []struct {
		name       string
		phases     []Phase
		sinceReset int64
		want       int64
	}{
		{"an earlier phase", phases(400, 926, 794), 894, 926},
		{"since the last reset", phases(1183, 1272), 1423, 1423},
		{"the first phase", phases(2000, 10, 20), 30, 2000},
		{"no phases", nil, 55, 55},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := runPeak(tc.phases, tc.sinceReset); got != tc.want {
				t.Errorf("runPeak = %d, want %d", got, tc.want)
			}
		})
	}
}
