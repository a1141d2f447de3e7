package crawl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cenkalti/backoff/v5"
	"github.com/temoto/robotstxt"
	"golang.org/x/time/rate"
)

// Error kinds of a failed fetch, the keys of Summary.Errors.
const (
	ErrKindRobots    = "robots"    // robots.txt disallows it
	ErrKindHTTP4xx   = "http_4xx"  // the server refused it; not retried
	ErrKindHTTP5xx   = "http_5xx"  // the server failed, also after retries
	ErrKindTimeout   = "timeout"   // no (complete) answer in time, also after retries
	ErrKindNetwork   = "network"   // connection refused, reset, DNS …
	ErrKindTooLarge  = "too_large" // body above Config.MaxBody
	ErrKindRedirect  = "redirect"  // too many redirects, a loop, or off the allowed hosts
	ErrKindTrap      = "trap"      // the URL looks like a crawler trap
	ErrKindCancelled = "cancelled"
)

// fetchError is a failed fetch with its kind.
type fetchError struct {
	kind   string
	status int
	err    error
}

func (e *fetchError) Error() string { return "crawl: " + e.kind + ": " + e.err.Error() }
func (e *fetchError) Unwrap() error { return e.err }

// errKind returns the kind of a fetch error.
func errKind(err error) string {
	var fe *fetchError
	if errors.As(err, &fe) {
		return fe.kind
	}
	if errors.Is(err, context.Canceled) {
		return ErrKindCancelled
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return ErrKindTimeout
	}
	return ErrKindNetwork
}

type fetchReq struct {
	URL          *url.URL
	Method       string
	Body         string
	ETag         string
	LastModified string
}

type fetchResp struct {
	Status       int
	NotModified  bool
	Body         []byte
	ContentType  string
	ETag         string
	LastModified string
	Attempts     int
	Elapsed      time.Duration
}

// host is the politeness state of one host: its token bucket and robots.txt.
type host struct {
	limiter *rate.Limiter
	once    sync.Once
	robots  *robotstxt.Group
	delay   time.Duration

	mu      sync.Mutex
	answers time.Time // when the last request to the host was answered (or failed)
}

// space waits until one interval of the host's rate has passed since its last request
// was answered. The token bucket paces when requests may start; this paces when they
// reach the wire: whatever delays a request after its token (a global slot, a dial, the
// scheduler) cannot bring it closer to the next one. And since the server saw the last
// request before it answered, the server too never sees two requests closer than the
// interval.
func (h *host) space(ctx context.Context) error {
	lim := h.limiter.Limit()
	if lim == rate.Inf || lim <= 0 {
		return nil
	}
	h.mu.Lock()
	wait := time.Until(h.answers.Add(time.Duration(float64(time.Second) / float64(lim))))
	h.mu.Unlock()
	if wait <= 0 {
		return nil
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// answered records that a request to the host was answered at t (its first response
// byte), or failed then; the earliest call for one request counts.
func (h *host) answered(t time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if t.After(h.answers) {
		h.answers = t
	}
}

// pacedTransport spaces the requests to each host, redirect hops included (see host.space).
// The crawler has one fetch of a host in flight, so its requests are sequential (a
// redirect hop to another allowed host may overlap that host's own, still within its bucket).
type pacedTransport struct {
	f    *fetcher
	next http.RoundTripper
}

func (t pacedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	hs := t.f.host(req.URL.Host)
	if err := hs.space(req.Context()); err != nil {
		return nil, err
	}
	var once sync.Once
	mark := func() { once.Do(func() { hs.answered(time.Now()) }) }
	req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{GotFirstResponseByte: mark}))
	res, err := t.next.RoundTrip(req)
	mark()
	return res, err
}

// fetcher makes HTTP requests politely. Requests to one host pass its token bucket (every
// attempt and every redirect hop takes a token) and the global semaphore, which bounds
// the connections open across hosts.
type fetcher struct {
	cfg    Config
	client *http.Client
	sem    chan struct{}
	mu     sync.Mutex
	hosts  map[string]*host
}

func newFetcher(cfg Config) *fetcher {
	f := &fetcher{cfg: cfg, sem: make(chan struct{}, cfg.Concurrency), hosts: map[string]*host{}}
	tr := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: cfg.Timeout}).DialContext,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       30 * time.Second,
		ResponseHeaderTimeout: cfg.Timeout,
		TLSHandshakeTimeout:   cfg.Timeout,
	}
	f.client = &http.Client{Transport: pacedTransport{f: f, next: tr}, CheckRedirect: f.checkRedirect}
	return f
}

func (f *fetcher) host(h string) *host {
	f.mu.Lock()
	defer f.mu.Unlock()
	hs, ok := f.hosts[h]
	if !ok {
		hs = &host{limiter: rate.NewLimiter(rate.Limit(f.cfg.PerHostRate), 1)}
		f.hosts[h] = hs
	}
	return hs
}

