package ingest

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestBudget holds the read-ahead budget's rules: bytes beyond the limit wait for a
// release, a request larger than the limit passes when nothing else is held, and a
// waiter returns when its run is cancelled.
func TestBudget(t *testing.T) {
	acquired := func(ctx context.Context, b *budget, n int64) <-chan error {
		done := make(chan error, 1)
		go func() { done <- b.acquire(ctx, n) }()
		return done
	}
	// waiting reports whether the acquire is still blocked after a moment. A blocked
	// acquire can only be seen not to finish; the moment bounds how long the test looks.
	waiting := func(done <-chan error) bool {
		select {
		case <-done:
			return false
		case <-time.After(50 * time.Millisecond):
			return true
		}
	}
	waits := []struct {
		name          string
		limit         int64
		held, request int64
	}{
		{name: "waits for a release", limit: 10, held: 8, request: 5},
		{name: "larger than the limit passes alone", limit: 10, held: 25, request: 1},
	}
	for _, tc := range waits {
		t.Run(tc.name, func(t *testing.T) {
			b := newBudget(tc.limit)
			if err := b.acquire(t.Context(), tc.held); err != nil {
				t.Fatal(err)
			}
			done := acquired(t.Context(), b, tc.request)
			if !waiting(done) {
				t.Fatalf("acquire of %d with %d of %d held did not wait", tc.request, tc.held, tc.limit)
			}
			b.release(tc.held)
			if err := <-done; err != nil {
				t.Fatalf("acquire after release: %v", err)
			}
			if b.used != tc.request {
				t.Errorf("used %d, want %d", b.used, tc.request)
			}
		})
	}
	t.Run("cancelled while waiting", func(t *testing.T) {
		b := newBudget(10)
		ctx, cancel := context.WithCancel(t.Context())
		defer context.AfterFunc(ctx, b.wake)()
		if err := b.acquire(ctx, 10); err != nil {
			t.Fatal(err)
		}
		done := acquired(ctx, b, 1)
		if !waiting(done) {
			t.Fatal("acquire of 1 with 10 of 10 held did not wait")
		}
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Fatalf("acquire after cancel: %v, want context.Canceled", err)
		}
		if b.used != 10 {
			t.Errorf("used %d, want the 10 still held", b.used)
		}
	})
}
