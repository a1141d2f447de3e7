package bench

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"nianbao/data"
	"nianbao/data/duckdb"
	"nianbao/ingest"
	"nianbao/ingest/convert"
)

// storeBatch is how many items each write of the store phase takes: ingest's batch.
const storeBatch = 1024

// storeOnly measures DuckDB's share of an ingest: the items ingest would write, converted
// and extracted first without the clock running, written through the same bulk writer
// into a scratch database beside cfg.DBPath. Its time and CPU are those of the writes and
// of the final commit (DuckDB's threads included), not of the checkpoint a close does,
// which the ingest phase does not count either. What the ingest cannot go below, however
// cheap its extraction: at 10⁶ reports the ingest was 8.1× the tokenizer, extraction alone
// 5.1×, and the target is 3.5×.
func storeOnly(ctx context.Context, cfg Config, files []string, conv *convert.Converter) (Phase, error) {
	ph := Phase{Name: "store only (DuckDB writes, items ready)"}
	dir, err := os.MkdirTemp(filepath.Dir(cfg.DBPath), ".bench-store-")
	if err != nil {
		return ph, fmt.Errorf("bench: store: %w", err)
	}
	defer os.RemoveAll(dir)
	db, err := duckdb.Open(ctx, duckdb.Config{Path: filepath.Join(dir, "store.duckdb")})
	if err != nil {
		return ph, fmt.Errorf("bench: store: %w", err)
	}
	defer db.Close()
	ing := ingest.New(ingest.Config{}, conv, db)
	bw, err := db.BulkWriter(ctx)
	if err != nil {
		return ph, fmt.Errorf("bench: store: %w", err)
	}
	runtime.GC()
	if !resetPeakRSS() {
		ph.Note = "peak RSS is the process's so far"
	}
	timeIt := func(f func() error) error {
		// The extraction's garbage is collected before the clock starts, or the write
		// would pay for it.
		runtime.GC()
		start, cpu := time.Now(), cpuTime()
		err := f()
		ph.Elapsed += time.Since(start)
		ph.CPU += cpuTime() - cpu
		return err
	}
	facts := 0
	for start := 0; start < len(files); start += storeBatch {
		items, n, err := extractItems(ctx, ing, files[start:min(len(files), start+storeBatch)], cfg.Workers)
		if err != nil {
			bw.Abort() //nolint:errcheck // the read's error is the one to report
			return ph, err
		}
		if err := timeIt(func() error { _, err := bw.Write(ctx, items); return err }); err != nil {
			bw.Abort() //nolint:errcheck // the write's error is the one to report
			return ph, fmt.Errorf("bench: store: %w", err)
		}
		ph.Files += len(items)
		ph.Bytes += n
		for _, it := range items {
			for _, r := range it.Reports {
				facts += len(r.Metrics)
			}
		}
	}
	if err := timeIt(bw.Close); err != nil {
		return ph, fmt.Errorf("bench: store: %w", err)
	}
	ph.PeakRSS = peakRSS()
	ph.Note = strings.TrimPrefix(ph.Note+fmt.Sprintf("; facts %d", facts), "; ")
	return ph, ctx.Err()
}

// extractItems reads, converts and extracts files with n workers (parallelFiles), as
// ingest does, and returns their items with the bytes read.
func extractItems(ctx context.Context, ing *ingest.Ingester, files []string, n int) ([]data.Item, int64, error) {
	var mu sync.Mutex
	var items []data.Item
	var itemErr error
	_, total, err := parallelFiles(ctx, files, n, func(path string, b []byte) {
		it, _, err := ing.Item(ctx, ingest.Doc{Source: data.Source{Path: path}, Bytes: b})
		mu.Lock()
		defer mu.Unlock()
		items = append(items, it)
		itemErr = errors.Join(itemErr, err)
	})
	if err = errors.Join(err, itemErr); err != nil {
		return nil, 0, fmt.Errorf("bench: store: %w", err)
	}
	return items, total, nil
}
