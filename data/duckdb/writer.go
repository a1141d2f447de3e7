package duckdb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"sync"
	"time"

	"nianbao/data"
)

// commitRows is how many fact rows a Writer appends before it commits. DuckDB writes a
// transaction's full row groups (122,880 rows) straight to the database file, compressed,
// as they fill ("optimistic writes"), so a commit then only logs their block pointers, and
// the checkpoint has nothing left to rewrite. A batch of 1,024 documents (about 10⁵ facts)
// never filled one row group: every row went through the WAL and again through the
// checkpoint, which was half the writer's time. Twelve row groups bound what a crash can
// lose to a few seconds of ingest.
const commitRows = 12 * 122_880

// writerLimit is the memory_limit while a Writer is open on a database of n documents.
// A bulk load never reads back the blocks it wrote, so DuckDB's cache of them only costs
// memory: at 10⁵ reports peak RSS was 1,183 MiB at the default 768MB, 998 at 512MB and
// 755-776 at 256MB, at the same speed. Until migration 011 the primary keys of documents
// and reports made what an append must keep pinned grow about 330 bytes a document (their
// ART indexes), and at 256MB an ingest failed at 750,000 reports. Without them an
// append into 10⁶ documents pins about 60MB, and a 10⁶ ingest at 256MB peaked at 1,151
// MiB RSS, 1,470 reports/s (1,552 MiB, 1,315/s at 656MB). Past 10⁶, which was not
// measured, the limit grows by 128 bytes a document as a margin.
// A Writer that commits raises it as the documents it stored add up (growWriterLimit).
func writerLimit(n int64) int64 {
	return max(256, 128+n*128/1_000_000)
}

// writerCount counts the open Writers, so that the first sets their memory_limit and the
// last restores the database's.
type writerCount struct {
	mu sync.Mutex
	n  int
	mb int64 // the memory_limit set while they are open, in MB (0: none)
}

// Writer saves items over few, long transactions, for a bulk load such as ingest: each
// Write appends to the open transaction and commits when commitRows fact rows are
// pending. The rows a Write appended are durable only after a later commit (a Write that
// commits, or Close); a crash loses the uncommitted ones, never part of one item.
//
// A Writer is not safe for concurrent use. Writers may be open at once, each appending in
// its own transaction: each document gets a storage order of its own (orders).
type Writer struct {
	db   *DB
	conn *sql.Conn
	raw  rawConn
	tx   driver.Tx
	app  *appendWriter
	rows int                 // fact rows appended in the open transaction
	max  int                 // commit at this many rows (commitRows; tests lower it)
	shas map[string]struct{} // documents written in the open transaction
	now  time.Time
}

// NewWriter returns a Writer on a connection of its own. Close it, or Abort it on error.
func (db *DB) NewWriter(ctx context.Context) (*Writer, error) {
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("duckdb: save: %w", err)
	}
	w := &Writer{db: db, conn: conn, max: commitRows}
	err = conn.Raw(func(dc any) error {
		c, ok := dc.(rawConn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		w.raw = c
		return nil
	})
	if err == nil {
		err = db.setWriterLimit(ctx, conn, +1)
	}
	if err == nil {
		// the next refresh builds it again (refresh_index_report_texts.sql)
		if _, err = conn.ExecContext(ctx, db.query("drop_index_report_texts")); err != nil {
			db.setWriterLimit(ctx, conn, -1) //nolint:errcheck // reporting the drop's error
			err = fmt.Errorf("drop index: %w", err)
		}
	}
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("duckdb: save: %w", err)
	}
	return w, nil
}

// setWriterLimit counts a Writer opening (+1) or closing (-1) and sets the memory_limit
// when the first opens (writerLimit) or the last closes (the database's own).
func (db *DB) setWriterLimit(ctx context.Context, conn *sql.Conn, delta int) error {
	if !db.limitWriters {
		return nil
	}
	db.writers.mu.Lock()
	defer db.writers.mu.Unlock()
	db.writers.n += delta
	var err error
	switch {
	case delta > 0 && db.writers.n == 1:
		err = db.raiseWriterLimit(ctx, conn)
	case delta < 0 && db.writers.n == 0:
		db.writers.mb = 0
		_, err = conn.ExecContext(ctx, "SET GLOBAL memory_limit = '"+db.memoryLimit+"'")
	}
	if err != nil {
		db.writers.n -= delta
		return fmt.Errorf("memory_limit: %w", err)
	}
	return nil
}

// growWriterLimit raises the memory_limit of the open Writers to writerLimit of the
// documents now stored, if that is more.
func (db *DB) growWriterLimit(ctx context.Context, conn *sql.Conn) error {
	if !db.limitWriters {
		return nil
	}
	db.writers.mu.Lock()
	defer db.writers.mu.Unlock()
	if db.writers.n == 0 {
		return nil
	}
	if err := db.raiseWriterLimit(ctx, conn); err != nil {
		return fmt.Errorf("duckdb: save: memory_limit: %w", err)
	}
	return nil
}

