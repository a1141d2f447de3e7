package duckdb

import (
	"context"
	"crypto/sha256"
	"database/sql/driver"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"nianbao/data"
)

// Has reports whether the document with this SHA-256 is stored and was processed by this
// extractor version (successfully or not). Re-ingesting the same bytes is then a no-op; a
// document processed by another version is processed again and its rows replaced.
func (db *DB) Has(ctx context.Context, sha, extractorVersion string) (bool, error) {
	var ok bool
	if err := db.sql.QueryRowContext(ctx, db.query("has_document"), sha, extractorVersion).Scan(&ok); err != nil {
		return false, fmt.Errorf("duckdb: has %s: %w", sha, err)
	}
	return ok, nil
}

// StoredDocuments returns the SHA-256s of the documents stored and processed by this
// extractor version, in one query: what Has would answer true for, for every document at
// once (ingest loads it once per run instead of querying per file). Keys that are not a
// hex SHA-256 are left out: no file hashes to them.
func (db *DB) StoredDocuments(ctx context.Context, extractorVersion string) (map[[sha256.Size]byte]struct{}, error) {
	rows, err := db.sql.QueryContext(ctx, db.query("stored_documents"), extractorVersion)
	if err != nil {
		return nil, fmt.Errorf("duckdb: has documents of %s: %w", extractorVersion, err)
	}
	set := map[[sha256.Size]byte]struct{}{}
	var s string
	var key [sha256.Size]byte
	for rows.Next() {
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return nil, fmt.Errorf("duckdb: has documents of %s: %w", extractorVersion, err)
		}
		if lowerHex(s, 2*sha256.Size) {
			hex.Decode(key[:], []byte(s)) //nolint:errcheck // checked by lowerHex
			set[key] = struct{}{}
		}
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, fmt.Errorf("duckdb: has documents of %s: %w", extractorVersion, err)
	}
	return set, nil
}

// lowerHex reports whether s is n lower-case hex digits, as hex.EncodeToString writes them.
func lowerHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := range len(s) {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// SaveDocument stores one document and the reports extracted from it, replacing whatever
// was stored for that document before, in one transaction.
func (db *DB) SaveDocument(ctx context.Context, src data.Source, reports []data.Report) error {
	it := data.Item{Source: src, Reports: reports}
	return db.SaveBatch(ctx, []data.Item{it})
}

// tables are written in this order; each has an appender and a row builder.
var tables = [...]string{"documents", "reports", "fact_codes", "checks", "key_area_mentions", "report_texts"}

// SaveBatch stores many documents in one transaction: for each, the documents row is
// written (replaced if present) and the rows of the reports previously stored for it are
// deleted before the new ones are inserted. If two items have the same SHA-256 the last
// one wins. Either the whole batch is stored or, on error or crash, none of it.
//
// Why the Appender inside a transaction: DuckDB's appender appends through the
// connection's client context, which runs in the connection's open transaction when there
// is one (it only auto-commits when there is none). So we take one raw driver connection,
// BEGIN on it, run the deletes and append all rows on that same connection, and COMMIT:
// the appended rows become visible, and durable in the WAL, only with the COMMIT, and a
// ROLLBACK or a SIGKILL before it discards them (TestAppenderRollback and the ingest crash
// test check both). This avoids the copy of staging through TEMP tables and is several
// times faster than prepared per-row INSERTs (BenchmarkSaveAppender vs BenchmarkSaveInsert).
// Batching many documents per transaction amortises the commit (a WAL fsync) and the
// appender setup; the deletes only run for documents already stored, so a first ingest
// never scans facts.
func (db *DB) SaveBatch(ctx context.Context, items []data.Item) error {
	return db.saveBatch(ctx, items, false)
}

func (db *DB) saveBatch(ctx context.Context, items []data.Item, perRowInsert bool) error {
	items, err := dedupe(items)
	if err != nil {
		return err
	}
	if len(items) == 0 {
		return nil
	}
	codes, err := db.factCodes(ctx, items)
	if err != nil {
		return fmt.Errorf("duckdb: save: %w", err)
	}
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return fmt.Errorf("duckdb: save: %w", err)
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		c, ok := dc.(rawConn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		return db.saveTx(ctx, c, items, codes, perRowInsert)
	})
	if err != nil {
		return fmt.Errorf("duckdb: save: %w", err)
	}
	return nil
}

type rawConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
}

func dedupe(items []data.Item) ([]data.Item, error) {
	last := make(map[string]int, len(items))
	for i, it := range items {
		if it.Source.SHA256 == "" {
			return nil, fmt.Errorf("duckdb: save: item %d (%s) has no sha256", i, it.Source.Path)
		}
		last[it.Source.SHA256] = i
		// the primary key of reports did this until migration 011
		ids := make(map[string]bool, len(it.Reports))
		for _, r := range it.Reports {
			if ids[r.ReportID] {
				return nil, fmt.Errorf("duckdb: save: document %s has report %s twice", it.Source.SHA256, r.ReportID)
			}
			ids[r.ReportID] = true
		}
	}
	if len(last) == len(items) {
		return items, nil
	}
	out := make([]data.Item, 0, len(last))
	for i, it := range items {
		if last[it.Source.SHA256] == i {
			out = append(out, it)
		}
	}
	return out, nil
}

func (db *DB) saveTx(ctx context.Context, c rawConn, items []data.Item, codes []int32, perRowInsert bool) (err error) {
	tx, err := c.BeginTx(ctx, driver.TxOptions{})
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	done := false
	defer func() {
		if !done {
			if rerr := tx.Rollback(); rerr != nil {
				err = errors.Join(err, fmt.Errorf("rollback: %w", rerr))
			}
		}
	}()

	shas := make([]string, len(items))
	for i, it := range items {
		shas[i] = it.Source.SHA256
	}
	seq, err := db.orders.reserve(ctx, c, db.query("max_doc_seq"), len(items))
	if err != nil {
		return fmt.Errorf("last document order: %w", err)
	}
	if err := db.deleteStored(ctx, c, shas); err != nil {
		return err
	}

	var w rowWriter
	if perRowInsert {
		w, err = db.newInsertWriter(ctx, c)
	} else {
		w, err = newAppendWriter(c)
	}
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	for _, it := range items {
		seq++
		if codes, err = writeItem(w, it, codes, now, seq); err != nil {
			w.close() //nolint:errcheck // the write error is the one to report
			return err
		}
	}
	if err := w.close(); err != nil {
		return err
	}
	done = true
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// deleteStored deletes the rows of those of shas that are stored, which it looks up only
// when db.stored says any may be (a first ingest never does). Every row carries its
// document's storage order (migration 012 numbered the rows stored before there was
// one), so the deletes find them by it, bounded to the orders' range, which DuckDB's zone
// maps turn into a scan of the few row groups holding them instead of every row.
func (db *DB) deleteStored(ctx context.Context, c rawConn, shas []string) error {
	if err := db.stored.build(ctx, c, db.query("document_shas")); err != nil {
		return err
	}
	may := db.stored.mayHold(shas)
	db.stored.add(shas)
	if !may {
		return nil
	}
	rows, err := c.QueryContext(ctx, db.query("existing_documents"), []driver.NamedValue{{Ordinal: 1, Value: shas}})
	if err != nil {
		return fmt.Errorf("existing documents: %w", err)
	}
	var seqs []int64
	dest := make([]driver.Value, 2)
	for {
		if err := rows.Next(dest); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			rows.Close()
			return fmt.Errorf("existing documents: %w", err)
		}
		n, ok := dest[1].(int64)
		if !ok {
			rows.Close()
			return fmt.Errorf("existing documents: %v has no storage order", dest[0])
		}
		seqs = append(seqs, n)
	}
	if err := rows.Close(); err != nil {
		return fmt.Errorf("existing documents: %w", err)
	}
	if len(seqs) == 0 {
		return nil
	}
	args := []driver.NamedValue{{Ordinal: 1, Value: seqs}, {Ordinal: 2, Value: slices.Min(seqs)}, {Ordinal: 3, Value: slices.Max(seqs)}}
	for _, t := range []string{"facts", "checks", "key_area_mentions", "report_texts", "reports", "documents"} {
		if _, err := c.ExecContext(ctx, db.query("delete_"+t), args); err != nil {
			return fmt.Errorf("delete %s: %w", t, err)
		}
	}
	return nil
}

