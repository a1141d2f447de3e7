package duckdb

import (
	"context"
	"database/sql/driver"
	"sync"
)

// orders gives out the documents' storage orders (doc_seq). Each transaction used to read
// max(seq) as it began, so two Writers open at once numbered their documents alike, and
// facts, which find their report by (doc_seq, report_no), could join another document's.
// The last order is read once per process (DuckDB lets one process write a file) and
// never goes back: a batch rolled back leaves a gap, which nothing minds, and a document
// replaced gets a new order, after every other.
type orders struct {
	mu     sync.Mutex
	loaded bool
	last   int64
}

// reserve returns the order before n new ones, which are the caller's alone; query reads
// the last order stored (max_doc_seq.sql) through c the first time.
func (o *orders) reserve(ctx context.Context, c driver.QueryerContext, query string, n int) (int64, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if !o.loaded {
		last, err := queryInt(ctx, c, query)
		if err != nil {
			return 0, err
		}
		o.last, o.loaded = last, true
	}
	before := o.last
	o.last += int64(n)
	return before, nil
}
