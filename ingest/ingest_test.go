package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"nianbao/data"
	"nianbao/ingest/convert"
	"nianbao/ingest/extract"
)

// memStore is a Store in memory.
type memStore struct {
	mu      sync.Mutex
	docs    map[string]data.Item
	batches []int
	hasErr  error
	saveErr error
}

func newMemStore() *memStore { return &memStore{docs: map[string]data.Item{}} }

func (m *memStore) Has(ctx context.Context, sha, version string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.hasErr != nil {
		return false, m.hasErr
	}
	it, ok := m.docs[sha]
	return ok && it.Extractor == version, nil
}

func (m *memStore) SaveBatch(ctx context.Context, items []data.Item) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.saveErr != nil {
		return m.saveErr
	}
	m.batches = append(m.batches, len(items))
	for _, it := range items {
		m.docs[it.Source.SHA256] = it
	}
	return nil
}

func (m *memStore) paths() []string {
	var ps []string
	for _, it := range m.docs {
		ps = append(ps, filepath.Base(it.Source.Path))
	}
	sort.Strings(ps)
	return ps
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

func TestRun(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name   string
		files  map[string]string
		link   string // a dangling symbolic link of this name
		batch  int
		want   Summary
		stored []string // base names stored
		nBatch int
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
			stored: nil, // which of a and b wins depends on the workers
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
			name:   "batches",
			files:  map[string]string{"1": "1", "2": "2", "3": "3", "4": "4", "5": "5"},
			batch:  2,
			want:   Summary{Files: 5, New: 5, Reports: 5},
			stored: []string{"1", "2", "3", "4", "5"},
			nBatch: 3,
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
			store := newMemStore()
			ing := New(Config{Workers: 3, BatchSize: tc.batch}, convert.New(convert.Config{}), store)
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
			// count what was saved.
			var saved Summary
			for _, it := range store.docs {
				saved.add(it)
			}
			if got.AnnualReports != saved.AnnualReports || got.Facts != saved.Facts ||
				got.Warnings != saved.Warnings || got.FailedChecks != saved.FailedChecks {
				t.Errorf("summary %+v does not count the saved reports %+v", got, saved)
			}
			got.Elapsed, got.Bytes = 0, 0
			got.AnnualReports, got.Facts, got.Warnings, got.FailedChecks = 0, 0, 0, 0
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("summary = %+v\nwant      %+v", got, tc.want)
			}
			if tc.stored != nil && !reflect.DeepEqual(store.paths(), tc.stored) {
				t.Errorf("stored %v, want %v", store.paths(), tc.stored)
			}
			if tc.nBatch != 0 && len(store.batches) != tc.nBatch {
				t.Errorf("%d batches (%v), want %d", len(store.batches), store.batches, tc.nBatch)
			}
			for _, it := range store.docs {
				if it.Extractor != extract.Version || len(it.Source.SHA256) != 64 {
					t.Errorf("item %s: extractor %q sha %q", it.Source.Path, it.Extractor, it.Source.SHA256)
				}
				if it.Source.ErrorKind == "" && (len(it.Reports) != 1 || it.Reports[0].SourcePath != it.Source.Path) {
					t.Errorf("item %s: reports %+v", it.Source.Path, it.Reports)
				}
				if it.Source.ErrorKind != "" && (len(it.Reports) != 0 || it.Source.Error == "") {
					t.Errorf("failed item %s: reports %d, error %q", it.Source.Path, len(it.Reports), it.Source.Error)
				}
			}
		})
	}
}

func TestRunTwiceIsNoop(t *testing.T) {
	ctx := context.Background()
	dir := tree(t, map[string]string{"a.src": "甲", "b.src": "乙", "c.src": ""})
	store := newMemStore()
	ing := New(Config{}, convert.New(convert.Config{}), store)
	if _, err := ing.Run(ctx, []string{dir}); err != nil {
		t.Fatal(err)
	}
	got, err := ing.Run(ctx, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	got.Elapsed = 0
	want := Summary{Files: 3, Bytes: got.Bytes, Unchanged: 3, Errors: map[string]int{}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("second run = %+v, want %+v", got, want)
	}
	if len(store.batches) != 1 {
		t.Errorf("batches = %v, want one from the first run", store.batches)
	}
}

func TestRunErrors(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name    string
		paths   func(dir string) []string
		store   func() *memStore
		ctx     func() context.Context
		wantErr error
		prefix  string
	}{
		{"missing path", func(dir string) []string { return []string{filepath.Join(dir, "nope")} }, newMemStore, context.Background, os.ErrNotExist, "ingest: "},
		{"store Has fails", func(dir string) []string { return []string{dir} }, func() *memStore { m := newMemStore(); m.hasErr = boom; return m }, context.Background, boom, "ingest: "},
		{"store SaveBatch fails", func(dir string) []string { return []string{dir} }, func() *memStore { m := newMemStore(); m.saveErr = boom; return m }, context.Background, boom, "ingest: save: "},
		{"cancelled", func(dir string) []string { return []string{dir} }, newMemStore, func() context.Context {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx
		}, context.Canceled, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := tree(t, map[string]string{"a.src": "甲", "b.src": "乙"})
			store := tc.store()
			_, err := New(Config{Workers: 2}, convert.New(convert.Config{}), store).Run(tc.ctx(), tc.paths(dir))
			if !errors.Is(err, tc.wantErr) || !strings.HasPrefix(err.Error(), tc.prefix) {
				t.Fatalf("err = %v, want %v with prefix %q", err, tc.wantErr, tc.prefix)
			}
			if len(store.docs) != 0 {
				t.Errorf("stored %d documents after an error", len(store.docs))
			}
		})
	}
}

func TestErrorKind(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"empty", convert.ErrEmpty, KindEmpty},
		{"wrapped too large", errors.Join(errors.New("x"), convert.ErrTooLarge), KindTooLarge},
		{"unsupported", convert.ErrUnsupported, KindUnsupported},
		{"corrupt", convert.ErrCorrupt, KindCorrupt},
		{"other", errors.New("pdftotext: exit 1"), KindConvert},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := errorKind(tc.err); got != tc.want {
				t.Errorf("errorKind(%v) = %s, want %s", tc.err, got, tc.want)
			}
		})
	}
}

func TestWriteTable(t *testing.T) {
	var b strings.Builder
	s := Summary{Files: 10, New: 7, Unchanged: 2, Duplicates: 1, Reports: 6, Errors: map[string]int{KindEmpty: 1, KindCorrupt: 2}}
	if err := s.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"files seen", "10", "failed files", "  corrupt", "  empty"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("summary table lacks %q:\n%s", want, b.String())
		}
	}
}