// raiseWriterLimit sets writerLimit of the documents stored when it is more than the
// limit set; db.writers.mu is held.
func (db *DB) raiseWriterLimit(ctx context.Context, conn *sql.Conn) error {
	var n int64
	if err := conn.QueryRowContext(ctx, db.query("count_documents")).Scan(&n); err != nil {
		return err
	}
	mb := writerLimit(n)
	if mb <= db.writers.mb {
		return nil
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("SET GLOBAL memory_limit = '%dMB'", mb)); err != nil {
		return err
	}
	db.writers.mb = mb
	return nil
}

// Write stores items as SaveBatch does (a document's earlier rows are replaced; of two
// items with one SHA-256 the last wins), in the open transaction, and says whether it
// committed it.
func (w *Writer) Write(ctx context.Context, items []data.Item) (bool, error) {
	items, err := dedupe(items)
	if err != nil {
		return false, err
	}
	if len(items) == 0 {
		return false, nil
	}
	// A document written earlier in this transaction may sit in an appender's buffer,
	// where a DELETE does not see it: commit first, so that it is replaced like any other.
	for _, it := range items {
		if _, ok := w.shas[it.Source.SHA256]; ok {
			if err := w.commit(); err != nil {
				return false, err
			}
			break
		}
	}
	codes, err := w.db.factCodes(ctx, items)
	if err != nil {
		return false, fmt.Errorf("duckdb: save: %w", err)
	}
	if err := w.write(ctx, items, codes); err != nil {
		return false, fmt.Errorf("duckdb: save: %w", err)
	}
	if w.rows < w.max {
		return false, nil
	}
	if err := w.commit(); err != nil {
		return true, err
	}
	return true, w.db.growWriterLimit(ctx, w.conn)
}

func (w *Writer) write(ctx context.Context, items []data.Item, codes []int32) error {
	if w.tx == nil {
		tx, err := w.raw.BeginTx(ctx, driver.TxOptions{})
		if err != nil {
			return fmt.Errorf("begin: %w", err)
		}
		w.tx = tx
		w.shas = map[string]struct{}{}
		w.rows = 0
		w.now = time.Now().UTC()
	}
	seq, err := w.db.orders.reserve(ctx, w.raw, w.db.query("max_doc_seq"), len(items))
	if err != nil {
		return fmt.Errorf("last document order: %w", err)
	}
	shas := make([]string, len(items))
	for i, it := range items {
		shas[i] = it.Source.SHA256
	}
	// The deletes only touch documents committed before this transaction (Write commits
	// before rewriting one of its own), so the rows still in the appenders' buffers are
	// never theirs.
	if err := w.db.deleteStored(ctx, w.raw, shas); err != nil {
		return err
	}
	if w.app == nil {
		app, err := newAppendWriter(w.raw)
		if err != nil {
			return err
		}
		w.app = app
	}
	for _, it := range items {
		seq++
		if codes, err = writeItem(w.app, it, codes, w.now, seq); err != nil {
			return err
		}
		w.shas[it.Source.SHA256] = struct{}{}
		for _, r := range it.Reports {
			w.rows += len(r.Metrics)
		}
	}
	return nil
}

// commit flushes the appenders and commits the open transaction, if any.
func (w *Writer) commit() error {
	if w.tx == nil {
		return nil
	}
	var err error
	if w.app != nil {
		err = w.app.close()
		w.app = nil
	}
	tx := w.tx
	w.tx = nil
	if err != nil {
		return errors.Join(fmt.Errorf("duckdb: save: %w", err), tx.Rollback())
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("duckdb: save: commit: %w", err)
	}
	return nil
}

// Close commits what is pending and releases the connection.
func (w *Writer) Close() error {
	err := w.commit()
	return errors.Join(err, w.restoreLimit(), w.conn.Close())
}

func (w *Writer) restoreLimit() error {
	if err := w.db.setWriterLimit(context.Background(), w.conn, -1); err != nil {
		return fmt.Errorf("duckdb: save: %w", err)
	}
	return nil
}

// Abort rolls back what is pending and releases the connection.
func (w *Writer) Abort() error {
	var errs []error
	if w.app != nil {
		errs = append(errs, w.app.close())
		w.app = nil
	}
	if w.tx != nil {
		errs = append(errs, w.tx.Rollback())
		w.tx = nil
	}
	errs = append(errs, w.restoreLimit(), w.conn.Close())
	return errors.Join(errs...)
}

// BulkWriter is NewWriter as the domain's data.BulkWriter, which ingest uses.
func (db *DB) BulkWriter(ctx context.Context) (data.BulkWriter, error) {
	return db.NewWriter(ctx)
}
