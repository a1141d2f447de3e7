package ingest

// These tests run the pipeline against the real store, a DuckDB file in t.TempDir(), and
// look at what it holds through the store's own queries (Stats, Integrity) and plain SQL
// (QueryContext). data/duckdb does not import ingest, so this internal test package may
// import it without a cycle.

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"nianbao/data/duckdb"
	"nianbao/ingest/convert"
	"nianbao/ingest/extract"
)

const (
	sample001 = "../data/sample/t2019/001.src" // 上海市人民政府办公厅 2019: requests_new 859
	sample002 = "../data/sample/t2019/002.src" // 平潭综合实验区 2019: requests_new 23
	sample010 = "../data/sample/t2019/010.pdf"
)

// newDB creates an empty database file in a temp dir, closed when the test ends.
func newDB(t *testing.T) (*duckdb.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "t.duckdb")
	db, err := duckdb.Open(context.Background(), duckdb.Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, path
}

// tree writes files (name → content) under a temp dir and returns it.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// storedDoc is a documents row with its reports counted.
type storedDoc struct {
	SHA256, Path, Extractor string
	Charset, Format         string
	Size                    int64
	ErrorKind, Error        string
	Reports                 int   // reports stored for the document
	OwnReports              int   // of which with source_path = the document's path
	Warnings                []any // the reports' warnings, flattened
	IngestedAt              int64 // µs since the epoch: one value per SaveBatch transaction
}

