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
func (db *DB) CrawlCommit(ctx context.Context, gen int, done, found []data.CrawlEntry, log []data.CrawlLog) (queued []data.CrawlEntry, err error) {
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
		st, err := tx.PrepareContext(ctx, db.query("crawl_update"))
		if err != nil {
			return nil, fmt.Errorf("duckdb: crawl commit: %w", err)
		}
		defer st.Close()
		for _, e := range done {
			at := e.FetchedAt
			if at.IsZero() {
				at = now
			}
			if _, err := st.ExecContext(ctx, e.State, e.Reason, e.HTTPStatus, e.Key, e.SHA256, e.ETag, e.LastModified,
				e.ContentType, e.Attempts, at.UTC()); err != nil {
				return nil, fmt.Errorf("duckdb: crawl commit: update %s: %w", e.Key, err)
			}
		}
	}
	if len(found) > 0 {
		ins, err := tx.PrepareContext(ctx, db.query("crawl_enqueue"))
		if err != nil {
			return nil, fmt.Errorf("duckdb: crawl commit: %w", err)
		}
		defer ins.Close()
		val, err := tx.PrepareContext(ctx, db.query("crawl_validators"))
		if err != nil {
			return nil, fmt.Errorf("duckdb: crawl commit: %w", err)
		}
		defer val.Close()
		for _, e := range found {
			if _, err := ins.ExecContext(ctx, e.Key, e.URL, e.Method, nullStr(e.Body), e.Host, e.Kind, e.Depth,
				nullStr(e.ParentURL), nullStr(e.ParentSHA), nullStr(e.Anchor), nullInt(e.Year), gen, now); err != nil {
				return nil, fmt.Errorf("duckdb: crawl commit: enqueue %s: %w", e.Key, err)
			}
			if err := val.QueryRowContext(ctx, e.Key).Scan(&e.SHA256, &e.ETag, &e.LastModified, &e.ContentType); err != nil {
				return nil, fmt.Errorf("duckdb: crawl commit: validators %s: %w", e.Key, err)
			}
			e.State = data.CrawlQueued
			queued = append(queued, e)
		}
	}
	if len(log) > 0 {
		st, err := tx.PrepareContext(ctx, db.query("crawl_log_insert"))
		if err != nil {
			return nil, fmt.Errorf("duckdb: crawl commit: %w", err)
		}
		defer st.Close()
		for _, l := range log {
			at := l.At
			if at.IsZero() {
				at = now
			}
			if _, err := st.ExecContext(ctx, at.UTC(), gen, l.Key, l.Host, l.Outcome, nullInt(l.HTTPStatus), nullStr(l.ErrorKind),
				nullStr(l.Error), l.Bytes, int32(l.Elapsed/time.Millisecond), l.Attempts); err != nil {
				return nil, fmt.Errorf("duckdb: crawl commit: log: %w", err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("duckdb: crawl commit: %w", err)
	}
	return queued, nil
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

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}
