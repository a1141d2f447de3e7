package analytics

import (
	"context"
	"database/sql"
	"fmt"
)

// The rows one query of a whole view reads. DuckDB's Go driver builds a query's whole
// result before handing over its first row, so a view read in one query holds all of it:
// every fact of 10⁵ reports took 9.6 GB as CSV. Read in chunks of these sizes, a view
// holds one chunk at a time, whatever its length.
const (
	chunkFacts = 1 << 18 // rowids of fact_codes: 20 columns, a few hundred bytes a row
	chunkRows  = 1 << 16 // rows of a serving table: up to 200 columns
)

// chunks returns the queries that read view v under p, unpaged, chunk by chunk, in the
// view's order, or nil where v is read in one query (small views, and filters without a
// cheap way to start a chunk in the middle). Facts without a filter, or filtered by key
// alone, are read in rowid ranges; facts filtered by report are read a page of
// facts_served.sql at a time, which reads only the page's reports; a view held whole by
// a serving table is read a seq range at a time (servingPage).
func (a *Analytics) chunks(v View, p Params) chunkSource {
	if p.Limit != 0 || p.Offset != 0 || v == ViewDictionary {
		return nil
	}
	switch {
	case v == ViewFacts && p.unfiltered():
		return &rowidChunks{a: a, step: a.chunkFacts}
	case p.factsKeyOnly(v):
		return &rowidChunks{a: a, step: a.chunkFacts, key: p.Key}
	case p.servedQuery(v) == "facts_served":
		return &pageChunks{a: a, v: v, p: p, size: a.chunkFacts}
	case p.servingTable(v) != "":
		return &pageChunks{a: a, v: v, p: p, size: a.chunkRows}
	}
	return nil
}

// chunkSource opens the next chunk of a view; done says there is none. rows is the
// number of rows the previous chunk returned.
type chunkSource interface {
	next(ctx context.Context, rows int64) (r *sql.Rows, done bool, err error)
}

// pageChunks reads a view as consecutive pages of size rows; a page short of size is the
// last.
type pageChunks struct {
	a      *Analytics
	v      View
	p      Params
	size   int
	opened bool
}

func (c *pageChunks) next(ctx context.Context, rows int64) (*sql.Rows, bool, error) {
	if c.opened {
		if rows < int64(c.size) {
			return nil, true, nil
		}
		c.p.Offset += c.size
	}
	c.opened = true // the first page is read even when empty, for the view's columns
	c.p.Limit = c.size
	r, err := c.a.run(ctx, c.v, c.p)
	return r, false, err
}

// rowidChunks reads the facts view as rowid ranges of fact_codes, [lo, lo+step), up to
// the largest rowid when the first chunk opens: storage order, which facts.sql sorts by.
// A range can be empty (rows deleted by a re-extraction), so the end is the last rowid,
// not a short chunk.
type rowidChunks struct {
	a     *Analytics
	step  int
	key   string
	kinds any // the codes of key's kinds (fact_kind_codes.sql); nil for every fact
	lo    int64
	last  int64
	began bool
}

func (c *rowidChunks) next(ctx context.Context, _ int64) (*sql.Rows, bool, error) {
	if !c.began {
		if err := c.begin(ctx); err != nil {
			return nil, false, err
		}
	}
	// the first range, lo 0, is read even when there are no facts, for the view's columns
	if c.lo > c.last && c.lo > 0 {
		return nil, true, nil
	}
	lo, hi := c.lo, c.lo+int64(c.step)
	c.lo = hi
	r, err := c.query(ctx, lo, hi)
	if err != nil {
		return nil, false, fmt.Errorf("analytics: facts [%d, %d): %w", lo, hi, err)
	}
	return r, false, nil
}

// query runs the query of the rowid range [lo, hi), bounded by its documents.
func (c *rowidChunks) query(ctx context.Context, lo, hi int64) (*sql.Rows, error) {
	var first, last sql.NullInt64
	if err := c.a.scanRow(ctx, c.a.query("facts_range_docs"), []any{lo, hi}, &first, &last); err != nil {
		return nil, err
	}
	return c.a.q.QueryContext(ctx, c.a.query("facts_range"), lo, hi, first, last, c.kinds)
}

// begin finds the last rowid, -1 for no facts, and the key's kinds.
func (c *rowidChunks) begin(ctx context.Context) error {
	c.began = true
	var last sql.NullInt64
	if err := c.a.scanRow(ctx, c.a.query("facts_last_rowid"), nil, &last); err != nil {
		return fmt.Errorf("analytics: facts: %w", err)
	}
	c.last = -1
	if last.Valid {
		c.last = last.Int64
	}
	if c.key != "" {
		kinds, err := c.a.listOf(ctx, "fact_kind_codes", c.key)
		if err != nil {
			return fmt.Errorf("analytics: facts: %w", err)
		}
		c.kinds = kinds
	}
	return nil
}

// chunkCursor is a Cursor over a view read chunk by chunk: each chunk's rows are
// scanned as Open's single query would be, and the next chunk opens when one ends.
type chunkCursor struct {
	ctx  context.Context
	view View
	src  chunkSource
	cur  *sqlCursor
	n    int64 // rows of the current chunk
	err  error
	done bool
}

func openChunks(ctx context.Context, v View, src chunkSource) (*chunkCursor, error) {
	c := &chunkCursor{ctx: ctx, view: v, src: src}
	if !c.advance() {
		return nil, c.err
	}
	return c, nil
}

// advance closes the current chunk and opens the next; false when there is none or it
// failed.
func (c *chunkCursor) advance() bool {
	if c.cur != nil {
		if err := c.cur.Err(); err != nil {
			c.err = err
			return false
		}
		if err := c.cur.Close(); err != nil {
			c.err = fmt.Errorf("analytics: %s: %w", c.view, err)
			return false
		}
	}
	r, done, err := c.src.next(c.ctx, c.n)
	if err != nil {
		c.err = err
		return false
	}
	if done {
		c.done = true
		return false
	}
	cur, err := newSQLCursor(c.view, r)
	if err != nil {
		c.err = err
		return false
	}
	if c.cur != nil && len(cur.cols) != len(c.cur.cols) {
		cur.Close()
		c.err = fmt.Errorf("analytics: %s: a chunk has %d columns, the first %d", c.view, len(cur.cols), len(c.cur.cols))
		return false
	}
	c.cur, c.n = cur, 0
	return true
}

func (c *chunkCursor) Columns() []string {
	if c.cur == nil {
		return nil
	}
	return c.cur.cols
}

func (c *chunkCursor) Next() bool {
	for c.err == nil && !c.done && c.cur != nil {
		if c.cur.Next() {
			c.n++
			return true
		}
		if !c.advance() {
			return false
		}
	}
	return false
}

func (c *chunkCursor) Values() []any { return c.cur.vals }

func (c *chunkCursor) Err() error {
	if c.err != nil {
		return c.err
	}
	if c.cur != nil {
		return c.cur.Err()
	}
	return nil
}

func (c *chunkCursor) Close() error {
	if c.cur == nil {
		return nil
	}
	return c.cur.Close()
}
