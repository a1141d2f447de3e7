package duckdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"nianbao/data"
)

// CrawlBegin opens a crawl pass. If the newest pass still has queued entries (a crawl was
// interrupted) it is resumed; otherwise a new pass starts, numbered one higher, in which
// URLs found again are queued again (with their validators, for conditional GETs).
func (db *DB) CrawlBegin(ctx context.Context) (gen int, resumed bool, err error) {
	if err := db.sql.QueryRowContext(ctx, db.query("crawl_max_gen")).Scan(&gen, &resumed); err != nil {
		return 0, false, fmt.Errorf("duckdb: crawl begin: %w", err)
	}
	if resumed {
		return gen, true, nil
	}
	return gen + 1, false, nil
}

// CrawlQueued returns the entries of pass gen still queued, oldest first.
func (db *DB) CrawlQueued(ctx context.Context, gen int) ([]data.CrawlEntry, error) {
	return db.crawlEntries(ctx, "crawl_queued", gen)
}

// CrawlUnstored returns the fetched entries whose body has no documents row: the crawl
// stopped between recording the fetch and storing the document. Their bodies are in the
// archive, so they are stored without fetching them again.
func (db *DB) CrawlUnstored(ctx context.Context) ([]data.CrawlEntry, error) {
	return db.crawlEntries(ctx, "crawl_unstored")
}

