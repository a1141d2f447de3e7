package dashboard

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
)

// Crawler runs crawls in the background for the /crawl page. The dashboard does not
// know how a crawl is done (cmd/nianbao wires one over ingest/crawl); it starts one and
// shows its status.
type Crawler interface {
	// Start begins a crawl and returns at once. It returns ErrCrawlRunning while another
	// crawl runs. ctx bounds the start only: the crawl runs until it ends or the
	// implementation's own context (the server's lifetime) is done.
	Start(ctx context.Context, req CrawlRequest) error
	// Status is the state of the running crawl, or of the last one.
	Status() CrawlStatus
}

// ErrCrawlRunning refuses a second crawl while one runs.
var ErrCrawlRunning = errors.New("a crawl is already running; wait for it to finish")

// CrawlRequest is what the /crawl form asks for.
type CrawlRequest struct {
	Seeds       []string // absolute http(s) URLs
	MaxPages    int      // 0: no limit
	PerHostRate float64  // requests per second to one host
}

// Crawl states.
const (
	CrawlIdle     = "idle"     // none started since the server started
	CrawlRunning  = "running"  // fetching
	CrawlFinished = "finished" // done: the frontier is empty or the page limit was reached
	CrawlStopped  = "stopped"  // the server is shutting down
	CrawlFailed   = "failed"   // an error ended it (Error says which)
)

// CrawlStatus is the progress of a crawl, as the page and /api/v1/crawl show it.
type CrawlStatus struct {
	State       string    `json:"state"`
	Running     bool      `json:"running"`
	Seeds       []string  `json:"seeds,omitempty"`
	MaxPages    int       `json:"max_pages"`
	PerHostRate float64   `json:"per_host_rate"`
	Started     time.Time `json:"started,omitzero"`
	Finished    time.Time `json:"finished,omitzero"`
	Pass        int       `json:"pass"`

	Fetched     int `json:"fetched"` // pages answered: lists + articles + attachments
	Queued      int `json:"queued"`
	InFlight    int `json:"in_flight"`
	Hosts       int `json:"hosts"`
	Lists       int `json:"lists"`
	Articles    int `json:"articles"`
	Attachments int `json:"attachments"`

	ReportsNew       int `json:"reports_new"`
	ReportsChanged   int `json:"reports_changed"`
	ReportsUnchanged int `json:"reports_unchanged"`
	Stored           int `json:"stored"`
	AnnualReports    int `json:"annual_reports"`

	Errors  map[string]int `json:"errors"`
	Error   string         `json:"error,omitempty"`   // why a failed crawl failed
	Summary string         `json:"summary,omitempty"` // the final summary table
}

// Limits of the /crawl form.
const (
	maxCrawlSeeds    = 200
	maxCrawlPages    = 1_000_000
	maxPerHostRate   = 10.0
	defaultCrawlRate = 1.0
)

// crawlPage shows the form and the progress of the running or last crawl, and on POST
// starts one.
func (s *Server) crawlPage(c echo.Context) error {
	lang := langOf(c)
	data := map[string]any{"On": s.cfg.Crawler != nil, "MaxPages": 200, "Rate": defaultCrawlRate}
	code := http.StatusOK
	if c.Request().Method == http.MethodPost {
		if s.cfg.Crawler == nil {
			code = http.StatusForbidden
			data["Error"] = T(lang, "crawl_off")
		} else if err := sameOrigin(c.Request()); err != nil {
			code = http.StatusForbidden
			data["Error"] = "cross-origin request refused"
		} else {
			req, seeds, err := parseCrawlForm(c)
			data["Seeds"], data["MaxPages"], data["Rate"] = seeds, req.MaxPages, req.PerHostRate
			if err == nil {
				err = s.cfg.Crawler.Start(c.Request().Context(), req)
				if err != nil && !errors.Is(err, ErrCrawlRunning) {
					return err
				}
			}
			switch {
			case errors.Is(err, ErrCrawlRunning):
				code, data["Error"] = http.StatusConflict, T(lang, "crawl_busy")
			case err != nil:
				code, data["Error"] = http.StatusBadRequest, err.Error()
			default:
				// Post/redirect/get: a reload of the progress page starts nothing.
				target := "/crawl"
				if lang == "en" {
					target += "?lang=en"
				}
				return c.Redirect(http.StatusSeeOther, target)
			}
		}
	}
	p := page{Title: T(lang, "crawl"), Data: data}
	if s.cfg.Crawler != nil {
		st := s.cfg.Crawler.Status()
		data["Status"], data["ErrorKinds"] = st, errorKinds(st.Errors)
		if st.Running && code == http.StatusOK {
			p.Refresh = 2
		}
	}
	return s.render(c, code, "crawl", p)
}

// apiCrawl is the crawl's status as JSON.
func (s *Server) apiCrawl(c echo.Context) error {
	if s.cfg.Crawler == nil {
		return c.JSON(http.StatusOK, map[string]any{"enabled": false, "state": CrawlIdle})
	}
	st := s.cfg.Crawler.Status()
	if st.Errors == nil {
		st.Errors = map[string]int{}
	}
	return c.JSON(http.StatusOK, struct {
		Enabled bool `json:"enabled"`
		CrawlStatus
	}{true, st})
}

// sameOrigin refuses cross-site form posts (the browser says where a request comes from
// in Sec-Fetch-Site or Origin); requests with neither header are not from a browser.
func sameOrigin(r *http.Request) error {
	return http.NewCrossOriginProtection().Check(r)
}

// parseCrawlForm validates the form; it returns the seeds as typed, for the form to show
// again on an error.
func parseCrawlForm(c echo.Context) (CrawlRequest, string, error) {
	raw := c.FormValue("seeds")
	req := CrawlRequest{MaxPages: 200, PerHostRate: defaultCrawlRate}
	if v := strings.TrimSpace(c.FormValue("max_pages")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > maxCrawlPages {
			return req, raw, fmt.Errorf("max pages must be a whole number from 0 (no limit) to %d", maxCrawlPages)
		}
		req.MaxPages = n
	}
	if v := strings.TrimSpace(c.FormValue("rate")); v != "" {
		r, err := strconv.ParseFloat(v, 64)
		if err != nil || !(r > 0 && r <= maxPerHostRate) {
			return req, raw, fmt.Errorf("the per-host rate must be a number above 0 and at most %g requests per second", maxPerHostRate)
		}
		req.PerHostRate = r
	}
	for _, line := range strings.Split(raw, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		u, err := url.Parse(line)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return req, raw, fmt.Errorf("not an http(s) URL: %q", clip(line, 80))
		}
		req.Seeds = append(req.Seeds, u.String())
	}
	if len(req.Seeds) == 0 {
		return req, raw, errors.New("give at least one seed URL, one per line")
	}
	if len(req.Seeds) > maxCrawlSeeds {
		return req, raw, fmt.Errorf("at most %d seed URLs at once", maxCrawlSeeds)
	}
	return req, raw, nil
}

type errorKind struct {
	Kind string
	N    int
}

func errorKinds(m map[string]int) []errorKind {
	out := make([]errorKind, 0, len(m))
	for k, n := range m {
		out = append(out, errorKind{k, n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Kind < out[j].Kind })
	return out
}
