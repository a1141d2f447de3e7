package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"nianbao/data"
	"nianbao/ingest/convert"
	"nianbao/ingest/extract"
)

// Store is where ingest saves documents; *duckdb.DB satisfies it.
type Store interface {
	// Has reports whether the document with this SHA-256 is stored, processed by this
	// extractor version.
	Has(ctx context.Context, sha, extractorVersion string) (bool, error)
	// SaveBatch stores documents and their reports, replacing earlier rows of the same
	// documents, all or nothing.
	SaveBatch(ctx context.Context, items []data.Item) error
}

// BulkStore is implemented by stores that can write a run's batches over few, long
// transactions (*duckdb.DB does): DuckDB writes large transactions' rows straight to the
// database file, compressed, where a batch of a thousand documents goes through its WAL
// and again through the checkpoint.
type BulkStore interface {
	BulkWriter(ctx context.Context) (data.BulkWriter, error)
}

// StoredLister is implemented by stores that can list, in one query, the documents Has
// would answer true for (*duckdb.DB does). Run then loads that set once, instead of
// asking Has for every file: per-file queries cost more than the extraction they skip.
type StoredLister interface {
	// StoredDocuments returns the SHA-256s of the documents stored and processed by this
	// extractor version.
	StoredDocuments(ctx context.Context, extractorVersion string) (map[[sha256.Size]byte]struct{}, error)
}

// DefaultReaders is how many files ingest reads at once unless Config.Readers says
// otherwise: reading 20,000 files of a 10⁶ corpus from disk, one reader read 7,286 a
// second, four 10,063, sixteen 9,712.
const DefaultReaders = 4

// Config tunes a run.
type Config struct {
	// Workers convert and extract in parallel; 0 means GOMAXPROCS.
	Workers int
	// BatchSize is the number of documents handed to the store at once; 0 means 1024. It
	// is a transaction of its own, unless the store is a BulkStore.
	BatchSize int
	// Readers read files ahead of the workers; 0 means DefaultReaders. A worker that
	// read its own files left its core idle while the disk answered.
	Readers int
	// ReadAhead bounds the bytes of the files read and not yet processed; 0 means 32 MiB.
	// A larger file is read when no other waits.
	ReadAhead int64
	// Progress receives a progress bar; nil means none. The caller decides whether it is
	// a terminal.
	Progress io.Writer
	// Log receives one line per document that failed; nil means no logging.
	Log *slog.Logger
	// BulkGC lets the Go heap grow to five times what is live while Run runs (GOGC 400
	// within a 384 MiB soft limit; see bulkGC), then restores the collector's settings.
	// They are the process's: leave it unset where Runs may overlap (crawl jobs in a
	// server), or where the user chose GOGC or GOMEMLIMIT.
	BulkGC bool
}

// Error kinds, the keys of Summary.Errors.
const (
	KindRead        = "read"
	KindEmpty       = "empty"
	KindTooLarge    = "too_large"
	KindUnsupported = "unsupported"
	KindCorrupt     = "corrupt"
	KindConvert     = "convert" // any other conversion error
	KindPanic       = "panic"   // the converter or extractor panicked on this document
)

// Ingester runs the pipeline.
type Ingester struct {
	cfg   Config
	conv  *convert.Converter
	store Store
	log   *slog.Logger
}

// New returns an Ingester that converts with conv and saves into store.
func New(cfg Config, conv *convert.Converter, store Store) *Ingester {
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 1024
	}
	if cfg.Readers <= 0 {
		cfg.Readers = DefaultReaders
	}
	if cfg.ReadAhead <= 0 {
		cfg.ReadAhead = 32 << 20
	}
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Ingester{cfg: cfg, conv: conv, store: store, log: log}
}

// Summary counts what a run did. Reports, facts, checks and warnings count what was saved.
type Summary struct {
	Files         int            // files seen
	Bytes         int64          // bytes read
	New           int            // documents stored by this run (including failed ones)
	Unchanged     int            // already stored for this extractor version: skipped
	Duplicates    int            // same bytes as another file of this run: skipped
	Reports       int            // reports saved
	AnnualReports int            // of which annual reports
	Facts         int            // facts saved
	FailedChecks  int            // consistency checks that failed
	Warnings      int            // extraction warnings
	Errors        map[string]int // failed files by kind (KindRead, KindEmpty, …)
	Elapsed       time.Duration
}

// Failed returns the number of files that failed, of any kind.
func (s Summary) Failed() int {
	n := 0
	for _, v := range s.Errors {
		n += v
	}
	return n
}

