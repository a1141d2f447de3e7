package duckdb

// Dashboard reads that Refresh's serving tables answer (migration 009): the unfiltered
// aggregates of the pages, and full-text search with the reports' identity looked up by
// doc_seq. A database refreshed by an older binary lacks those tables: its reads run
// the queries they stand for, as before.

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// DashAgg runs dash_<name> with filters (the page filters, $1…$len(filters)) and then
// extra. When every filter is NULL and dash_<name>_all exists, it runs that with extra
// alone instead: the same rows, stored by Refresh.
func (db *DB) DashAgg(ctx context.Context, name string, filters []any, extra ...any) (*Table, error) {
	if q, ok := db.queries["dash_"+name+"_all"]; ok && !slices.ContainsFunc(filters, func(v any) bool { return !isNull(v) }) {
		t, _, err := scanTable(ctx, reader{db}, q, 0, extra...)
		if err == nil {
			return t, nil
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("duckdb: %s: %w", name, err)
		}
		// refreshed by an older binary: no serving table, so the query itself
	}
	return db.Dash(ctx, name, 0, append(slices.Clone(filters), extra...)...)
}

// SearchFilter restricts a search to reports of a year, a level and a region prefix;
// nil means all.
type SearchFilter struct {
	Year   any // int or nil
	Level  any // string or nil
	Prefix any // region code prefix (string) or nil
}

func (f SearchFilter) none() bool { return isNull(f.Year) && isNull(f.Level) && isNull(f.Prefix) }

// isNull says whether a query argument binds NULL: nil, or a nil pointer (the dashboard
// passes *string and *int).
func isNull(v any) bool {
	if v == nil {
		return true
	}
	r := reflect.ValueOf(v)
	return r.Kind() == reflect.Pointer && r.IsNil()
}

// Search returns limit hits of the literal text q after skipping offset, in storage order,
// with the columns of dash_search.sql: report_id, document_sha256, organ, region_code,
// level, year, snippet_start, pos and snippet.
//
// Without a filter the scan of the texts stops at the page's end and the page's reports
// are looked up by doc_seq. With one, the reports it selects are listed first (a scan of
// the reports' narrow columns), then their texts are searched in batches that double,
// until the page is full: a common term reads one batch, where scanning every text and
// keeping the selected reports' read texts of every report. Reports stored before
// migration 007 have no doc_seq; a database holding any is searched with dash_search.
func (db *DB) Search(ctx context.Context, q string, f SearchFilter, limit, offset int) (*Table, error) {
	t, ok, err := db.searchServed(ctx, q, f, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("duckdb: search: %w", err)
	}
	if ok {
		return t, nil
	}
	return db.Dash(ctx, "search", 0, q, f.Year, f.Level, f.Prefix, limit, offset)
}

var searchColumns = []string{"report_id", "document_sha256", "organ", "region_code", "level", "year",
	"snippet_start", "pos", "snippet"}

func (db *DB) searchServed(ctx context.Context, q string, f SearchFilter, limit, offset int) (*Table, bool, error) {
	out := &Table{Columns: searchColumns, Rows: []map[string]any{}}
	if f.none() {
		hits, _, err := scanTable(ctx, reader{db}, db.query("dash_search_scan"), 0, q, limit, offset)
		if err != nil {
			return nil, false, err
		}
		if len(hits.Rows) == 0 {
			return out, true, nil
		}
		byKey, ok, err := db.hitIdentities(ctx, hits, "dash_search_identity")
		if err != nil || !ok {
			return nil, false, err
		}
		for _, h := range hits.Rows {
			if r, ok := byKey[hitKey(h)]; ok {
				out.Rows = append(out.Rows, hitRow(h, r))
			}
		}
		return out, true, nil
	}
	docs, ok, err := db.searchCandidates(ctx, f)
	if err != nil || !ok {
		return nil, false, err
	}
	want := offset + limit
	seen := 0
	for batch := max(32, want); len(docs) > 0 && seen < want; batch = min(2*batch, 8192) {
		n := min(batch, len(docs))
		hits, _, err := db.searchTexts(ctx, q, docs[:n])
		if err != nil {
			return nil, false, err
		}
		docs = docs[n:]
		if len(hits.Rows) == 0 {
			continue
		}
		// the candidates' documents all have a doc_seq, so ok is always true here
		byKey, _, err := db.hitIdentities(ctx, hits, "dash_search_hit_identity", f.Year, f.Level, f.Prefix)
		if err != nil {
			return nil, false, err
		}
		for _, h := range hits.Rows {
			r, ok := byKey[hitKey(h)]
			if !ok {
				continue // another report of the document, not selected
			}
			seen++
			if seen > offset && seen <= want {
				out.Rows = append(out.Rows, hitRow(h, r))
			}
		}
	}
	return out, true, nil
}

