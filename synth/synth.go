// Package synth generates a synthetic corpus of government information disclosure annual
// reports with ground truth, in the corpus format of ../shared/corpus (NNNNNN.src,
// labels.jsonl, manifest.jsonl), for accuracy scoring and benchmarks at scales no hand-
// labelled corpus reaches. It imports only data (for the region table).
package synth

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// Config says what to generate. The same Config gives the same bytes.
type Config struct {
	Reports int    // number of reports
	Out     string // output directory (created)
	Seed    uint64
	// Organs is the size of the organ pool; 0 means max(3000, Reports/12), so an organ
	// has at most one report a year even at a million reports.
	Organs int
	// ShardSize is the most reports per directory; a corpus larger than that is split
	// into subdirectories 000, 001, … each with its own labels.jsonl and manifest.jsonl
	// (the scorer matches records by base name within a directory). 0 means 10000.
	ShardSize int
	// Workers generate in parallel; 0 means GOMAXPROCS. Output does not depend on it.
	Workers int
}

// Stats counts what Generate wrote.
type Stats struct {
	Reports  int
	Bytes    int64
	Dirs     []string // the directories holding documents, labels and manifests
	ByFormat map[string]int
}

// doc is one generated report.
type doc struct {
	id       string
	body     []byte
	label    []byte
	manifest []byte
	format   string
}

// Generate writes the corpus. Documents are generated in parallel and written in order,
// a batch at a time, so memory stays flat whatever Reports is.
func Generate(ctx context.Context, cfg Config) (Stats, error) {
	if cfg.Reports <= 0 {
		return Stats{}, fmt.Errorf("synth: reports must be positive")
	}
	if cfg.ShardSize <= 0 {
		cfg.ShardSize = 10000
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	if cfg.Organs <= 0 {
		cfg.Organs = max(3000, cfg.Reports/12+1)
	}
	plan := newPlan(cfg)
	st := Stats{ByFormat: map[string]int{}}
	var sh *shard
	defer func() {
		if sh != nil {
			sh.close()
		}
	}()
	const batch = 512
	docs := make([]doc, batch)
	for start := 0; start < cfg.Reports; start += batch {
		if err := ctx.Err(); err != nil {
			return st, fmt.Errorf("synth: %w", err)
		}
		n := min(batch, cfg.Reports-start)
		var wg sync.WaitGroup
		per := (n + cfg.Workers - 1) / cfg.Workers
		for w := 0; w < n; w += per {
			wg.Go(func() {
				for i := w; i < min(w+per, n); i++ {
					docs[i] = plan.generate(start + i)
				}
			})
		}
		wg.Wait()
		for i := range n {
			k := start + i
			if sh == nil || k/cfg.ShardSize != sh.index {
				if sh != nil {
					if err := sh.close(); err != nil {
						return st, err
					}
				}
				dir := cfg.Out
				if cfg.Reports > cfg.ShardSize {
					dir = filepath.Join(cfg.Out, fmt.Sprintf("%03d", k/cfg.ShardSize))
				}
				var err error
				if sh, err = openShard(dir, k/cfg.ShardSize); err != nil {
					return st, err
				}
				st.Dirs = append(st.Dirs, dir)
			}
			if err := sh.write(docs[i]); err != nil {
				return st, err
			}
			st.Reports++
			st.Bytes += int64(len(docs[i].body))
			st.ByFormat[docs[i].format]++
			docs[i] = doc{}
		}
	}
	err := sh.close()
	sh = nil
	return st, err
}

// shard is one output directory being written.
type shard struct {
	index       int
	dir         string
	lf, mf      *os.File
	labels, man *bufio.Writer
}

func openShard(dir string, index int) (*shard, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	lf, err := os.Create(filepath.Join(dir, "labels.jsonl"))
	if err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	mf, err := os.Create(filepath.Join(dir, "manifest.jsonl"))
	if err != nil {
		lf.Close()
		return nil, fmt.Errorf("synth: %w", err)
	}
	return &shard{index: index, dir: dir, lf: lf, mf: mf, labels: bufio.NewWriterSize(lf, 1<<16), man: bufio.NewWriterSize(mf, 1<<16)}, nil
}

func (s *shard) write(d doc) error {
	if err := os.WriteFile(filepath.Join(s.dir, d.id+".src"), d.body, 0o644); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	if _, err := s.labels.Write(d.label); err != nil {
		return fmt.Errorf("synth: labels: %w", err)
	}
	if _, err := s.man.Write(d.manifest); err != nil {
		return fmt.Errorf("synth: manifest: %w", err)
	}
	return nil
}

// close flushes and closes the shard's files; it is safe to call twice.
func (s *shard) close() error {
	if s == nil || s.lf == nil {
		return nil
	}
	var first error
	for _, err := range []error{s.labels.Flush(), s.man.Flush(), s.lf.Close(), s.mf.Close()} {
		if err != nil && first == nil {
			first = fmt.Errorf("synth: %w", err)
		}
	}
	s.lf, s.mf = nil, nil
	return first
}

// plan is the corpus-wide part: the organs and which (organ, year) each report is.
type plan struct {
	cfg    Config
	organs []Organ
	pairs  []uint32 // organ index * 32 + (year - 2008), shuffled
	idFmt  string
}

const firstYear, lastYear = 2008, 2024

func newPlan(cfg Config) *plan {
	r := rand.New(rand.NewPCG(cfg.Seed, 0x5eed))
	p := &plan{cfg: cfg, organs: buildOrgans(r, cfg.Organs), idFmt: "%06d"}
	if cfg.Reports > 999999 {
		p.idFmt = "%07d"
	}
	for i, o := range p.organs {
		for y := o.FirstYear; y <= lastYear; y++ {
			p.pairs = append(p.pairs, uint32(i)*32+uint32(y-firstYear))
		}
	}
	r.Shuffle(len(p.pairs), func(i, j int) { p.pairs[i], p.pairs[j] = p.pairs[j], p.pairs[i] })
	return p
}

// generate builds report k from its own random stream, so reports can be made in any
// order by any number of workers and still come out the same.
func (p *plan) generate(k int) doc {
	r := rand.New(rand.NewPCG(p.cfg.Seed, uint64(k)+1))
	pair := p.pairs[k%len(p.pairs)]
	o := p.organs[pair/32]
	year := firstYear + int(pair%32)
	return buildDoc(r, fmt.Sprintf(p.idFmt, k), o, year)
}