// queryInt runs a query of one integer.
func queryInt(ctx context.Context, c driver.QueryerContext, q string) (int64, error) {
	rows, err := c.QueryContext(ctx, q, nil)
	if err != nil {
		return 0, err
	}
	dest := make([]driver.Value, 1)
	if err := rows.Next(dest); err != nil {
		rows.Close()
		return 0, err
	}
	n, ok := dest[0].(int64)
	if err := rows.Close(); err != nil {
		return 0, err
	}
	if !ok {
		return 0, fmt.Errorf("got %T, want an integer", dest[0])
	}
	return n, nil
}

// rowWriter writes rows to the tables, indexed as in tables.
type rowWriter interface {
	write(table int, row ...driver.Value) error
	close() error
}

type appendWriter struct{ apps [len(tables)]*duckdb.Appender }

// factColumns are the columns of fact_codes a fact row writes, in its order: all but
// evidence_len (014), which no new row has. The driver sets a NULL with a call into
// DuckDB, one per row for a column always NULL; a column the appender leaves out gets its
// default, NULL, from DuckDB itself.
var factColumns = []string{"report_no", "kind", "value", "evidence", "offset", "approx", "doc_seq", "evidence_at", "evidence_bytes"}

func newAppendWriter(c driver.Conn) (*appendWriter, error) {
	w := &appendWriter{}
	for i, t := range tables {
		var a *duckdb.Appender
		var err error
		if i == tFacts {
			a, err = duckdb.NewAppenderWithColumns(c, "", "", t, factColumns)
		} else {
			a, err = duckdb.NewAppenderFromConn(c, "", t)
		}
		if err != nil {
			w.close() //nolint:errcheck // reporting the first error
			return nil, fmt.Errorf("appender %s: %w", t, err)
		}
		w.apps[i] = a
	}
	return w, nil
}

func (w *appendWriter) write(table int, row ...driver.Value) error {
	if err := w.apps[table].AppendRow(row...); err != nil {
		return fmt.Errorf("append %s: %w", tables[table], err)
	}
	return nil
}

// close flushes the appenders, in table order.
func (w *appendWriter) close() error {
	var errs []error
	for i, a := range w.apps {
		if a == nil {
			continue
		}
		if err := a.Close(); err != nil {
			errs = append(errs, fmt.Errorf("flush %s: %w", tables[i], err))
		}
		w.apps[i] = nil
	}
	return errors.Join(errs...)
}

// insertWriter writes with prepared per-row INSERTs; it exists to measure the appender
// against (BenchmarkSaveInsert).
type insertWriter struct {
	ctx   context.Context
	stmts [len(tables)]driver.Stmt
}

func (db *DB) newInsertWriter(ctx context.Context, c driver.ConnPrepareContext) (*insertWriter, error) {
	names := [len(tables)]string{"insert_document", "insert_report", "insert_fact", "insert_check", "insert_key_area_mention", "insert_report_text"}
	w := &insertWriter{ctx: ctx}
	for i, n := range names {
		s, err := c.PrepareContext(ctx, db.query(n))
		if err != nil {
			w.close() //nolint:errcheck // reporting the first error
			return nil, fmt.Errorf("prepare %s: %w", n, err)
		}
		w.stmts[i] = s
	}
	return w, nil
}

func (w *insertWriter) write(table int, row ...driver.Value) error {
	args := make([]driver.NamedValue, len(row))
	for i, v := range row {
		args[i] = driver.NamedValue{Ordinal: i + 1, Value: v}
	}
	if _, err := w.stmts[table].(driver.StmtExecContext).ExecContext(w.ctx, args); err != nil {
		return fmt.Errorf("insert %s: %w", tables[table], err)
	}
	return nil
}

func (w *insertWriter) close() error {
	var errs []error
	for i, s := range w.stmts {
		if s != nil {
			errs = append(errs, s.Close())
			w.stmts[i] = nil
		}
	}
	return errors.Join(errs...)
}

const (
	tDocuments = iota
	tReports
	tFacts
	tChecks
	tMentions
	tTexts
)

