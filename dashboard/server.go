// Package dashboard is nianbao's web application: the HTML pages for supervisors,
// researchers and journalists, the charts, the JSON/CSV/Parquet API under /api/v1 and the
// read-only SQL console. It is the only importer of echo and go-echarts. It writes no SQL
// of its own: numbers come from the analytics package, and the few reads analytics does
// not offer (report text, search, the console) from data/duckdb's dash_* queries.
package dashboard

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/time/rate"

	"nianbao/data/duckdb"
)

// Config tunes the server. Zero values take the defaults.
type Config struct {
	Addr string // listen address (default 127.0.0.1:8080)
	// RequestTimeout bounds each request's context; queries are interrupted at it.
	RequestTimeout time.Duration // default 15s
	// RateLimit is the sustained requests per second per client IP on /api, /sql and the
	// exports; Burst the extra requests allowed at once.
	RateLimit float64 // default 10
	Burst     int     // default 30
	Log       *slog.Logger
	// Crawler, if not nil, lets the /crawl page start crawls (serve --crawl); nil leaves
	// the page read-only, saying how to enable it.
	Crawler Crawler
	// CacheBytes bounds the response cache of the pages and the JSON API (0: off; see
	// cache.go). Only for a database nothing writes while the server runs: New refuses
	// it together with a Crawler.
	CacheBytes int64
	// MaxInFlight bounds the requests running their queries at once (default 4), and
	// MaxQueue those waiting for a turn (default 256); more are answered 503 with
	// Retry-After (shed.go).
	MaxInFlight, MaxQueue int
}

// Server is the web application over one database.
type Server struct {
	cfg     Config
	db      *duckdb.DB
	console *duckdb.Console
	an      Analytics
	e       *echo.Echo
	tmpl    *templates
	log     *slog.Logger
	cache   *responseCache // nil: off
}

// New builds the server. console may be nil (the SQL page then says it is off).
func New(cfg Config, db *duckdb.DB, an Analytics, console *duckdb.Console) (*Server, error) {
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:8080"
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = 15 * time.Second
	}
	if cfg.RateLimit <= 0 {
		cfg.RateLimit = 10
	}
	if cfg.Burst <= 0 {
		cfg.Burst = 30
	}
	if cfg.MaxInFlight <= 0 {
		cfg.MaxInFlight = 4
	}
	if cfg.MaxQueue <= 0 {
		cfg.MaxQueue = 256
	}
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	switch {
	case cfg.CacheBytes < 0:
		return nil, fmt.Errorf("dashboard: negative cache size %d", cfg.CacheBytes)
	case cfg.CacheBytes > 0 && cfg.Crawler != nil:
		return nil, errors.New("dashboard: the response cache needs a database nothing writes to; it cannot be used with a crawler")
	}
	tmpl, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, db: db, console: console, an: an, tmpl: tmpl, log: log}
	if cfg.CacheBytes > 0 {
		s.cache = newResponseCache(cfg.CacheBytes)
	}
	s.e = s.routes()
	return s, nil
}

// Handler is the application's http.Handler (for tests and embedding).
func (s *Server) Handler() http.Handler { return s.e }