// Run ingests the files named by paths, walking directories recursively. In directories,
// hidden files and directories and *.jsonl and *.md files (corpus manifests, labels and
// READMEs) are skipped; every other file is tried and the converter rejects what it cannot
// read. Files named explicitly are always tried. Run returns early only when ctx is done
// or the store fails; the summary then counts what was saved.
func (ing *Ingester) Run(ctx context.Context, paths []string) (Summary, error) {
	start := time.Now()
	sum := Summary{Errors: map[string]int{}}
	files, err := collect(paths)
	if err != nil {
		return sum, err
	}
	if ing.cfg.BulkGC {
		defer bulkGC(files.len())()
	}

	var stored map[[sha256.Size]byte]struct{}
	if l, ok := ing.store.(StoredLister); ok && files.len() > 0 {
		if stored, err = l.StoredDocuments(ctx, extract.Version); err != nil {
			return sum, fmt.Errorf("ingest: %w", err)
		}
	}

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	budget := newBudget(ing.cfg.ReadAhead)
	defer context.AfterFunc(ctx, budget.wake)()
	jobs := ing.readAhead(ctx, files, budget)
	results := make(chan result, ing.cfg.Workers)
	seen := &shaSet{m: map[[sha256.Size]byte]struct{}{}}
	var wg sync.WaitGroup
	for range ing.cfg.Workers {
		wg.Go(func() {
			for f := range jobs {
				r := ing.process(ctx, f, seen, stored)
				budget.release(f.held)
				select {
				case results <- r:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	var bar *progressbar.ProgressBar
	if ing.cfg.Progress != nil {
		bar = progressbar.NewOptions64(int64(files.len()),
			progressbar.OptionSetWriter(ing.cfg.Progress),
			progressbar.OptionSetDescription("ingest"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("files"),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}

	// The saver: this goroutine alone writes to the store, a batch at a time, while the
	// collector below fills the next one, so the workers do not wait for a commit. A
	// store with a bulk writer gets the batches in long transactions (see BulkStore);
	// they count as saved once committed.
	batches := make(chan []data.Item, 1)
	var saved, pending Summary
	saverDone := make(chan struct{})
	go func() {
		defer close(saverDone)
		var bw data.BulkWriter
		for batch := range batches {
			if context.Cause(ctx) != nil {
				continue // drain
			}
			committed, err := ing.save(ctx, &bw, batch)
			if err != nil {
				cancel(fmt.Errorf("ingest: save: %w", err))
				continue
			}
			for _, it := range batch {
				pending.New++
				pending.add(it)
			}
			if committed {
				saved.merge(pending)
				pending = Summary{}
			}
		}
		if bw == nil {
			return
		}
		if context.Cause(ctx) != nil {
			bw.Abort() //nolint:errcheck // the run's error is the one to report
			return
		}
		if err := bw.Close(); err != nil {
			cancel(fmt.Errorf("ingest: save: %w", err))
			return
		}
		saved.merge(pending)
	}()

	batch := make([]data.Item, 0, ing.cfg.BatchSize)
	flush := func() {
		if len(batch) == 0 {
			return
		}
		batches <- batch
		batch = make([]data.Item, 0, ing.cfg.BatchSize)
	}
	// The collector: this goroutine alone touches batch and sum.
	for r := range results {
		if bar != nil {
			bar.Add(1) //nolint:errcheck // a progress bar write error is not the run's
		}
		if context.Cause(ctx) != nil {
			continue // drain
		}
		sum.Files++
		sum.Bytes += r.size
		switch {
		case r.fatal != nil:
			cancel(r.fatal)
			continue
		case r.unchanged:
			sum.Unchanged++
			continue
		case r.duplicate:
			sum.Duplicates++
			continue
		case r.errKind != "":
			sum.Errors[r.errKind]++
			ing.log.Warn("ingest: document failed", "path", r.path, "kind", r.errKind, "err", r.err)
			if r.item == nil {
				continue // nothing to store (unreadable file)
			}
		}
		batch = append(batch, *r.item)
		if len(batch) >= ing.cfg.BatchSize {
			flush()
		}
	}
	if context.Cause(ctx) == nil {
		flush()
	}
	close(batches)
	<-saverDone
	sum.New, sum.Reports, sum.AnnualReports = saved.New, saved.Reports, saved.AnnualReports
	sum.Facts, sum.FailedChecks, sum.Warnings = saved.Facts, saved.FailedChecks, saved.Warnings
	if bar != nil {
		bar.Finish() //nolint:errcheck // see above
	}
	sum.Elapsed = time.Since(start)
	// What the run allocated is garbage now. Returned to the OS, it no longer adds to the
	// peak of what the process does next: nianbao ingest then refreshes the serving
	// tables, whose peak at 10⁵ reports went from 1,219 to 1,007 MB.
	debug.FreeOSMemory()
	if err := context.Cause(ctx); err != nil {
		return sum, err
	}
	return sum, nil
}

func (s *Summary) add(it data.Item) {
	for _, r := range it.Reports {
		s.Reports++
		if r.IsAnnualReport {
			s.AnnualReports++
		}
		s.Facts += len(r.Metrics)
		s.Warnings += len(r.Warnings)
		for _, c := range r.Checks {
			if !c.OK {
				s.FailedChecks++
			}
		}
	}
}

// merge adds the saved counts of o.
func (s *Summary) merge(o Summary) {
	s.New += o.New
	s.Reports += o.Reports
	s.AnnualReports += o.AnnualReports
	s.Facts += o.Facts
	s.Warnings += o.Warnings
	s.FailedChecks += o.FailedChecks
}

// save writes one batch: through the store's bulk writer when it has one (opened on the
// first batch into *bw), else in a transaction of its own. committed says the batch is
// durable.
func (ing *Ingester) save(ctx context.Context, bw *data.BulkWriter, batch []data.Item) (committed bool, err error) {
	bs, ok := ing.store.(BulkStore)
	if !ok {
		return true, ing.store.SaveBatch(ctx, batch)
	}
	if *bw == nil {
		if *bw, err = bs.BulkWriter(ctx); err != nil {
			return false, err
		}
	}
	return (*bw).Write(ctx, batch)
}

type result struct {
	path      string
	size      int64
	item      *data.Item
	unchanged bool
	duplicate bool
	errKind   string
	err       error // why the document failed (errKind set)
	fatal     error // the run must stop
}

// shaSet remembers the documents this run has taken, so identical files are saved once.
// It keys by the raw digest: at 10⁶ documents, hex strings made it 130 MB, twice this.
type shaSet struct {
	mu sync.Mutex
	m  map[[sha256.Size]byte]struct{}
}

// add reports whether sha was new.
func (s *shaSet) add(sha [sha256.Size]byte) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.m[sha]; ok {
		return false
	}
	s.m[sha] = struct{}{}
	return true
}

// process identifies, converts and extracts one file.
// stored, if not nil, is the set of documents already stored for this extractor version
// (StoredLister); otherwise the store's Has is asked.
func (ing *Ingester) process(ctx context.Context, f file, seen *shaSet, stored map[[sha256.Size]byte]struct{}) (res result) {
	path, b := f.path, f.b
	res.path = path
	if f.err != nil {
		res.errKind, res.err = KindRead, fmt.Errorf("ingest: read: %w", f.err)
		return res
	}
	res.size = int64(len(b))
	h := sha256.Sum256(b)
	if !seen.add(h) {
		res.duplicate = true
		return res
	}
	sha := hex.EncodeToString(h[:])
	var (
		has bool
		err error
	)
	if stored != nil {
		_, has = stored[h]
	} else if has, err = ing.store.Has(ctx, sha, extract.Version); err != nil {
		res.fatal = fmt.Errorf("ingest: %w", err)
		return res
	}
	if has {
		res.unchanged = true
		return res
	}
	src := data.Source{SHA256: sha, Path: path, Size: res.size}
	item := &data.Item{Source: src, Extractor: extract.Version}
	res.item = item

	defer func() {
		if p := recover(); p != nil {
			res.errKind, res.err = KindPanic, fmt.Errorf("ingest: %s: panic: %v", path, p)
			item.Reports = nil
			item.Source.ErrorKind, item.Source.Error = res.errKind, res.err.Error()
		}
	}()
	doc, err := ing.conv.Convert(ctx, path, "", b)
	if err != nil {
		if ctx.Err() != nil {
			res.fatal = context.Cause(ctx)
			return res
		}
		res.errKind, res.err = errorKind(err), fmt.Errorf("ingest: convert: %w", err)
		item.Source.ErrorKind, item.Source.Error = res.errKind, err.Error()
		return res
	}
	item.Source.Format, item.Source.Charset = doc.Format, doc.Charset
	rep := extract.Extract(doc)
	rep.SourcePath = path
	item.Reports = []data.Report{rep}
	item.Text = doc.Text
	return res
}

func errorKind(err error) string {
	switch {
	case errors.Is(err, convert.ErrEmpty):
		return KindEmpty
	case errors.Is(err, convert.ErrTooLarge):
		return KindTooLarge
	case errors.Is(err, convert.ErrUnsupported):
		return KindUnsupported
	case errors.Is(err, convert.ErrCorrupt):
		return KindCorrupt
	}
	return KindConvert
}

// collect expands paths into the list of files to ingest, in walk (lexical) order.
func collect(paths []string) (*pathList, error) {
	files := &pathList{}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("ingest: %w", err)
		}
		if !fi.IsDir() {
			files.add(p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if path != p && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			// Regular files and symbolic links (followed when read; a dangling one is a
			// read error) are documents; directories are walked; the rest is skipped.
			if d.IsDir() || !(d.Type().IsRegular() || d.Type()&fs.ModeSymlink != 0) {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
					return nil
				}
			}
			if skipFile(name) {
				return nil
			}
			files.add(path)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("ingest: walk: %w", err)
		}
	}
	return files, nil
}

// skipFile reports whether a file found in a directory is corpus bookkeeping, not a
// document.
func skipFile(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jsonl", ".md":
		return true
	}
	return false
}
