package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"nianbao/data"
	"nianbao/ingest/convert"
	"nianbao/ingest/extract"
)

// The scoring rules of ../shared/tools/score, reimplemented so the benchmark can score a
// corpus of any size while streaming: the shared scorer holds every record and matches
// each label by a linear search, which is quadratic at 10⁵ reports.

// scoreAliases maps label field names that differ from METRICS.md keys (as the scorer).
var scoreAliases = map[string]string{
	"partially_granted": "partial", "denied_enforcement_files": "denied_enforcement_file",
	"denied_query_matters": "denied_query_matter", "unable_need_creation": "unable_needs_creation",
	"normative_docs_issued": "normative_issued", "normative_docs_repealed": "normative_repealed",
	"normative_docs_in_force": "normative_in_force", "penalties": "penalty_decisions", "coercion": "coercion_decisions",
	"requests_received": "requests_new", "requests_granted": "granted", "requests_partial": "partial",
	"requests_denied": "denied_total", "requests_not_exist": "unable_not_held", "requests_not_this_organ": "not_this_organ",
	"requests_unclear": "unclear", "requests_other": "other_total", "reconsideration": "reconsideration_total",
	"litigation": "litigation_total",
}

// scoreSkip are label fields that are not numeric metrics (as the scorer).
var scoreSkip = map[string]bool{
	"id": true, "organ": true, "year": true, "evidence": true, "notes": true, "note": true,
	"blank_cells": true, "source_inconsistencies": true, "key_areas_mentioned": true,
	"level": true, "template": true, "is_annual_report": true, "proactive_total_qualifier": true,
}

// Tally counts label outcomes.
type Tally struct{ Labeled, Correct, Wrong, Missing, Spurious int }

func (t *Tally) add(o Tally) {
	t.Labeled += o.Labeled
	t.Correct += o.Correct
	t.Wrong += o.Wrong
	t.Missing += o.Missing
	t.Spurious += o.Spurious
}

// Recall is correct / labelled values.
func (t Tally) Recall() float64 { return ratio(t.Correct, t.Labeled) }

// Precision is correct / (correct + wrong + spurious).
func (t Tally) Precision() float64 { return ratio(t.Correct, t.Correct+t.Wrong+t.Spurious) }

func ratio(a, b int) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

// Score is the result of scoring a corpus.
type Score struct {
	Overall    Tally
	ByKey      map[string]*Tally
	Docs       int
	Unlabelled int // records without a label line
	FlagRight  int // is_annual_report as labelled
	YearRight  int
	// Misses are the first misses, "dir/id key: what", for the report.
	Misses []string
}

// scorer accumulates a Score; safe for concurrent use.
type scorer struct {
	mu     sync.Mutex
	s      Score
	labels map[string][]byte // id → raw label line, for the directory being scored
}

func newScorer() *scorer { return &scorer{s: Score{ByKey: map[string]*Tally{}}} }

// loadLabels reads a directory's labels.jsonl, keeping the raw lines: parsing waits until
// the record arrives, so only one directory's bytes are held.
func (sc *scorer) loadLabels(dir string) error {
	f, err := os.Open(filepath.Join(dir, "labels.jsonl"))
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	defer f.Close()
	sc.labels = map[string][]byte{}
	in := bufio.NewScanner(f)
	in.Buffer(make([]byte, 1<<20), 16<<20)
	for in.Scan() {
		var head struct {
			ID string `json:"id"`
		}
		line := append([]byte(nil), in.Bytes()...)
		if err := json.Unmarshal(line, &head); err != nil || head.ID == "" {
			continue
		}
		sc.labels[head.ID] = line
	}
	if err := in.Err(); err != nil {
		return fmt.Errorf("bench: labels: %w", err)
	}
	return nil
}

// add scores one record (file path) against its label.
func (sc *scorer) add(path string, rep *data.Report) {
	id := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	raw, ok := sc.labels[id]
	if !ok {
		sc.mu.Lock()
		sc.s.Unlabelled++
		sc.mu.Unlock()
		return
	}
	var lab map[string]json.RawMessage
	if json.Unmarshal(raw, &lab) != nil {
		return
	}
	got := map[string]float64{}
	for _, m := range rep.Metrics {
		if m.Value == nil || (m.Scope != "" && m.Scope != data.ScopeWhole) {
			continue
		}
		if _, dup := got[m.Key]; !dup {
			got[m.Key] = *m.Value
		}
	}
	per := map[string]Tally{}
	var misses []string
	for field, rawv := range lab {
		if scoreSkip[field] {
			continue
		}
		key := field
		if a, ok := scoreAliases[field]; ok {
			key = a
		}
		s := strings.TrimSpace(string(rawv))
		var want float64
		isNull := s == "null"
		if !isNull && json.Unmarshal(rawv, &want) != nil {
			continue
		}
		v, found := got[key]
		var t Tally
		switch {
		case isNull && found:
			t.Spurious++
			misses = append(misses, fmt.Sprintf("%s %s: spurious %v", id, key, v))
		case isNull:
		case !found:
			t.Labeled, t.Missing = 1, 1
			misses = append(misses, fmt.Sprintf("%s %s: missing (want %v)", id, key, want))
		case math.Abs(v-want) <= 1e-6*math.Max(1, math.Abs(want)):
			t.Labeled, t.Correct = 1, 1
		default:
			t.Labeled, t.Wrong = 1, 1
			misses = append(misses, fmt.Sprintf("%s %s: got %v want %v", id, key, v, want))
		}
		per[key] = t
	}
	want := true
	if r, ok := lab["is_annual_report"]; ok {
		_ = json.Unmarshal(r, &want)
	}
	var year int
	_ = json.Unmarshal(lab["year"], &year)

	sc.mu.Lock()
	defer sc.mu.Unlock()
	sc.s.Docs++
	if rep.IsAnnualReport == want {
		sc.s.FlagRight++
	}
	if year == rep.Year {
		sc.s.YearRight++
	}
	for k, t := range per {
		sc.s.Overall.add(t)
		if sc.s.ByKey[k] == nil {
			sc.s.ByKey[k] = &Tally{}
		}
		sc.s.ByKey[k].add(t)
	}
	sort.Strings(misses)
	for _, m := range misses {
		if len(sc.s.Misses) < 50 {
			sc.s.Misses = append(sc.s.Misses, filepath.Base(filepath.Dir(path))+"/"+m)
		}
	}
}

// scoreCorpus extracts every document again and scores it against its directory's
// labels, one directory at a time.
func scoreCorpus(ctx context.Context, cfg Config, conv *convert.Converter) (*Score, error) {
	byDir := map[string][]string{}
	files, err := listFiles(cfg.Dirs)
	if err != nil {
		return nil, err
	}
	var dirs []string
	for _, f := range files {
		d := filepath.Dir(f)
		if byDir[d] == nil {
			dirs = append(dirs, d)
		}
		byDir[d] = append(byDir[d], f)
	}
	sc := newScorer()
	for _, d := range dirs {
		if err := sc.loadLabels(d); err != nil {
			return nil, err
		}
		_, _, err := parallelFiles(ctx, byDir[d], cfg.Workers, func(path string, b []byte) {
			rep := data.Report{}
			if doc, err := conv.Convert(ctx, path, "", b); err == nil {
				rep = extract.Extract(doc)
			}
			sc.add(path, &rep)
		})
		if err != nil {
			return nil, err
		}
	}
	s := sc.s
	return &s, nil
}