// docs returns the stored documents by base name.
func docs(t *testing.T, db *duckdb.DB) map[string]storedDoc {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), `
		SELECT d.sha256, d.path, d.extractor_version, coalesce(d.charset, ''), coalesce(d.format, ''),
		       d.size, coalesce(d.error_kind, ''), coalesce(d.error_message, ''),
		       count(r.report_id), count(r.report_id) FILTER (WHERE r.source_path = d.path),
		       coalesce(flatten(list(r.warnings) FILTER (WHERE r.warnings IS NOT NULL)), []),
		       epoch_us(d.ingested_at)
		FROM documents d LEFT JOIN reports r ON r.document_sha256 = d.sha256
		GROUP BY ALL`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]storedDoc{}
	for rows.Next() {
		var d storedDoc
		if err := rows.Scan(&d.SHA256, &d.Path, &d.Extractor, &d.Charset, &d.Format, &d.Size, &d.ErrorKind,
			&d.Error, &d.Reports, &d.OwnReports, &d.Warnings, &d.IngestedAt); err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(d.Path)] = d
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// batchSizes returns the number of documents each SaveBatch transaction stored (the rows
// of one transaction share its ingested_at), smallest first.
func batchSizes(t *testing.T, db *duckdb.DB) []int {
	t.Helper()
	rows, err := db.QueryContext(context.Background(),
		`SELECT count(*) FROM documents GROUP BY ingested_at ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// fact returns the value of a whole-report fact of the document with this base name.
func fact(t *testing.T, db *duckdb.DB, name, key string) (float64, bool) {
	t.Helper()
	var v *float64
	rows, err := db.QueryContext(context.Background(), `
		SELECT f.value FROM facts f JOIN documents d ON d.sha256 = f.document_sha256
		WHERE d.path LIKE '%/' || ? AND f.key = ? AND f.scope = 'whole'`, name, key)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n != 1 || v == nil {
		return 0, false
	}
	return *v, true
}

func stats(t *testing.T, db *duckdb.DB) duckdb.Stats {
	t.Helper()
	st, err := db.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// checkStored checks what every stored document must be: this extractor version, a
// SHA-256, and either one report from its own path or, failed, an error and no report.
func checkStored(t *testing.T, stored map[string]storedDoc) {
	t.Helper()
	for name, d := range stored {
		if d.Extractor != extract.Version || len(d.SHA256) != 64 {
			t.Errorf("document %s: extractor %q sha %q", name, d.Extractor, d.SHA256)
		}
		if d.ErrorKind == "" && (d.Reports != 1 || d.OwnReports != 1) {
			t.Errorf("document %s: %d reports (%d with its path), want 1", name, d.Reports, d.OwnReports)
		}
		if d.ErrorKind != "" && (d.Reports != 0 || d.Error == "") {
			t.Errorf("failed document %s: %d reports, error %q", name, d.Reports, d.Error)
		}
	}
}

func TestRun(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name   string
		files  map[string]string
		link   string // a dangling symbolic link of this name
		batch  int
		want   Summary
		stored []string // base names stored, besides oneOf
		ahead  int64    // Config.ReadAhead
		oneOf  []string // exactly one of these is stored (which depends on the workers)
		nBatch []int    // documents per SaveBatch, smallest first
	}{
		{
			name:   "walks recursively, skips bookkeeping and hidden files",
			files:  map[string]string{"a.src": "甲", "sub/b.html": "乙", "sub/deeper/c.txt": "丙", "labels.jsonl": "{}", "README.md": "#", ".hidden": "x", ".git/d.src": "丁"},
			want:   Summary{Files: 3, New: 3, Reports: 3},
			stored: []string{"a.src", "b.html", "c.txt"},
		},
		{
			name:   "identical files are stored once",
			files:  map[string]string{"a.src": "同", "b.src": "同", "c.src": "异"},
			want:   Summary{Files: 3, New: 2, Duplicates: 1, Reports: 2},
			stored: []string{"c.src"},
			oneOf:  []string{"a.src", "b.src"},
		},
		{
			name:   "empty file is stored with its error kind",
			files:  map[string]string{"a.src": "", "b.src": "乙"},
			want:   Summary{Files: 2, New: 2, Reports: 1, Errors: map[string]int{KindEmpty: 1}},
			stored: []string{"a.src", "b.src"},
		},
		{
			name:   "unreadable file is counted, not stored",
			files:  map[string]string{"b.src": "乙"},
			link:   "gone.src",
			want:   Summary{Files: 2, New: 1, Reports: 1, Errors: map[string]int{KindRead: 1}},
			stored: []string{"b.src"},
		},
		{
			// Each file is larger than the read-ahead budget: it is read when no other is
			// held, one at a time, and none is lost.
			name:   "files larger than the read-ahead",
			files:  map[string]string{"1": "一一", "2": "二二", "3": "三三", "4": "四四", "5": "五五", "6": "六六"},
			ahead:  2,
			want:   Summary{Files: 6, New: 6, Reports: 6},
			stored: []string{"1", "2", "3", "4", "5", "6"},
		},
		{
			name:   "batches",
			files:  map[string]string{"1": "1", "2": "2", "3": "3", "4": "4", "5": "5"},
			batch:  2,
			want:   Summary{Files: 5, New: 5, Reports: 5},
			stored: []string{"1", "2", "3", "4", "5"},
			// Handed over two at a time, committed in one transaction by the bulk writer.
			nBatch: []int{5},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := tree(t, tc.files)
			if tc.link != "" {
				if err := os.Symlink(filepath.Join(dir, "nowhere"), filepath.Join(dir, tc.link)); err != nil {
					t.Fatal(err)
				}
			}
			db, _ := newDB(t)
			ing := New(Config{Workers: 3, BatchSize: tc.batch, ReadAhead: tc.ahead}, convert.New(convert.Config{}), db)
			got, err := ing.Run(ctx, []string{dir})
			if err != nil {
				t.Fatal(err)
			}
			var bytes int64
			for _, c := range tc.files {
				bytes += int64(len(c))
			}
			if got.Bytes > bytes || got.Bytes == 0 {
				t.Errorf("Bytes = %d, want (0, %d]", got.Bytes, bytes)
			}
			if tc.want.Errors == nil {
				tc.want.Errors = map[string]int{}
			}
			// What the extractor makes of the documents is its business: the summary must
			// count what the database holds.
			st := stats(t, db)
			if int64(got.New) != st.Documents || int64(got.Reports) != st.Reports ||
				int64(got.AnnualReports) != st.AnnualReports || int64(got.Facts) != st.Facts ||
				int64(got.Warnings) != st.Warnings || int64(got.FailedChecks) != st.FailedChecks {
				t.Errorf("summary %+v does not count the stored rows %+v", got, st)
			}
			got.Elapsed, got.Bytes = 0, 0
			got.AnnualReports, got.Facts, got.Warnings, got.FailedChecks = 0, 0, 0, 0
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("summary = %+v\nwant      %+v", got, tc.want)
			}

			stored := docs(t, db)
			var names, others []string
			for name := range stored {
				if slices.Contains(tc.oneOf, name) {
					others = append(others, name)
				} else {
					names = append(names, name)
				}
			}
			slices.Sort(names)
			if !slices.Equal(names, tc.stored) || len(tc.oneOf) > 0 && len(others) != 1 {
				t.Errorf("stored %v and %v, want %v and one of %v", names, others, tc.stored, tc.oneOf)
			}
			for name, d := range stored {
				if (d.ErrorKind != "") != (tc.want.Errors[d.ErrorKind] > 0) {
					t.Errorf("document %s: error kind %q, summary errors %v", name, d.ErrorKind, tc.want.Errors)
				}
			}
			checkStored(t, stored)
			if tc.nBatch != nil {
				if got := batchSizes(t, db); !slices.Equal(got, tc.nBatch) {
					t.Errorf("batches of %v documents, want %v", got, tc.nBatch)
				}
			}
		})
	}
}

func TestRunTwiceIsNoop(t *testing.T) {
	ctx := context.Background()
	dir := tree(t, map[string]string{"a.src": "甲", "b.src": "乙", "c.src": ""})
	db, _ := newDB(t)
	ing := New(Config{}, convert.New(convert.Config{}), db)
	if _, err := ing.Run(ctx, []string{dir}); err != nil {
		t.Fatal(err)
	}
	before, err := db.Integrity(ctx)
	if err != nil {
		t.Fatal(err)
	}
	firstDocs := docs(t, db)

	got, err := ing.Run(ctx, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	got.Elapsed = 0
	want := Summary{Files: 3, Bytes: got.Bytes, Unchanged: 3, Errors: map[string]int{}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("second run = %+v, want %+v", got, want)
	}
	after, err := db.Integrity(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after != before || after.Documents != 3 {
		t.Errorf("second run changed the database:\n%+v\nwas\n%+v", after, before)
	}
	// Not even rewritten: the rows keep the ingestion time of the first run's one batch.
	if !reflect.DeepEqual(docs(t, db), firstDocs) {
		t.Errorf("second run rewrote documents:\n%+v\nwas\n%+v", docs(t, db), firstDocs)
	}
	if b := batchSizes(t, db); !slices.Equal(b, []int{3}) {
		t.Errorf("batches = %v, want one of 3 from the first run", b)
	}
}

// TestRunErrors makes the store fail with real databases in a failing state: a closed one
// (Has fails) and one opened read-only (Has works, SaveBatch fails).
func TestRunErrors(t *testing.T) {
	tests := []struct {
		name    string
		paths   func(dir string) []string
		store   func(t *testing.T) (use, check *duckdb.DB) // the store Run gets, and one to look at afterwards
		ctx     func() context.Context
		wantErr error  // errors.Is, if set
		wantMsg string // the store's error, wrapped
		prefix  string
	}{
		{
			name:    "missing path",
			paths:   func(dir string) []string { return []string{filepath.Join(dir, "nope")} },
			store:   openStore,
			ctx:     context.Background,
			wantErr: os.ErrNotExist,
			prefix:  "ingest: ",
		},
		{
			name:    "store Has fails",
			paths:   func(dir string) []string { return []string{dir} },
			store:   closedStore,
			ctx:     context.Background,
			wantMsg: "duckdb: has ",
			prefix:  "ingest: ",
		},
		{
			name:    "store SaveBatch fails",
			paths:   func(dir string) []string { return []string{dir} },
			store:   readOnlyStore,
			ctx:     context.Background,
			wantMsg: "duckdb: save: ",
			prefix:  "ingest: save: ",
		},
		{
			name:  "cancelled",
			paths: func(dir string) []string { return []string{dir} },
			store: openStore,
			ctx: func() context.Context {
				ctx, cancel := context.WithCancel(context.Background())
				cancel()
				return ctx
			},
			wantErr: context.Canceled,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := tree(t, map[string]string{"a.src": "甲", "b.src": "乙"})
			use, check := tc.store(t)
			_, err := New(Config{Workers: 2}, convert.New(convert.Config{}), use).Run(tc.ctx(), tc.paths(dir))
			switch {
			case err == nil:
				t.Fatal("no error")
			case tc.wantErr != nil && !errors.Is(err, tc.wantErr),
				tc.wantMsg != "" && (errors.Unwrap(err) == nil || !strings.Contains(errors.Unwrap(err).Error(), tc.wantMsg)),
				!strings.HasPrefix(err.Error(), tc.prefix):
				t.Fatalf("err = %v, want %v %q wrapped with prefix %q", err, tc.wantErr, tc.wantMsg, tc.prefix)
			}
			t.Logf("err = %v", err)
			if st := stats(t, check); st.Documents != 0 || st.Reports != 0 {
				t.Errorf("stored %+v after an error", st)
			}
		})
	}
}