// writeItem writes the rows of one item, each with the item's storage order seq; the
// values are in the tables' column order (migrations/001_init.sql, then the columns later
// migrations add at the end: reports' province, city and county of 005_region_names.sql,
// every table's storage order of 007_doc_seq.sql and reports' report_no of
// 013_fact_codes.sql; fact_codes is 013's and 015_evidence_bytes.sql's evidence_at and
// evidence_bytes, without 014_evidence_spans.sql's evidence_len (factColumns): evidence
// that is the item's text at the fact's offset is stored as where it lies in the text).
// codes holds the codes of the kinds of its facts, in order (factCodes), then of the
// items after it, which writeItem returns.
func writeItem(w rowWriter, it data.Item, codes []int32, now time.Time, seq int64) ([]int32, error) {
	s := it.Source
	version := it.Extractor
	if version == "" && len(it.Reports) > 0 {
		version = it.Reports[0].Extractor
	}
	var fetched driver.Value
	if !s.FetchedAt.IsZero() {
		fetched = s.FetchedAt.UTC()
	}
	if err := w.write(tDocuments, s.SHA256, str(s.Path), str(s.URL), fetched, int32OrNil(s.HTTPStatus),
		str(s.ContentType), str(s.Charset), str(s.Format), s.Size, str(s.Parent), version, now,
		str(s.ErrorKind), str(s.Error), seq); err != nil {
		return nil, err
	}
	// One row buffer and one boxing of the values every row of the item repeats: at 10⁸
	// fact rows, a slice and three interface conversions per row were a tenth of the
	// writer's time.
	row := make([]driver.Value, 0, 18)
	sha, order := driver.Value(s.SHA256), driver.Value(seq)
	var spans *textSpans // the item's text, indexed when it has facts
	for i, r := range it.Reports {
		no := driver.Value(int32(i + 1))
		rv := r.Extractor
		if rv == "" {
			rv = version
		}
		var cov driver.Value
		if r.KeyAreaCoverage != nil {
			cov = *r.KeyAreaCoverage
		}
		warnings := r.Warnings
		if warnings == nil {
			warnings = []string{}
		}
		id := driver.Value(r.ReportID)
		if err := w.write(tReports, id, sha, str(r.SourcePath), str(r.SourceURL), str(r.Organ),
			str(r.RegionCode), str(r.Level), int32OrNil(r.Year), date(r.Published), str(r.Template),
			r.IsAnnualReport, rv, cov, warnings, str(r.Province), str(r.City), str(r.County), order, no); err != nil {
			return nil, err
		}
		for _, m := range r.Metrics {
			var v driver.Value
			if m.Value != nil {
				v = *m.Value
			}
			ev, evAt, evBytes := str(m.Evidence), driver.Value(nil), driver.Value(nil)
			if spans == nil {
				spans = newTextSpans(it.Text)
			}
			if b, ok := spans.at(m.Evidence, m.Offset); ok {
				ev, evAt, evBytes = nil, int32(b), int32(len(m.Evidence))
			}
			row = append(row[:0], no, codes[0], v, ev, int32(m.Offset), m.Approx, order, evAt, evBytes)
			codes = codes[1:]
			if err := w.write(tFacts, row...); err != nil {
				return nil, err
			}
		}
		if err := w.write(tTexts, id, sha, it.Text, order); err != nil {
			return nil, err
		}
		for _, c := range r.Checks {
			if err := w.write(tChecks, id, sha, c.Name, c.OK, str(c.Detail), order); err != nil {
				return nil, err
			}
		}
		for _, k := range r.KeyAreas {
			var n driver.Value
			if k.Count != nil {
				n = *k.Count
			}
			if err := w.write(tMentions, id, sha, k.Area, str(k.Evidence), int32(k.Offset), n, order); err != nil {
				return nil, err
			}
		}
	}
	return codes, nil
}

// str stores an empty string as NULL: "not known" rather than a value.
func str(s string) driver.Value {
	if s == "" {
		return nil
	}
	return s
}

func int32OrNil(n int) driver.Value {
	if n == 0 {
		return nil
	}
	return int32(n)
}

// date parses an ISO 8601 date; anything else is stored as NULL (the text stays in the
// document).
func date(s string) driver.Value {
	if len(s) < 10 {
		return nil
	}
	t, err := time.Parse("2006-01-02", s[:10])
	if err != nil {
		return nil
	}
	return t
}
