package duckdb

import (
	"context"
	"database/sql"
	"errors"
	"sync"
)

// stmtCache keeps the prepared statements of a read-only database by query text. The
// driver prepares every query it runs: DuckDB parses, binds and plans it, then executes
// it. A server asks the same few dozen query texts with different arguments, and at 10⁶
// reports the preparing was 8% of the process's CPU under load (duckdb_prepare_extracted_statement
// and ExtractStatements in the profile). database/sql prepares a Stmt again on each
// connection it runs on, so the statements last as long as the pool's idle connections.
// Only read-only databases use it: nothing changes their catalog under a statement.
//
// A statement run with arguments is bound and planned again each time all the same
// (ClientContext::RebindPreparedStatement, 11% of the server's CPU on the bench's first
// visits at 10⁶ reports): "SELECT count(*) … WHERE year = $1" cost 320-450 µs a run,
// whatever the Go type of the argument, and the same query with the literal 50-130 µs.
// So for those the cache saves the parsing only; the queries without arguments (the
// unfiltered views) it saves whole.
type stmtCache struct {
	mu    sync.Mutex
	max   int // statements kept at most; past it one is dropped for each added
	stmts map[string]*sql.Stmt
}

func newStmtCache(max int) *stmtCache {
	return &stmtCache{max: max, stmts: map[string]*sql.Stmt{}}
}

// stmt returns q prepared on db, preparing it if no statement has it yet.
func (c *stmtCache) stmt(ctx context.Context, db *sql.DB, q string) (*sql.Stmt, error) {
	c.mu.Lock()
	st, ok := c.stmts[q]
	c.mu.Unlock()
	if ok {
		return st, nil
	}
	st, err := db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if had, ok := c.stmts[q]; ok {
		// another request prepared it meanwhile
		st.Close()
		return had, nil
	}
	if len(c.stmts) >= c.max {
		// any one: texts built with literals in them would otherwise fill the cache for good
		for k, old := range c.stmts {
			old.Close() // database/sql closes it once the queries running on it end
			delete(c.stmts, k)
			break
		}
	}
	c.stmts[q] = st
	return st, nil
}

func (c *stmtCache) close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var errs []error
	for k, st := range c.stmts {
		errs = append(errs, st.Close())
		delete(c.stmts, k)
	}
	return errors.Join(errs...)
}

const (
	// maxStmts bounds a read-only database's statement cache: the dashboard and the API
	// ask about 30 query texts.
	maxStmts = 256
	// maxIdleConns is how many connections a read-only database keeps open between
	// queries: more than dashboard.Config.MaxInFlight's default, whose requests run
	// their count and their rows at once.
	maxIdleConns = 16
)
