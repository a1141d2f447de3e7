package ingest

// The stores TestRunErrors runs against, and TestRunBadInput: one bad document never
// stops a batch.

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"nianbao/data/duckdb"
	"nianbao/ingest/convert"
)

func openStore(t *testing.T) (use, check *duckdb.DB) {
	db, _ := newDB(t)
	return db, db
}

// closedStore is a database that was closed: every query fails. The file, opened again,
// shows what the run stored.
func closedStore(t *testing.T) (use, check *duckdb.DB) {
	db, path := newDB(t)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := duckdb.Open(context.Background(), duckdb.Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { again.Close() })
	return db, again
}

// readOnlyStore is a migrated database opened read-only: Has reads, SaveBatch fails.
func readOnlyStore(t *testing.T) (use, check *duckdb.DB) {
	db, path := newDB(t)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := duckdb.OpenReadOnly(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ro.Close() })
	return ro, ro
}

// TestRunBadInput ingests, in one directory and one run, the inputs the portals serve
// that are not reports, or not what they claim, followed by a good report: each bad one
// is counted and logged as an error of its kind or stored with what could be read, and
// the run goes on to store the good one with its facts.
func TestRunBadInput(t *testing.T) {
	ctx := context.Background()
	read := func(t *testing.T, path string) []byte {
		t.Helper()
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	hasFact := func(key string, want float64) func(t *testing.T, db *duckdb.DB, d storedDoc) {
		return func(t *testing.T, db *duckdb.DB, d storedDoc) {
			t.Helper()
			if v, ok := fact(t, db, filepath.Base(d.Path), key); !ok || v != want {
				t.Errorf("%s = %v (found %t), want %v", key, v, ok, want)
			}
		}
	}
	const hugeEnd = "页面到此结束"
	cases := []struct {
		name  string
		file  string // walked in this (lexical) order
		bytes func(t *testing.T) []byte
		kind  string // the error kind; "" means stored with a report
		check func(t *testing.T, db *duckdb.DB, d storedDoc)
		long  bool // left out with -short
	}{
		{
			name: "binary file",
			file: "1-image.png",
			bytes: func(*testing.T) []byte {
				return append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 4096)...)
			},
			kind: KindUnsupported,
		},
		{
			name:  "empty file",
			file:  "2-empty.html",
			bytes: func(*testing.T) []byte { return nil },
			kind:  KindEmpty,
		},
		{
			name: "50 MB page",
			file: "3-huge.html",
			bytes: func(*testing.T) []byte {
				var b bytes.Buffer
				b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>政务公开</title></head><body>\n")
				for i := 0; b.Len() < 50<<20; i++ {
					fmt.Fprintf(&b, "<div class=\"item\"><p>第%d条 政府信息公开工作动态，本机关依法主动公开政府信息。</p></div>\n", i)
				}
				b.WriteString("<p>" + hugeEnd + "</p></body></html>\n")
				return b.Bytes()
			},
			check: func(t *testing.T, db *duckdb.DB, d storedDoc) {
				if d.Size < 50<<20 || d.Format != "html" {
					t.Errorf("size %d format %q, want a 50 MB html page", d.Size, d.Format)
				}
				// Converted whole: the stored text reaches the end of the page.
				rows, err := db.QueryContext(context.Background(),
					`SELECT strpos(text, ?) > 0 FROM report_texts WHERE document_sha256 = ?`, hugeEnd, d.SHA256)
				if err != nil {
					t.Fatal(err)
				}
				defer rows.Close()
				var whole bool
				for rows.Next() {
					if err := rows.Scan(&whole); err != nil {
						t.Fatal(err)
					}
				}
				if err := rows.Err(); err != nil || !whole {
					t.Errorf("stored text lacks the end of the page (%v)", err)
				}
			},
			long: true,
		},
		{
			name: "GBK page declared UTF-8",
			file: "4-gbk.html",
			bytes: func(t *testing.T) []byte {
				page := "<html><head><meta charset=\"utf-8\"><title>政府信息公开工作年度报告</title></head><body><p>" +
					string(read(t, sample002)) + "</p></body></html>"
				b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(page))
				if err != nil {
					t.Fatal(err)
				}
				return b
			},
			check: func(t *testing.T, db *duckdb.DB, d storedDoc) {
				if d.Charset != "gb18030" || !slices.ContainsFunc(d.Warnings, func(w any) bool {
					s, _ := w.(string)
					return strings.Contains(s, "declared utf-8 but bytes are gb18030")
				}) {
					t.Errorf("charset %q, warnings %q: want gb18030 and a warning", d.Charset, d.Warnings)
				}
				hasFact("requests_new", 23)(t, db, d)
			},
		},
		{
			name:  "truncated PDF",
			file:  "5-truncated.pdf",
			bytes: func(t *testing.T) []byte { return read(t, sample010)[:30<<10] },
			kind:  KindCorrupt,
		},
		{
			name:  "good report after them",
			file:  "6-good.html",
			bytes: func(t *testing.T) []byte { return read(t, sample001) },
			check: hasFact("requests_new", 859),
		},
	}

	dir := t.TempDir()
	want := Summary{Errors: map[string]int{}}
	for _, tc := range cases {
		if tc.long && testing.Short() {
			continue
		}
		b := tc.bytes(t)
		if err := os.WriteFile(filepath.Join(dir, tc.file), b, 0o644); err != nil {
			t.Fatal(err)
		}
		want.Files++
		want.New++
		want.Bytes += int64(len(b))
		if tc.kind != "" {
			want.Errors[tc.kind]++
		} else {
			want.Reports++
		}
	}
	var logs bytes.Buffer
	db, _ := newDB(t)
	ing := New(Config{Workers: 3, BatchSize: 2, Log: slog.New(slog.NewTextHandler(&logs, nil))},
		convert.New(convert.Config{}), db)
	got, err := ing.Run(ctx, []string{dir})
	if err != nil {
		t.Fatalf("run stopped: %v", err)
	}
	t.Logf("summary %+v\n%s", got, logs.String())
	if got.Files != want.Files || got.New != want.New || got.Bytes != want.Bytes ||
		got.Reports != want.Reports || !reflect.DeepEqual(got.Errors, want.Errors) {
		t.Errorf("summary %+v, want files %d new %d bytes %d reports %d errors %v",
			got, want.Files, want.New, want.Bytes, want.Reports, want.Errors)
	}
	st := stats(t, db)
	if st.Documents != int64(want.New) || st.FailedDocuments != int64(got.Failed()) || st.Reports != int64(want.Reports) {
		t.Errorf("stored %+v, want %d documents, %d failed, %d reports", st, want.New, got.Failed(), want.Reports)
	}
	stored := docs(t, db)
	checkStored(t, stored)
	logLines := strings.Split(logs.String(), "\n")

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.long && testing.Short() {
				t.Skip("50 MB page")
			}
			d, ok := stored[tc.file]
			if !ok {
				t.Fatalf("%s not stored", tc.file)
			}
			logged := slices.ContainsFunc(logLines, func(l string) bool {
				return strings.Contains(l, tc.file) && strings.Contains(l, "kind="+tc.kind)
			})
			if tc.kind != "" {
				if d.ErrorKind != tc.kind || !logged {
					t.Errorf("error kind %q (logged %t), want %q logged", d.ErrorKind, logged, tc.kind)
				}
			} else if d.ErrorKind != "" || strings.Contains(logs.String(), tc.file) {
				t.Errorf("failed (kind %q, %s), want stored with its report", d.ErrorKind, d.Error)
			}
			if tc.check != nil {
				tc.check(t, db, d)
			}
		})
	}
}
