package analytics

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
)

// TextSource gives the text of a stored report (*duckdb.DB keeps it in report_texts).
type TextSource interface {
	Text(ctx context.Context, documentSHA256, reportID string) (string, error)
}

// TextFunc adapts a function to TextSource.
type TextFunc func(ctx context.Context, documentSHA256, reportID string) (string, error)

// Text implements TextSource.
func (f TextFunc) Text(ctx context.Context, sha, id string) (string, error) { return f(ctx, sha, id) }

// ErrNoText is what a TextSource returns for a report whose text it does not have (so is
// an error wrapping sql.ErrNoRows); such reports are skipped, not failed.
var ErrNoText = errors.New("analytics: no text for report")

// SimilarityOptions tune CopyPaste; zero fields take the defaults.
type SimilarityOptions struct {
	Permutations int     // MinHash signature length; default 128 (Jaccard ±0.09)
	Bands        int     // LSH bands for the same-year search; default 32 (rows = 4)
	Threshold    float64 // estimated Jaccard reported; default 0.5
	// A shingle in more than BoilerplateShare of the reports compared, and in at least
	// BoilerplateMin of them, is template text (the 2021 form's row labels, the 条例's
	// phrases) and is ignored: it says nothing about copying. Defaults 0.2 and 5.
	BoilerplateShare float64
	BoilerplateMin   int
	MaxPassages      int // evidence passages per pair; default 5
	MinPassage       int // shortest passage, in canonical runes; default 20
}

func (o SimilarityOptions) withDefaults() SimilarityOptions {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.Permutations, 128)
	def(&o.Bands, 32)
	def(&o.BoilerplateMin, 5)
	def(&o.MaxPassages, 5)
	def(&o.MinPassage, 20)
	if o.Threshold <= 0 {
		o.Threshold = 0.5
	}
	if o.BoilerplateShare <= 0 {
		o.BoilerplateShare = 0.2
	}
	if o.Bands > o.Permutations {
		o.Bands = o.Permutations
	}
	return o
}

// SimilarReport identifies one side of a similar pair.
type SimilarReport struct {
	Organ, RegionCode                    string
	Year                                 int
	ReportID, DocumentSHA256, SourcePath string
}

// Kinds of similar pairs.
const (
	SimilarPreviousYear = "previous_year" // the same organ's report of the year before
	SimilarSameYear     = "same_year"     // another organ's report of the same year
)

// Similarity is a pair of reports whose texts are alike beyond the template.
type Similarity struct {
	Kind     string
	A, B     SimilarReport // A is the later (previous_year) or the first by organ (same_year)
	Jaccard  float64       // MinHash estimate of the shingle-set Jaccard similarity
	Passages []string      // passages of A also found in B, longest first
}

type candidate struct {
	key string
	SimilarReport
	sig []uint64
}

