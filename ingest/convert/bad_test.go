package convert

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"math/rand"
	"runtime"
	"strings"
	"testing"
	"time"
)

func zipOf(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBadInput(t *testing.T) {
	rnd := rand.New(rand.NewSource(1))
	random := make([]byte, 4096)
	rnd.Read(random)
	random[10] = 0
	cases := []struct {
		name string
		in   []byte
		cfg  Config
		err  error
		msg  string
	}{
		{"empty", nil, Config{}, ErrEmpty, "empty"},
		{"png", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), random...), Config{}, ErrUnsupported, "PNG image"},
		{"jpeg", append([]byte("\xff\xd8\xff\xe0"), random...), Config{}, ErrUnsupported, "JPEG image"},
		{"random bytes with NULs", random, Config{}, ErrUnsupported, "binary"},
		{"old word .doc", append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), random...), Config{}, ErrUnsupported, "old .doc/.xls"},
		{"xlsx", zipOf(t, map[string]string{"xl/workbook.xml": "<workbook/>"}), Config{}, ErrUnsupported, "XLSX"},
		{"zip", zipOf(t, map[string]string{"a.txt": "x"}), Config{}, ErrUnsupported, "zip archive"},
		{"too large", []byte(strings.Repeat("a", 2000)), Config{MaxBytes: 1000}, ErrTooLarge, "limit 1000"},
		{"docx without body xml is a zip", zipOf(t, map[string]string{"word/styles.xml": "<x/>"}), Config{}, ErrUnsupported, "zip archive"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(tc.cfg).Convert(context.Background(), "f", "", tc.in)
			if !errors.Is(err, tc.err) || !strings.Contains(err.Error(), tc.msg) || !strings.HasPrefix(err.Error(), "convert: ") {
				t.Errorf("err = %v, want %v mentioning %q", err, tc.err, tc.msg)
			}
		})
	}
}

// TestHugeHTML: a 50 MB page must come back whole, in bounded time and memory.
func TestHugeHTML(t *testing.T) {
	if testing.Short() {
		t.Skip("50 MB page")
	}
	one := mustRead(t, sample001)
	n := 50<<20/len(one) + 1
	page := make([]byte, 0, n*len(one)+64)
	page = append(page, "<html><body>"...)
	for i := 0; i < n; i++ {
		page = append(page, one...)
	}
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	doc := convertOK(t, "big.html", "", page)
	took := time.Since(start)
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if len(doc.Tables) != 3*n {
		t.Errorf("%d tables, want %d", len(doc.Tables), 3*n)
	}
	if c := strings.Count(doc.Text, "一、本年新收政府信息公开申请数量\t821"); c != n {
		t.Errorf("%d copies of the 表三 row, want %d", c, n)
	}
	// Allocation, not time, is what the test bounds (timings belong to benchmarks): a
	// converter that copied the page per table or per row would allocate gigabytes here,
	// where a linear one allocates about three times the page.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 10*uint64(len(page)) {
		t.Errorf("allocated %d MB for a %d MB page", alloc>>20, len(page)>>20)
	}
	t.Logf("%d MB in %s, %d MB allocated", len(page)>>20, took, (after.TotalAlloc-before.TotalAlloc)>>20)
}

func TestPDF(t *testing.T) {
	pdf := mustRead(t, "../../data/sample/t2019/010.pdf")
	src := string(mustRead(t, "../../data/sample/t2019/010.src"))
	t.Run("table three matches pdftotext -layout", func(t *testing.T) {
		doc := convertOK(t, "010.pdf", "application/pdf", pdf)
		if doc.Format != "pdf" || doc.Charset != "utf-8" {
			t.Errorf("format %q charset %q", doc.Format, doc.Charset)
		}
		want, got := table3Lines(src), table3Lines(doc.Text)
		if len(want) < 20 {
			t.Fatalf("only %d digit lines in 010.src 表三", len(want))
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("表三 differs:\n got %q\nwant %q", got, want)
		}
	})
	t.Run("truncated", func(t *testing.T) {
		doc, err := New(Config{Timeout: 20 * time.Second}).Convert(context.Background(), "010.pdf", "", pdf[:30<<10])
		switch {
		case err != nil && !errors.Is(err, ErrCorrupt):
			t.Errorf("err = %v, want ErrCorrupt", err)
		case err == nil && len(doc.Warnings) == 0:
			t.Errorf("truncated PDF converted without a warning")
		}
		t.Logf("truncated: err=%v", err)
	})
	t.Run("missing pdftotext", func(t *testing.T) {
		_, err := New(Config{PDFToText: "/nonexistent/pdftotext"}).Convert(context.Background(), "010.pdf", "", pdf)
		if err == nil || !strings.Contains(err.Error(), "poppler-utils") {
			t.Errorf("err = %v, want a hint to install poppler-utils", err)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := New(Config{}).Convert(ctx, "010.pdf", "", pdf); !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	})
}

// table3Lines returns the lines holding digits between the 表三 heading and 表四's.
func table3Lines(s string) []string {
	i := strings.Index(s, "三、收到和处理政府信息公开申请情况")
	j := strings.Index(s, "四、政府信息公开行政复议")
	if i < 0 || j < i {
		return nil
	}
	var out []string
	for _, l := range strings.Split(s[i:j], "\n") {
		if strings.ContainsAny(l, "0123456789") {
			out = append(out, l)
		}
	}
	return out
}