// Run serves on cfg.Addr until ctx is cancelled, then shuts down gracefully, letting
// requests in flight finish for up to 10 seconds. ready, if not nil, receives the
// listening URL once the socket is open.
func (s *Server) Run(ctx context.Context, ready func(url string)) error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("dashboard: listen: %w", err)
	}
	srv := &http.Server{
		Handler:           s.e,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      s.cfg.RequestTimeout + 30*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if ready != nil {
		ready("http://" + ln.Addr().String() + "/")
	}
	select {
	case err := <-errc:
		return fmt.Errorf("dashboard: serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = srv.Shutdown(sctx)
	if s.cache != nil {
		st := s.CacheStats()
		s.log.Info("response cache", "hits", st.Hits, "coalesced", st.Coalesced, "misses", st.Misses,
			"stored", st.Stored, "evictions", st.Evictions, "entries", st.Entries, "bytes", st.Bytes)
	}
	if err != nil {
		return fmt.Errorf("dashboard: shutdown: %w", err)
	}
	return nil
}

// csp allows nothing from elsewhere and no inline script: chart options travel as JSON
// data blocks that static/app.js reads. ECharts sets element styles through the CSSOM,
// which style-src does not restrict; saveAsImage needs data: and blob: images.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
	"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
	"frame-ancestors 'none'; form-action 'self'"

func (s *Server) routes() *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	// The server faces clients directly (no proxy): trust the socket address, never
	// X-Forwarded-For, so a client cannot pick its own rate-limit bucket.
	e.IPExtractor = echo.ExtractIPDirect()
	e.HTTPErrorHandler = s.handleError
	e.Pre(middleware.RemoveTrailingSlash())
	e.Use(middleware.RequestID())
	e.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{DisableStackAll: true, LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
		s.log.Error("panic", "request_id", c.Response().Header().Get(echo.HeaderXRequestID), "err", err, "stack", string(stack))
		return err
	}}))
	e.Use(middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogStatus: true, LogURI: true, LogMethod: true, LogLatency: true, LogRequestID: true,
		LogRemoteIP: true, LogError: true, HandleError: true,
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			attrs := []any{"method", v.Method, "uri", v.URI, "status", v.Status,
				"latency_ms", v.Latency.Milliseconds(), "ip", v.RemoteIP, "request_id", v.RequestID}
			if xc := c.Response().Header().Get(headerXCache); xc != "" {
				attrs = append(attrs, "cache", xc)
			}
			if v.Error != nil {
				s.log.Warn("request", append(attrs, "err", v.Error.Error())...)
			} else {
				s.log.Info("request", attrs...)
			}
			return nil
		},
	}))
	e.Use(middleware.SecureWithConfig(middleware.SecureConfig{
		XSSProtection: "0", ContentTypeNosniff: "nosniff", XFrameOptions: "DENY",
		ReferrerPolicy: "same-origin", ContentSecurityPolicy: csp,
	}))
	e.Use(middleware.BodyLimit("64K"))
	e.Use(middleware.ContextTimeoutWithConfig(middleware.ContextTimeoutConfig{Timeout: s.cfg.RequestTimeout}))
	e.Use(checkQuery)
	limited := middleware.RateLimiterWithConfig(middleware.RateLimiterConfig{
		Skipper: func(c echo.Context) bool {
			p := c.Request().URL.Path
			return !(strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/sql") ||
				c.QueryParam("format") != "")
		},
		Store: middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
			Rate: rate.Limit(s.cfg.RateLimit), Burst: s.cfg.Burst, ExpiresIn: 3 * time.Minute}),
		IdentifierExtractor: func(c echo.Context) (string, error) { return c.RealIP(), nil },
		ErrorHandler: func(c echo.Context, err error) error {
			return echo.NewHTTPError(http.StatusForbidden)
		},
		DenyHandler: func(c echo.Context, id string, err error) error {
			return echo.NewHTTPError(http.StatusTooManyRequests)
		},
	})
	e.Use(limited)
	// The response cache behind the rate limit and the security headers, and in front of
	// gzip, so that a hit costs neither a query nor a compression.
	if s.cache != nil {
		e.Use(s.cache.middleware)
	}
	e.Use(newShedder(s.cfg.MaxInFlight, s.cfg.MaxQueue).middleware)
	e.Use(middleware.GzipWithConfig(middleware.GzipConfig{MinLength: 1024}))

	// cached marks a route whose GET responses are a function of the URL (the pages and
	// the JSON API over the read-only data), for the response cache to keep.
	cached := func(r *echo.Route) {
		if s.cache != nil {
			s.cache.routes[r.Path] = true
		}
	}
	e.GET("/static/*", s.static) // embedded files, cheap, with their own Cache-Control
	e.GET("/healthz", func(c echo.Context) error { return c.String(http.StatusOK, "ok") })
	cached(e.GET("/", s.overview))
	cached(e.GET("/report/:id", s.report))
	cached(e.GET("/organ", s.organ))
	cached(e.GET("/regions", s.regions))
	cached(e.GET("/keyareas", s.keyAreas))
	cached(e.GET("/quality", s.quality))
	cached(e.GET("/trends", s.trends))
	cached(e.GET("/export", s.exportPage))
	cached(e.GET("/search", s.search))
	// Never cached: the SQL console runs what the user typed, the crawl pages show live
	// progress and start crawls.
	e.GET("/sql", s.sqlPage)
	e.POST("/sql", s.sqlPage)
	e.GET("/crawl", s.crawlPage)
	e.POST("/crawl", s.crawlPage)
	api := e.Group("/api/v1")
	for name, h := range s.apiHandlers() {
		cached(api.GET("/"+name, h)) // JSON only: the cache passes CSV and Parquet exports through
	}
	api.GET("/crawl", s.apiCrawl)
	return e
}

// badRequest is an error whose message is ours and safe to show.
type badRequest struct{ msg string }

func (b badRequest) Error() string { return b.msg }

func badf(format string, a ...any) error { return badRequest{fmt.Sprintf(format, a...)} }

var errNotFound = errors.New("not found")

// handleError is the one place errors become responses. Only messages we wrote (bad
// request reasons, SQL console refusals) reach the client; everything else is logged
// with the request id and answered with the bare status text.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	code, msg := http.StatusInternalServerError, ""
	var he *echo.HTTPError
	var br badRequest
	switch {
	case errors.As(err, &br):
		code, msg = http.StatusBadRequest, br.msg
	case errors.Is(err, duckdb.ErrRefused):
		code, msg = http.StatusBadRequest, strings.TrimPrefix(err.Error(), "duckdb: ")
	case errors.Is(err, errNotFound):
		code = http.StatusNotFound
	case errors.Is(err, errOverloaded):
		code, msg = http.StatusServiceUnavailable, err.Error()
	case errors.Is(err, context.DeadlineExceeded):
		code, msg = http.StatusServiceUnavailable, "the query took too long and was stopped"
	case errors.As(err, &he):
		code = he.Code
		if errors.Is(he.Internal, context.DeadlineExceeded) {
			msg = "the query took too long and was stopped"
		}
	}
	if msg == "" {
		msg = http.StatusText(code)
	}
	rid := c.Response().Header().Get(echo.HeaderXRequestID)
	if code >= 500 {
		s.log.Error("request failed", "request_id", rid, "uri", c.Request().RequestURI, "err", err)
	}
	if c.Request().Method == http.MethodHead {
		c.NoContent(code) //nolint:errcheck // nothing left to do with a write error
		return
	}
	if strings.HasPrefix(c.Request().URL.Path, "/api/") || strings.HasPrefix(c.Request().URL.Path, "/static/") {
		c.JSON(code, map[string]any{"error": msg, "status": code, "request_id": rid}) //nolint:errcheck // see above
		return
	}
	s.render(c, code, "error", page{Title: T(langOf(c), "error"), Data: map[string]any{
		"Code": code, "Message": msg, "RequestID": rid}})
}