// hitIdentities runs query, whose last argument is the doc_seq list of the hits' documents
// (after args), and returns its rows by report key (hitKey): the identity of the hits'
// reports. Not ok when a hit has no doc_seq (stored before migration 007).
func (db *DB) hitIdentities(ctx context.Context, hits *Table, query string, args ...any) (map[[2]string]map[string]any, bool, error) {
	seqs := make([]int64, 0, len(hits.Rows))
	for _, h := range hits.Rows {
		s, ok := h["doc_seq"].(int64)
		if !ok {
			return nil, false, nil
		}
		seqs = append(seqs, s)
	}
	ids, _, err := scanTable(ctx, reader{db}, db.query(query), 0, append(args, seqs)...)
	if err != nil {
		return nil, false, err
	}
	byKey := make(map[[2]string]map[string]any, len(ids.Rows))
	for _, r := range ids.Rows {
		byKey[hitKey(r)] = r
	}
	return byKey, true, nil
}

// hitKey is the key of the report of a row (a hit or an identity): document and report id.
func hitKey(r map[string]any) [2]string {
	return [2]string{asString(r["document_sha256"]), asString(r["report_id"])}
}

// searchCandidates returns the documents a filtered search looks in, in storage order,
// each once (dash_search_candidates.sql). Not ok (and no error) when the database cannot
// be searched this way: refreshed before serving_fact_index, or holding selected reports
// stored before doc_seq.
func (db *DB) searchCandidates(ctx context.Context, f SearchFilter) ([]int64, bool, error) {
	var (
		unordered int64
		list      string
	)
	err := reader{db}.scanRow(ctx, db.query("dash_search_candidates"), []any{f.Year, f.Level, f.Prefix}, &unordered, &list)
	switch {
	case err != nil && ctx.Err() != nil:
		return nil, false, err
	case err != nil:
		return nil, false, nil // refreshed before serving_fact_index: search as before
	case unordered > 0:
		return nil, false, nil // stored before doc_seq
	}
	seqs, err := parseSeqs(list)
	if err != nil {
		return nil, false, fmt.Errorf("candidates: %w", err)
	}
	return slices.Compact(seqs), true, nil
}

// parseSeqs reads a DuckDB BIGINT[] cast to VARCHAR: "[1, 2, 3]".
func parseSeqs(s string) ([]int64, error) {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "[") || !strings.HasSuffix(s, "]") {
		return nil, fmt.Errorf("list %.40q", s)
	}
	s = strings.TrimSpace(s[1 : len(s)-1])
	if s == "" {
		return nil, nil
	}
	parts := strings.Split(s, ",")
	out := make([]int64, len(parts))
	for i, p := range parts {
		n, err := strconv.ParseInt(strings.TrimSpace(p), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("list: %w", err)
		}
		out[i] = n
	}
	return out, nil
}

// Report returns the identity and provenance of the report with this id
// (dash_report.sql's one row; no row if there is none), by a scan of every report.
func (db *DB) Report(ctx context.Context, id string) (*Table, error) {
	return db.Dash(ctx, "report", 1, id)
}