// checkRedirect follows a redirect only within the limit, on the same host (or a host the
// profile allows) and where robots.txt allows; each hop waits for a token like any request.
func (f *fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > f.cfg.MaxRedirects {
		return &fetchError{kind: ErrKindRedirect, err: fmt.Errorf("more than %d redirects", f.cfg.MaxRedirects)}
	}
	for _, v := range via {
		if v.URL.String() == req.URL.String() {
			return &fetchError{kind: ErrKindRedirect, err: fmt.Errorf("redirect loop at %s", req.URL)}
		}
	}
	if req.URL.Host != via[0].URL.Host && !f.cfg.allowedHost(req.URL.Host) {
		return &fetchError{kind: ErrKindRedirect, err: fmt.Errorf("redirect off host to %s", req.URL.Host)}
	}
	hs := f.host(req.URL.Host)
	// robots.txt itself is fetched inside the host's sync.Once: checking it here would
	// re-enter the Once.
	if via[0].URL.Path != "/robots.txt" && !f.allowed(req.Context(), hs, req.URL) {
		return &fetchError{kind: ErrKindRobots, err: fmt.Errorf("robots.txt disallows %s", req.URL.Path)}
	}
	if err := hs.limiter.Wait(req.Context()); err != nil {
		return err
	}
	req.Header.Set("User-Agent", f.cfg.UserAgent)
	return nil
}

// allowed reports whether robots.txt of u's host allows u, fetching it the first time.
// An unreachable robots.txt allows everything (as when it is missing); a 5xx one
// disallows everything (RFC 9309), and so does a body the parser rejects.
func (f *fetcher) allowed(ctx context.Context, hs *host, u *url.URL) bool {
	hs.once.Do(func() {
		ru := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
		resp, err := f.do(ctx, hs, fetchReq{URL: ru, Method: http.MethodGet}, 1)
		status := 404
		var body []byte
		if err == nil {
			status, body = resp.Status, resp.Body
		} else {
			var fe *fetchError
			if errors.As(err, &fe) && fe.status != 0 {
				status = fe.status
			}
		}
		rd, perr := robotstxt.FromStatusAndBytes(status, body)
		if perr != nil {
			rd, _ = robotstxt.FromStatusAndBytes(500, nil)
		}
		hs.robots = rd.FindGroup(f.cfg.RobotsAgent)
		if hs.robots.CrawlDelay > 0 {
			hs.delay = hs.robots.CrawlDelay
			if lim := rate.Every(hs.delay); lim < hs.limiter.Limit() {
				hs.limiter.SetLimit(lim)
			}
		}
	})
	p := u.EscapedPath()
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return hs.robots.Test(p)
}

// fetch gets one URL: robots.txt first, then the request with retries.
func (f *fetcher) fetch(ctx context.Context, r fetchReq) (*fetchResp, error) {
	hs := f.host(r.URL.Host)
	if !f.allowed(ctx, hs, r.URL) {
		return nil, &fetchError{kind: ErrKindRobots, err: fmt.Errorf("robots.txt disallows %s", r.URL.Path)}
	}
	return f.do(ctx, hs, r, f.cfg.Retries+1)
}

// do makes the request, retrying 5xx answers, timeouts and network errors with
// exponential backoff (a Retry-After header sets the wait), never 4xx.
func (f *fetcher) do(ctx context.Context, hs *host, r fetchReq, tries int) (*fetchResp, error) {
	start := time.Now()
	attempts := 0
	bo := backoff.NewExponentialBackOff()
	bo.InitialInterval = f.cfg.RetryBase
	bo.MaxInterval = 30 * f.cfg.RetryBase
	resp, err := backoff.Retry(ctx, func() (*fetchResp, error) {
		attempts++
		resp, err := f.once(ctx, hs, r)
		if err == nil {
			return resp, nil
		}
		var fe *fetchError
		if errors.As(err, &fe) {
			switch fe.kind {
			case ErrKindHTTP5xx, ErrKindTimeout, ErrKindNetwork:
				if ra, ok := retryAfter(fe, f.cfg.MaxRetryAfter); ok {
					return nil, &backoff.RetryAfterError{Duration: ra}
				}
				return nil, err
			}
		}
		return nil, backoff.Permanent(err)
	}, backoff.WithBackOff(bo), backoff.WithMaxTries(uint(tries)), backoff.WithMaxElapsedTime(f.cfg.MaxElapsed))
	if err != nil {
		var ra *backoff.RetryAfterError
		if errors.As(err, &ra) {
			err = &fetchError{kind: ErrKindHTTP5xx, err: errors.New("retries exhausted after Retry-After")}
		}
		if ctx.Err() != nil {
			err = &fetchError{kind: ErrKindCancelled, err: context.Cause(ctx)}
		}
		return nil, err
	}
	resp.Attempts, resp.Elapsed = attempts, time.Since(start)
	return resp, nil
}

