package ingest

import (
	"context"
	"math"
	"runtime/debug"
	"sync"
	"testing"

	"nianbao/ingest/convert"
)

// gcSettings reads the collector's settings without changing them.
func gcSettings() (pct int, limit int64) {
	pct = debug.SetGCPercent(-1)
	debug.SetGCPercent(pct)
	return pct, debug.SetMemoryLimit(-1)
}

// setGC sets the collector's settings for a test and restores them after it.
func setGC(t *testing.T, pct int, limit int64) {
	oldPct, oldLimit := gcSettings()
	debug.SetGCPercent(pct)
	debug.SetMemoryLimit(limit)
	t.Cleanup(func() {
		debug.SetGCPercent(oldPct)
		debug.SetMemoryLimit(oldLimit)
	})
}

func TestBulkGC(t *testing.T) {
	tests := []struct {
		name      string
		pct       int
		limit     int64
		files     int
		wantPct   int
		wantLimit int64
	}{
		{"runtime defaults", 100, math.MaxInt64, 0, bulkGCPercent, bulkMemoryLimit},
		{"a higher percent is kept", 800, math.MaxInt64, 0, 800, bulkMemoryLimit},
		{"collection off stays off", -1, 1 << 30, 0, -1, bulkMemoryLimit},
		{"a lower limit is kept", 50, 100 << 20, 0, bulkGCPercent, 100 << 20},
		{"the limit grows with the files", 100, math.MaxInt64, 2_000_000, bulkGCPercent, bulkMemoryLimit + 2_000_000*bulkPerFile},
		{"a lower limit is kept, whatever the files", 100, 500 << 20, 2_000_000, bulkGCPercent, 500 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			setGC(t, tt.pct, tt.limit)
			restore := bulkGC(tt.files)
			pct, limit := gcSettings()
			restore()
			if pct != tt.wantPct || limit != tt.wantLimit {
				t.Errorf("during: GC percent %d, limit %d; want %d, %d", pct, limit, tt.wantPct, tt.wantLimit)
			}
			if pct, limit := gcSettings(); pct != tt.pct || limit != tt.limit {
				t.Errorf("after: GC percent %d, limit %d; want %d, %d as before", pct, limit, tt.pct, tt.limit)
			}
		})
	}
}

// gcWriter records the collector's settings each time Run's progress bar is drawn.
type gcWriter struct {
	mu   sync.Mutex
	seen [][2]int64
}

func (w *gcWriter) Write(p []byte) (int, error) {
	pct, limit := gcSettings()
	w.mu.Lock()
	w.seen = append(w.seen, [2]int64{int64(pct), limit})
	w.mu.Unlock()
	return len(p), nil
}

func TestRunBulkGC(t *testing.T) {
	for _, bulk := range []bool{false, true} {
		name := map[bool]string{false: "unset leaves the collector alone", true: "set for the run, restored after"}[bulk]
		t.Run(name, func(t *testing.T) {
			setGC(t, 100, math.MaxInt64)
			db, _ := newDB(t)
			dir := tree(t, map[string]string{"a.src": "甲", "b.src": "乙"})
			var w gcWriter
			ing := New(Config{BulkGC: bulk, Progress: &w}, convert.New(convert.Config{}), db)
			if _, err := ing.Run(context.Background(), []string{dir}); err != nil {
				t.Fatal(err)
			}
			want := [2]int64{100, math.MaxInt64}
			if bulk {
				want = [2]int64{bulkGCPercent, bulkMemoryLimit + 2*bulkPerFile} // two files
			}
			if len(w.seen) == 0 {
				t.Fatal("the progress bar was never drawn")
			}
			for _, s := range w.seen {
				if s != want {
					t.Errorf("during the run: GC percent %d, limit %d; want %d, %d", s[0], s[1], want[0], want[1])
				}
			}
			if pct, limit := gcSettings(); pct != 100 || limit != math.MaxInt64 {
				t.Errorf("after the run: GC percent %d, limit %d; want 100 and no limit", pct, limit)
			}
		})
	}
}
