package crawl

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"nianbao/data"
	"nianbao/ingest"
	"nianbao/ingest/extract"
)

// pipeDoc is a fetched body on its way to the store. Articles and attachments are
// converted and extracted; list pages, seeds and API replies get a documents row only
// (they are archived, not reports).
type pipeDoc struct {
	kind string
	doc  ingest.Doc
}

// pipeline converts and extracts fetched documents in parallel and stores them in
// batches, off the fetching path, so a slow pdftotext never holds a host's slot.
type pipeline struct {
	ing  *ingest.Ingester
	in   chan pipeDoc
	out  chan data.Item
	wg   sync.WaitGroup
	done chan struct{}

	mu         sync.Mutex
	err        error
	nStored    int
	duplicates int
	annual     int
	convErrs   map[string]int
}

func newPipeline(ctx context.Context, ing *ingest.Ingester, workers int) *pipeline {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	p := &pipeline{ing: ing, in: make(chan pipeDoc, 256), out: make(chan data.Item, 64), done: make(chan struct{}),
		convErrs: map[string]int{}}
	seen := &sync.Map{}
	for range workers {
		p.wg.Go(func() {
			for d := range p.in {
				p.process(ctx, d, seen)
			}
		})
	}
	go func() {
		p.wg.Wait()
		close(p.out)
	}()
	go p.save(ctx)
	return p
}

func (p *pipeline) add(d pipeDoc) { p.in <- d }

func (p *pipeline) process(ctx context.Context, d pipeDoc, seen *sync.Map) {
	sha := d.doc.Source.SHA256
	if _, dup := seen.LoadOrStore(sha, true); dup {
		p.count(func() { p.duplicates++ })
		return
	}
	has, err := p.ing.Store().Has(ctx, sha, extract.Version)
	if err != nil {
		p.setErr(fmt.Errorf("crawl: store: %w", err))
		return
	}
	if has {
		p.count(func() { p.duplicates++ })
		return
	}
	var item data.Item
	if d.kind == kindArticle || d.kind == kindAttachment {
		var kind string
		item, kind, err = p.ing.Item(ctx, d.doc)
		if err != nil {
			p.setErr(err)
			return
		}
		if kind != "" {
			p.count(func() { p.convErrs[kind]++ })
		}
	} else {
		src := d.doc.Source
		src.Size, src.Format = int64(len(d.doc.Bytes)), formatOf(d.doc.Bytes)
		item = data.Item{Source: src, Extractor: extract.Version}
	}
	p.out <- item
}

func formatOf(b []byte) string {
	if isBinary(b) {
		return ""
	}
	return data.FormatHTML
}

// save stores items in batches of up to 64, or whatever arrived within half a second.
func (p *pipeline) save(ctx context.Context) {
	defer close(p.done)
	var batch []data.Item
	flush := func() {
		if len(batch) == 0 {
			return
		}
		if err := p.ing.Store().SaveBatch(ctx, batch); err != nil {
			p.setErr(fmt.Errorf("crawl: store: %w", err))
		} else {
			p.count(func() {
				p.nStored += len(batch)
				for _, it := range batch {
					for _, r := range it.Reports {
						if r.IsAnnualReport {
							p.annual++
						}
					}
				}
			})
		}
		batch = batch[:0]
	}
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case it, ok := <-p.out:
			if !ok {
				flush()
				return
			}
			batch = append(batch, it)
			if len(batch) >= 64 {
				flush()
			}
		case <-tick.C:
			flush()
		}
	}
}

// close waits for every document handed in to be stored.
func (p *pipeline) close() error {
	close(p.in)
	<-p.done
	p.mu.Lock()
	defer p.mu.Unlock()
	if errors.Is(p.err, context.Canceled) {
		return nil // the run reports the cancellation
	}
	return p.err
}

func (p *pipeline) count(f func()) {
	p.mu.Lock()
	defer p.mu.Unlock()
	f()
}

func (p *pipeline) setErr(err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.err == nil {
		p.err = err
	}
}

func (p *pipeline) stored() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.nStored
}
