package ingest

import (
	"bytes"
	"context"
	"sync"
)

// file is a file read for a worker, who releases its bytes from the read-ahead budget.
type file struct {
	path string
	b    []byte
	err  error
	held int64
}

// readAhead reads files in the background, cfg.Readers at a time, and hands them over in
// the order they were read. The readers wait on the disk so that the workers do not: at
// 10⁶ reports, most of which were no longer in the page cache, the two workers' cores
// were idle for a tenth of the run.
func (ing *Ingester) readAhead(ctx context.Context, paths *pathList, budget *budget) <-chan file {
	names := make(chan string)
	out := make(chan file, 64)
	go func() {
		defer close(names)
		for i := range paths.len() {
			select {
			case names <- paths.at(i):
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range ing.cfg.Readers {
		wg.Go(func() {
			for p := range names {
				f := readFile(ctx, p, budget)
				select {
				case out <- f:
				case <-ctx.Done():
					budget.release(f.held)
					return
				}
			}
		})
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

// readFile reads a file once the budget, if any, has room for its size.
func readFile(ctx context.Context, path string, budget *budget) file {
	f := file{path: path}
	src, err := openSource(path)
	if err != nil {
		f.err = err
		return f
	}
	defer src.close()
	n, err := src.size()
	if err != nil {
		f.err = err
		return f
	}
	if budget != nil {
		if err := budget.acquire(ctx, n); err != nil {
			f.err = err
			return f
		}
		f.held = n
	}
	f.b, f.err = readAll(src, n)
	return f
}

// ReadFile reads the file at path whole, as an ingest does (the bench reads its corpus
// with it).
func ReadFile(path string) ([]byte, error) {
	f := readFile(context.Background(), path, nil)
	return f.b, f.err
}

// readAll reads src to its end, into a buffer with room for size bytes and the read
// that finds the end; it grows if the file did.
func readAll(src source, size int64) ([]byte, error) {
	b := make([]byte, 0, size+bytes.MinRead)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := src.read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil || n == 0 {
			return b, err
		}
	}
}

// budget bounds the bytes held by files read ahead.
type budget struct {
	mu    sync.Mutex
	cond  *sync.Cond
	limit int64
	used  int64
}

func newBudget(limit int64) *budget {
	b := &budget{limit: limit}
	b.cond = sync.NewCond(&b.mu)
	return b
}

// acquire waits until n bytes fit, or nothing else is held, or ctx is done.
func (b *budget) acquire(ctx context.Context, n int64) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	for b.used > 0 && b.used+n > b.limit {
		if err := ctx.Err(); err != nil {
			return err
		}
		b.cond.Wait()
	}
	b.used += n
	return nil
}

// wake wakes the waiters, to see that their context is done. It holds the lock so that
// none is between its check of the context and its wait.
func (b *budget) wake() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.cond.Broadcast()
}

func (b *budget) release(n int64) {
	if n == 0 {
		return
	}
	b.mu.Lock()
	b.used -= n
	b.mu.Unlock()
	b.cond.Broadcast()
}