func (db *DB) crawlEntries(ctx context.Context, q string, args ...any) ([]data.CrawlEntry, error) {
	rows, err := db.sql.QueryContext(ctx, db.query(q), args...)
	if err != nil {
		return nil, fmt.Errorf("duckdb: %s: %w", q, err)
	}
	defer rows.Close()
	var out []data.CrawlEntry
	for rows.Next() {
		var e data.CrawlEntry
		if err := rows.Scan(&e.Key, &e.URL, &e.Method, &e.Body, &e.Host, &e.Kind, &e.Depth, &e.ParentURL, &e.ParentSHA,
			&e.Anchor, &e.Year, &e.State, &e.Reason, &e.HTTPStatus, &e.SHA256, &e.PrevSHA256, &e.ETag, &e.LastModified,
			&e.ContentType, &e.Attempts); err != nil {
			return nil, fmt.Errorf("duckdb: %s: %w", q, err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("duckdb: %s: %w", q, err)
	}
	return out, nil
}

// CrawlKeys returns the keys of every entry of pass gen, whatever its state: what the
// crawler must not queue again in this pass.
func (db *DB) CrawlKeys(ctx context.Context, gen int) ([]string, error) {
	rows, err := db.sql.QueryContext(ctx, db.query("crawl_keys"), gen)
	if err != nil {
		return nil, fmt.Errorf("duckdb: crawl keys: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, fmt.Errorf("duckdb: crawl keys: %w", err)
		}
		out = append(out, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("duckdb: crawl keys: %w", err)
	}
	return out, nil
}

// CrawlCommit records, in one transaction, the outcome of fetches (done: State, Reason,
// HTTPStatus, SHA256, validators, Attempts, FetchedAt), the entries they found (queued in
// pass gen unless already there) and the log lines. It returns the found entries as
// queued, with the validators and last body hash earlier passes left on them. Either all
// of it is recorded or none: a crawl killed at any point resumes with a consistent frontier.
//
// Each of the three parts is one set-based statement over the whole batch (the rows are
// bound as parallel lists and unnested), not a statement per row: a commit costs about
// the same for one result as for hundreds, so the crawler's group commits grow with the
// load instead of its hosts queueing behind the writer.
func (db *DB) CrawlCommit(ctx context.Context, gen int, done, found []data.CrawlEntry, log []data.CrawlLog) (queued []data.CrawlEntry, err error) {
	done, found = lastByKey(done), lastByKey(found)
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("duckdb: crawl commit: %w", err)
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, ignoreDone(tx.Rollback()))
		}
	}()
	now := time.Now().UTC()
	if len(done) > 0 {
		var c crawlCols
		for _, e := range done {
			at := e.FetchedAt
			if at.IsZero() {
				at = now
			}
			c.add(0, e.Key).add(1, e.State).add(2, e.Reason).num(3, e.HTTPStatus).add(4, e.SHA256).add(5, e.ETag).
				add(6, e.LastModified).add(7, e.ContentType).num(8, e.Attempts).time(9, at)
		}
		if _, err := tx.ExecContext(ctx, db.query("crawl_update"), c.args(10)...); err != nil {
			return nil, fmt.Errorf("duckdb: crawl commit: update: %w", err)
		}
	}
	if len(found) > 0 {
		var c crawlCols
		for _, e := range found {
			c.add(0, e.Key).add(1, e.URL).add(2, e.Method).add(3, e.Body).add(4, e.Host).add(5, e.Kind).num(6, e.Depth).
				add(7, e.ParentURL).add(8, e.ParentSHA).add(9, e.Anchor).num(10, e.Year)
		}
		if queued, err = db.crawlEnqueue(ctx, tx, found, append(c.args(11), gen, now)); err != nil {
			return nil, err
		}
	}
	if len(log) > 0 {
		var c crawlCols
		for _, l := range log {
			at := l.At
			if at.IsZero() {
				at = now
			}
			c.time(0, at).add(1, l.Key).add(2, l.Host).add(3, l.Outcome).num(4, l.HTTPStatus).add(5, l.ErrorKind).
				add(6, l.Error).big(7, l.Bytes).num(8, int(l.Elapsed/time.Millisecond)).num(9, l.Attempts)
		}
		if _, err := tx.ExecContext(ctx, db.query("crawl_log_insert"), append([]any{gen}, c.args(10)...)...); err != nil {
			return nil, fmt.Errorf("duckdb: crawl commit: log: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("duckdb: crawl commit: %w", err)
	}
	return queued, nil
}

// crawlEnqueue inserts found and returns the entries queued, in the order found, with
// the validators earlier passes left on them. An entry already queued in this pass is
// not returned.
func (db *DB) crawlEnqueue(ctx context.Context, tx *sql.Tx, found []data.CrawlEntry, args []any) ([]data.CrawlEntry, error) {
	rows, err := tx.QueryContext(ctx, db.query("crawl_enqueue"), args...)
	if err != nil {
		return nil, fmt.Errorf("duckdb: crawl commit: enqueue: %w", err)
	}
	defer rows.Close()
	type validators struct{ sha, etag, lastModified, contentType string }
	got := make(map[string]validators, len(found))
	for rows.Next() {
		var k string
		var v validators
		if err := rows.Scan(&k, &v.sha, &v.etag, &v.lastModified, &v.contentType); err != nil {
			return nil, fmt.Errorf("duckdb: crawl commit: enqueue: %w", err)
		}
		got[k] = v
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("duckdb: crawl commit: enqueue: %w", err)
	}
	queued := make([]data.CrawlEntry, 0, len(got))
	for _, e := range found {
		v, ok := got[e.Key]
		if !ok {
			continue
		}
		e.SHA256, e.ETag, e.LastModified, e.ContentType = v.sha, v.etag, v.lastModified, v.contentType
		e.State = data.CrawlQueued
		queued = append(queued, e)
	}
	return queued, nil
}

// lastByKey drops all but the last entry of each key, keeping the order: one statement
// may not touch a row twice.
func lastByKey(es []data.CrawlEntry) []data.CrawlEntry {
	last := make(map[string]int, len(es))
	for i, e := range es {
		last[e.Key] = i
	}
	if len(last) == len(es) {
		return es
	}
	out := make([]data.CrawlEntry, 0, len(last))
	for i, e := range es {
		if last[e.Key] == i {
			out = append(out, e)
		}
	}
	return out
}

// crawlCols collects a batch of rows column by column, to bind each column as one list
// parameter of a set-based statement. Empty strings and zeros stand for NULL; the
// statements turn them back with nullif.
type crawlCols struct {
	str map[int][]string
	i32 map[int][]int32
	i64 map[int][]int64
}

func (c *crawlCols) add(col int, v string) *crawlCols {
	if c.str == nil {
		c.str = map[int][]string{}
	}
	c.str[col] = append(c.str[col], v)
	return c
}

func (c *crawlCols) num(col, v int) *crawlCols {
	if c.i32 == nil {
		c.i32 = map[int][]int32{}
	}
	c.i32[col] = append(c.i32[col], int32(v))
	return c
}

func (c *crawlCols) big(col int, v int64) *crawlCols {
	if c.i64 == nil {
		c.i64 = map[int][]int64{}
	}
	c.i64[col] = append(c.i64[col], v)
	return c
}

// time adds t as microseconds since the epoch, UTC (make_timestamp in the statement).
func (c *crawlCols) time(col int, t time.Time) *crawlCols { return c.big(col, t.UTC().UnixMicro()) }

// args returns columns 0…n-1 as statement arguments.
func (c *crawlCols) args(n int) []any {
	out := make([]any, n)
	for i := range n {
		switch {
		case c.str[i] != nil:
			out[i] = c.str[i]
		case c.i32[i] != nil:
			out[i] = c.i32[i]
		default:
			out[i] = c.i64[i]
		}
	}
	return out
}

// CrawlStats counts the entries of pass gen by state.
func (db *DB) CrawlStats(ctx context.Context, gen int) (map[string]int, error) {
	rows, err := db.sql.QueryContext(ctx, db.query("crawl_stats"), gen)
	if err != nil {
		return nil, fmt.Errorf("duckdb: crawl stats: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, fmt.Errorf("duckdb: crawl stats: %w", err)
		}
		out[s] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("duckdb: crawl stats: %w", err)
	}
	return out, nil
}

func ignoreDone(err error) error {
	if errors.Is(err, sql.ErrTxDone) {
		return nil
	}
	return err
}