// ReportServed returns the row Report returns, as the last refresh stored it in
// serving_report_ids: no row when that table does not have the report, or does not
// exist, or was refreshed by an older binary, which kept only the keys there. The row
// may be stale: ReportText then finds no text at its doc_seq.
func (db *DB) ReportServed(ctx context.Context, id string) (*Table, error) {
	t, _, err := scanTable(ctx, reader{db}, db.query("dash_report_served"), 1, id)
	switch {
	case err != nil && ctx.Err() != nil:
		return nil, fmt.Errorf("duckdb: report: %w", err)
	case err != nil:
		return &Table{Rows: []map[string]any{}}, nil // no serving_report_ids
	case !slices.Contains(t.Columns, "organ"):
		return &Table{Columns: t.Columns, Rows: []map[string]any{}}, nil // keys only
	}
	return t, nil
}

// ReportText returns the text of the report with this id in document sha at doc_seq seq
// (nil: stored before doc_seq existed), and whether the report is stored there: every
// stored report has a text row, empty or not.
func (db *DB) ReportText(ctx context.Context, id, sha string, seq any) (string, bool, error) {
	var (
		t   *Table
		err error
	)
	switch n := seq.(type) {
	case nil:
		t, _, err = scanTable(ctx, reader{db}, db.query("dash_report_text_unordered"), 1, id, sha)
	case int64:
		t, _, err = scanTable(ctx, reader{db}, db.query("dash_report_text"), 1, id, sha, n)
	default:
		return "", false, fmt.Errorf("duckdb: report text: doc_seq %v (%T)", seq, seq)
	}
	if err != nil {
		return "", false, fmt.Errorf("duckdb: report text: %w", err)
	}
	if len(t.Rows) == 0 {
		return "", false, nil
	}
	s, _ := t.Rows[0]["text"].(string)
	return s, true, nil
}

// indexedBatch is the largest batch of documents whose texts a search reads through
// report_texts_doc_seq: DuckDB's index_scan_max_count, beyond which it scans anyway.
const indexedBatch = 2048

// splitBatch is the smallest batch whose halves searchTexts reads at once.
const splitBatch = 8

// searchTexts returns dash_search_texts.sql's hits of q among the texts of docs.
// An index scan runs on one thread, and a text no request read before costs it 5-25 ms
// at 10⁶ reports (its block loaded, its index nodes read), so a batch read through the
// index is read in two halves at once, on two connections: the filtered search's p95 went
// from 77-90 to 58-77 ms in a probe of 50 year and province pairs never asked before.
// The halves are consecutive in storage order, so their hits follow each other in it.
func (db *DB) searchTexts(ctx context.Context, q string, docs []int64) (*Table, bool, error) {
	if len(docs) > indexedBatch {
		return scanTable(ctx, reader{db}, db.query("dash_search_texts"), 0, q, docs)
	}
	if len(docs) < splitBatch {
		return db.searchIndexed(ctx, q, docs)
	}
	h := len(docs) / 2
	var (
		wg     sync.WaitGroup
		t1, t2 *Table
		e1, e2 error
	)
	wg.Go(func() { t1, _, e1 = db.searchIndexed(ctx, q, docs[:h]) })
	t2, _, e2 = db.searchIndexed(ctx, q, docs[h:])
	wg.Wait()
	if err := errors.Join(e1, e2); err != nil {
		return nil, false, err
	}
	t1.Rows = append(t1.Rows, t2.Rows...)
	return t1, false, nil
}

// searchIndexed is searchTexts of a batch read through the index.
func (db *DB) searchIndexed(ctx context.Context, q string, docs []int64) (*Table, bool, error) {
	var b strings.Builder
	for i, d := range docs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(d, 10))
	}
	return scanTable(ctx, db.sql, fmt.Sprintf(db.query("dash_search_texts_indexed"), b.String()), 0, q)
}

// hitRow is a hit h of a report whose identity is r, with searchColumns.
func hitRow(h, r map[string]any) map[string]any {
	return map[string]any{
		"report_id": h["report_id"], "document_sha256": h["document_sha256"],
		"organ": r["organ"], "region_code": r["region_code"], "level": r["level"], "year": r["year"],
		"snippet_start": h["snippet_start"], "pos": h["pos"], "snippet": h["snippet"],
	}
}

func asString(v any) string {
	s, _ := v.(string)
	return s
}
