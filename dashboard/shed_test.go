package dashboard

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
)

// TestShedder: with one slot and a queue of one, a request runs, the next waits for the
// slot and then runs, the third is answered 503 at once with Retry-After; a waiting
// request whose context ends is answered 503; static files and /healthz pass a full
// shedder.
func TestShedder(t *testing.T) {
	sh := newShedder(1, 1)
	entered := make(chan string, 4)
	release := make(chan struct{})
	e := echo.New()
	e.HTTPErrorHandler = func(err error, c echo.Context) {
		code := http.StatusInternalServerError
		if errors.Is(err, errOverloaded) {
			code = http.StatusServiceUnavailable
		}
		c.NoContent(code) //nolint:errcheck
	}
	e.Use(sh.middleware)
	block := func(c echo.Context) error {
		entered <- c.Request().URL.Path
		<-release
		return c.NoContent(http.StatusOK)
	}
	e.GET("/a", block)
	e.GET("/b", block)
	e.GET("/c", block)
	e.GET("/healthz", func(c echo.Context) error { return c.NoContent(http.StatusOK) })
	e.GET("/static/x.js", func(c echo.Context) error { return c.NoContent(http.StatusOK) })

	serve := func(ctx context.Context, path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil).WithContext(ctx))
		return rec
	}
	queued := func() int {
		sh.mu.Lock()
		defer sh.mu.Unlock()
		return sh.waiting
	}
	waitQueued := func(n int) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); queued() != n; time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%d requests waiting, want %d", queued(), n)
			}
		}
	}
	ctx := context.Background()
	codes := make(chan [2]any, 2)
	go func() { codes <- [2]any{"/a", serve(ctx, "/a").Code} }()
	if p := <-entered; p != "/a" {
		t.Fatalf("%s entered first", p)
	}
	go func() { codes <- [2]any{"/b", serve(ctx, "/b").Code} }()
	waitQueued(1)

	rec := serve(ctx, "/c")
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") != "1" {
		t.Errorf("third request: %d, Retry-After %q; want 503, 1", rec.Code, rec.Header().Get("Retry-After"))
	}
	for _, p := range []string{"/healthz", "/static/x.js"} {
		if rec := serve(ctx, p); rec.Code != http.StatusOK {
			t.Errorf("%s with the shedder full: %d", p, rec.Code)
		}
	}
	release <- struct{}{} // /a returns; /b takes the slot
	if p := <-entered; p != "/b" {
		t.Fatalf("%s entered second", p)
	}
	release <- struct{}{}
	for range 2 {
		if r := <-codes; r[1] != http.StatusOK {
			t.Errorf("%s: %v, want 200", r[0], r[1])
		}
	}

	// a waiter whose context ends is shed
	go func() { codes <- [2]any{"/a", serve(ctx, "/a").Code} }()
	<-entered
	done, cancel := context.WithCancel(ctx)
	go func() { codes <- [2]any{"/b", serve(done, "/b").Code} }()
	waitQueued(1)
	cancel()
	if r := <-codes; r[0] != "/b" || r[1] != http.StatusServiceUnavailable {
		t.Errorf("the waiter whose context ended: %v %v, want /b 503", r[0], r[1])
	}
	release <- struct{}{}
	if r := <-codes; r[1] != http.StatusOK {
		t.Errorf("%s: %v, want 200", r[0], r[1])
	}
	if n := queued(); n != 0 {
		t.Errorf("%d still waiting", n)
	}
}