func retryAfter(fe *fetchError, limit time.Duration) (time.Duration, bool) {
	var h *retryAfterErr
	if !errors.As(fe.err, &h) {
		return 0, false
	}
	v := strings.TrimSpace(h.value)
	var d time.Duration
	if n, err := strconv.Atoi(v); err == nil {
		d = time.Duration(n) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = time.Until(t)
	} else {
		return 0, false
	}
	return max(0, min(d, limit)), true
}

type retryAfterErr struct {
	status int
	value  string
}

func (e *retryAfterErr) Error() string {
	return fmt.Sprintf("status %d, retry after %s", e.status, e.value)
}

// once makes one attempt: waits for the host's token and a global slot, sends the
// request with the validators and reads at most MaxBody bytes.
func (f *fetcher) once(ctx context.Context, hs *host, r fetchReq) (*fetchResp, error) {
	if err := hs.limiter.Wait(ctx); err != nil {
		return nil, &fetchError{kind: ErrKindCancelled, err: err}
	}
	select {
	case f.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, &fetchError{kind: ErrKindCancelled, err: context.Cause(ctx)}
	}
	defer func() { <-f.sem }()
	ctx, cancel := context.WithTimeout(ctx, f.cfg.Timeout)
	defer cancel()
	var body io.Reader
	if r.Body != "" {
		body = strings.NewReader(r.Body)
	}
	req, err := http.NewRequestWithContext(ctx, r.Method, r.URL.String(), body)
	if err != nil {
		return nil, &fetchError{kind: ErrKindNetwork, err: err}
	}
	req.Header.Set("User-Agent", f.cfg.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/pdf,*/*;q=0.8")
	req.Header.Set("Accept-Language", "zh-CN,zh;q=0.9")
	if r.Method == http.MethodPost {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
		if strings.HasPrefix(r.Body, "{") { // a JSON list API (Epoint getgovinfolist)
			req.Header.Set("Content-Type", "application/json; charset=UTF-8")
		}
	}
	if r.ETag != "" {
		req.Header.Set("If-None-Match", r.ETag)
	}
	if r.LastModified != "" {
		req.Header.Set("If-Modified-Since", r.LastModified)
	}
	res, err := f.client.Do(req)
	if err != nil {
		var fe *fetchError
		if errors.As(err, &fe) {
			return nil, fe
		}
		if ctx.Err() != nil || isTimeout(err) {
			return nil, &fetchError{kind: ErrKindTimeout, err: err}
		}
		return nil, &fetchError{kind: ErrKindNetwork, err: err}
	}
	defer res.Body.Close()
	out := &fetchResp{Status: res.StatusCode, ContentType: res.Header.Get("Content-Type"),
		ETag: res.Header.Get("ETag"), LastModified: res.Header.Get("Last-Modified")}
	switch {
	case res.StatusCode == http.StatusNotModified:
		out.NotModified = true
		return out, nil
	case res.StatusCode >= 500:
		io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10)) //nolint:errcheck // draining for reuse only
		var err error = fmt.Errorf("status %d", res.StatusCode)
		if ra := res.Header.Get("Retry-After"); ra != "" {
			err = &retryAfterErr{status: res.StatusCode, value: ra}
		}
		return nil, &fetchError{kind: ErrKindHTTP5xx, status: res.StatusCode, err: err}
	case res.StatusCode >= 400:
		return nil, &fetchError{kind: ErrKindHTTP4xx, status: res.StatusCode, err: fmt.Errorf("status %d", res.StatusCode)}
	case res.StatusCode >= 300:
		return nil, &fetchError{kind: ErrKindRedirect, status: res.StatusCode, err: fmt.Errorf("status %d without a usable Location", res.StatusCode)}
	}
	if res.ContentLength > f.cfg.MaxBody {
		return nil, &fetchError{kind: ErrKindTooLarge, status: res.StatusCode, err: fmt.Errorf("%d bytes declared, limit %d", res.ContentLength, f.cfg.MaxBody)}
	}
	b, err := io.ReadAll(io.LimitReader(res.Body, f.cfg.MaxBody+1))
	if err != nil {
		if ctx.Err() != nil || isTimeout(err) {
			return nil, &fetchError{kind: ErrKindTimeout, err: err}
		}
		return nil, &fetchError{kind: ErrKindNetwork, err: err}
	}
	if int64(len(b)) > f.cfg.MaxBody {
		return nil, &fetchError{kind: ErrKindTooLarge, status: res.StatusCode, err: fmt.Errorf("more than %d bytes", f.cfg.MaxBody)}
	}
	out.Body = b
	return out, nil
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
