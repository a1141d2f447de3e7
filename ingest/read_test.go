package ingest

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestReadFile: a file is read whole, whatever its size against the buffer's first
// guess, and a path that cannot be read says which, and why, as os.ReadFile would.
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	big := bytes.Repeat([]byte("一二三四五六七八九十\n"), 40_000) // 1.2 MB, many reads
	tests := []struct {
		name    string
		path    string
		want    []byte
		wantErr error
	}{
		{"a report", write("r.html", []byte("<p>本年度新收政府信息公开申请 12 件</p>")), []byte("<p>本年度新收政府信息公开申请 12 件</p>"), nil},
		{"empty", write("empty.txt", nil), []byte{}, nil},
		{"exactly the read's slack", write("slack.txt", bytes.Repeat([]byte{'x'}, 512)), bytes.Repeat([]byte{'x'}, 512), nil},
		{"large", write("big.txt", big), big, nil},
		{"missing", filepath.Join(dir, "nope.html"), nil, fs.ErrNotExist},
		{"a directory", dir, nil, syscall.EISDIR},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadFile(tc.path)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				if !strings.Contains(err.Error(), tc.path) {
					t.Errorf("error %q does not name the path", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, tc.want) {
				t.Errorf("read %d bytes, want %d (equal: %v)", len(got), len(tc.want), bytes.Equal(got, tc.want))
			}
			// a file grown since its size was taken: read to its end all the same
			src, err := openSource(tc.path)
			if err != nil {
				t.Fatal(err)
			}
			defer src.close()
			if grown, err := readAll(src, 0); err != nil || !bytes.Equal(grown, tc.want) {
				t.Errorf("read past the size taken: %d bytes, err %v; want %d", len(grown), err, len(tc.want))
			}
			// readFile holds the size it read against the read-ahead budget
			b := newBudget(1 << 30)
			f := readFile(context.Background(), tc.path, b)
			if f.err != nil || !bytes.Equal(f.b, tc.want) || f.held != int64(len(tc.want)) || b.used != f.held {
				t.Errorf("readFile: err %v, %d bytes, held %d, budget used %d; want %d bytes held", f.err, len(f.b), f.held, b.used, len(tc.want))
			}
		})
	}
}