// CopyPaste compares each annual report of p's years with the same organ's report of
// the year before and with the other organs' reports of the same year, and returns the
// pairs whose estimated Jaccard similarity reaches the threshold, most similar first.
// Texts are read twice (once to learn the boilerplate, once to sign), so memory holds
// signatures, not texts; same-year pairs are found by LSH banding, not by comparing all
// pairs.
func (a *Analytics) CopyPaste(ctx context.Context, texts TextSource, p Params, opt SimilarityOptions) ([]Similarity, error) {
	opt = opt.withDefaults()
	wide := p
	from, to := p.span()
	if f, ok := from.(int); ok {
		wide.Year, wide.From, wide.To = 0, f-1, 0
		if t, ok := to.(int); ok {
			wide.To = t
		}
	}
	args, err := wide.common()
	if err != nil {
		return nil, err
	}
	rows, err := a.q.QueryContext(ctx, a.query("similarity_candidates"), args...)
	if err != nil {
		return nil, fmt.Errorf("analytics: copy-paste: %w", err)
	}
	cands, err := scanAll(rows, func(rs *sql.Rows) (candidate, error) {
		var c candidate
		err := rs.Scan(&c.key, &c.Organ, &c.RegionCode, &c.Year, &c.ReportID, &c.DocumentSHA256, &c.SourcePath)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("analytics: copy-paste: %w", err)
	}

	// pass 1: document frequencies of shingles, in a count-min sketch of fixed size.
	sketch := newCountMin(1<<20, 4)
	var docs int
	for _, c := range cands {
		sh, err := shinglesOf(ctx, texts, c)
		if err != nil {
			return nil, err
		}
		if sh != nil {
			docs++
		}
		for _, h := range sh {
			sketch.add(h)
		}
	}
	limit := max(float64(opt.BoilerplateMin), opt.BoilerplateShare*float64(docs))
	boiler := func(h uint64) bool { return float64(sketch.count(h)) >= limit }

	// pass 2: signatures without the boilerplate.
	mh := NewMinHash(opt.Permutations)
	kept := cands[:0]
	for _, c := range cands {
		sh, err := shinglesOf(ctx, texts, c)
		if err != nil {
			return nil, err
		}
		sh = slices.DeleteFunc(sh, boiler)
		if c.sig = mh.Signature(sh); c.sig != nil {
			kept = append(kept, c)
		}
	}

	inSpan := func(y int) bool {
		f, fok := from.(int)
		t, tok := to.(int)
		return (!fok || y >= f) && (!tok || y <= t)
	}
	type pair struct{ i, j int }
	seen := map[pair]bool{}
	var found []Similarity
	consider := func(i, j int, kind string) {
		if seen[pair{i, j}] {
			return
		}
		seen[pair{i, j}] = true
		if jac := EstimateJaccard(kept[i].sig, kept[j].sig); jac >= opt.Threshold {
			found = append(found, Similarity{Kind: kind, A: kept[i].SimilarReport, B: kept[j].SimilarReport, Jaccard: jac})
		}
	}
	byOrganYear := map[string]int{}
	for i, c := range kept {
		byOrganYear[fmt.Sprint(c.key, "\x00", c.Year)] = i
	}
	for i, c := range kept {
		if !inSpan(c.Year) {
			continue
		}
		if j, ok := byOrganYear[fmt.Sprint(c.key, "\x00", c.Year-1)]; ok {
			consider(i, j, SimilarPreviousYear)
		}
	}
	rowsPerBand := opt.Permutations / opt.Bands
	for b := 0; b < opt.Bands; b++ {
		buckets := map[string][]int{}
		for i, c := range kept {
			if inSpan(c.Year) {
				band := c.sig[b*rowsPerBand : (b+1)*rowsPerBand]
				k := fmt.Sprint(c.Year, band)
				buckets[k] = append(buckets[k], i)
			}
		}
		for _, ids := range buckets {
			for x := 0; x < len(ids); x++ {
				for y := x + 1; y < len(ids); y++ {
					i, j := ids[x], ids[y]
					if kept[i].key == kept[j].key {
						continue
					}
					if kept[i].Organ > kept[j].Organ {
						i, j = j, i
					}
					consider(i, j, SimilarSameYear)
				}
			}
		}
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].Jaccard > found[j].Jaccard })
	// evidence: the shared passages, read from the texts of the pairs found only.
	for k := range found {
		ta, err := texts.Text(ctx, found[k].A.DocumentSHA256, found[k].A.ReportID)
		if err != nil {
			return nil, fmt.Errorf("analytics: copy-paste: text of %s: %w", found[k].A.ReportID, err)
		}
		tb, err := texts.Text(ctx, found[k].B.DocumentSHA256, found[k].B.ReportID)
		if err != nil {
			return nil, fmt.Errorf("analytics: copy-paste: text of %s: %w", found[k].B.ReportID, err)
		}
		found[k].Passages = passages(ta, tb, boiler, opt.MinPassage, opt.MaxPassages)
	}
	return found, nil
}

func shinglesOf(ctx context.Context, texts TextSource, c candidate) ([]uint64, error) {
	t, err := texts.Text(ctx, c.DocumentSHA256, c.ReportID)
	if errors.Is(err, ErrNoText) || errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("analytics: copy-paste: text of %s: %w", c.ReportID, err)
	}
	return Shingles(t), nil
}

// countMin is a count-min sketch: counts that never undercount, in fixed memory
// whatever the number of distinct shingles (tens of millions nationally).
type countMin struct {
	width uint64
	rows  [][]uint32
}

func newCountMin(width, depth int) *countMin {
	c := &countMin{width: uint64(width), rows: make([][]uint32, depth)}
	for i := range c.rows {
		c.rows[i] = make([]uint32, width)
	}
	return c
}

func (c *countMin) slot(h uint64, i int) uint64 {
	h ^= uint64(i+1) * 0x9e3779b97f4a7c15
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h % c.width
}

func (c *countMin) add(h uint64) {
	for i, r := range c.rows {
		r[c.slot(h, i)]++
	}
}

func (c *countMin) count(h uint64) uint32 {
	m := ^uint32(0)
	for i, r := range c.rows {
		m = min(m, r[c.slot(h, i)])
	}
	return m
}
