package dashboard

import (
	"errors"
	"strings"
	"sync"

	"github.com/labstack/echo/v4"
)

// The shedder bounds how many requests run their queries at once and how many wait for
// a turn; past that a request is answered 503 at once, with Retry-After. Without it, an
// overload (200 requests/s of uncached URLs at 10⁶ reports on 2 cores, where each costs
// 20-30 ms) put thousands of requests into DuckDB together: the process grew to 3.1 GB
// and every request slowed until all timed out. Queued requests cost a goroutine each;
// running ones cost DuckDB's memory and the cores' time, which more of them only share.
// Cache hits never reach it (it sits behind the response cache), nor static files.

// errOverloaded is a request shed by the shedder.
var errOverloaded = errors.New("the server is busy; retry shortly")

type shedder struct {
	slots chan struct{} // one per request running
	mu    sync.Mutex
	// waiting counts the requests waiting for a slot; at maxQueue more are shed
	waiting, maxQueue int
}

func newShedder(inFlight, queue int) *shedder {
	return &shedder{slots: make(chan struct{}, inFlight), maxQueue: queue}
}

func (sh *shedder) middleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if p := c.Request().URL.Path; strings.HasPrefix(p, "/static/") || p == "/healthz" {
			return next(c)
		}
		select {
		case sh.slots <- struct{}{}:
		default:
			if err := sh.wait(c); err != nil {
				return err
			}
		}
		defer func() { <-sh.slots }()
		return next(c)
	}
}

// wait queues c for a slot, unless the queue is full; it gives up when c's context ends
// (the request timeout, or the client gone).
func (sh *shedder) wait(c echo.Context) error {
	sh.mu.Lock()
	if sh.waiting >= sh.maxQueue {
		sh.mu.Unlock()
		c.Response().Header().Set("Retry-After", "1")
		return errOverloaded
	}
	sh.waiting++
	sh.mu.Unlock()
	defer func() {
		sh.mu.Lock()
		sh.waiting--
		sh.mu.Unlock()
	}()
	select {
	case sh.slots <- struct{}{}:
		return nil
	case <-c.Request().Context().Done():
		c.Response().Header().Set("Retry-After", "1")
		return errOverloaded
	}
}
