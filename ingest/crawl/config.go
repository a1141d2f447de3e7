package crawl

import (
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"time"

	"nianbao/data"
)

// Config tunes a crawl. The zero value of a field means its default.
type Config struct {
	// Seeds are the URLs to start from: a portal's home page, its disclosure column or
	// its 年报 column.
	Seeds []string
	// Profiles are the CMS family profiles; nil means the bundled ones.
	Profiles []data.PortalProfile
	// MaxPages bounds the fetches of one run (0: no bound); a bounded run resumes where it
	// stopped when run again.
	MaxPages int
	// MaxDepth bounds the links followed from a seed (list pages of one column count as
	// one level); default 6.
	MaxDepth int
	// MaxListPages bounds the pages of one paginated list; default 200.
	MaxListPages int
	// MaxPerShape bounds the URLs of one template (digits ignored) on a host, which stops
	// traps no rule names; default 2000.
	MaxPerShape int
	// PerHostRate is requests per second to one host; default 1. robots.txt Crawl-delay
	// lowers it.
	PerHostRate float64
	// Concurrency bounds the requests in flight across all hosts; default 16.
	Concurrency int
	// Since skips reports (and year columns) of years before it; 0 keeps all.
	Since int
	// Archive is the directory of raw bodies; required.
	Archive string
	// UserAgent names nianbao and a contact URL; RobotsAgent is the token matched in
	// robots.txt.
	UserAgent   string
	RobotsAgent string
	// Timeout bounds one request (connect, headers and body); default 30 s.
	Timeout time.Duration
	// MaxBody refuses larger bodies; default 16 MiB.
	MaxBody int64
	// MaxRedirects per request; default 5.
	MaxRedirects int
	// Retries after the first attempt, on 5xx and timeouts; default 3. RetryBase is the
	// first backoff (default 1 s); MaxRetryAfter caps a Retry-After wait (default 2 min);
	// MaxElapsed bounds one URL's attempts and waits (default 5 min).
	Retries       int
	RetryBase     time.Duration
	MaxRetryAfter time.Duration
	MaxElapsed    time.Duration
	// AttachmentHosts are hosts besides the seeds' own from which attachments are taken
	// (added to those the profiles name).
	AttachmentHosts []string
	// Workers convert and extract fetched documents in parallel; default GOMAXPROCS.
	Workers int
	// Progress receives a progress line; nil means none.
	Progress io.Writer
	// Log receives a line per failed fetch; nil means none.
	Log         *slog.Logger
	attachHosts map[string]bool
}

// DefaultUserAgent names the crawler and where to learn about it.
const DefaultUserAgent = "nianbao-crawler/1.0 (+https://github.com/nianbao/nianbao; government disclosure annual reports)"

func (c Config) withDefaults() (Config, error) {
	if c.Archive == "" {
		return c, fmt.Errorf("crawl: config: no archive directory")
	}
	if c.PerHostRate < 0 || c.Concurrency < 0 || c.MaxPages < 0 {
		return c, fmt.Errorf("crawl: config: negative rate, concurrency or page limit")
	}
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&c.MaxDepth, 6)
	def(&c.MaxListPages, 200)
	def(&c.MaxPerShape, 2000)
	def(&c.Concurrency, 16)
	def(&c.MaxRedirects, 5)
	if c.Retries == 0 {
		c.Retries = 3
	}
	if c.Retries < 0 {
		c.Retries = 0
	}
	if c.PerHostRate == 0 {
		c.PerHostRate = 1
	}
	if c.UserAgent == "" {
		c.UserAgent = DefaultUserAgent
	}
	if c.RobotsAgent == "" {
		c.RobotsAgent = "nianbao"
	}
	dur := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	dur(&c.Timeout, 30*time.Second)
	dur(&c.RetryBase, time.Second)
	dur(&c.MaxRetryAfter, 2*time.Minute)
	dur(&c.MaxElapsed, 5*time.Minute)
	if c.MaxBody <= 0 {
		c.MaxBody = 16 << 20
	}
	if c.Profiles == nil {
		ps, err := data.PortalProfiles()
		if err != nil {
			return c, fmt.Errorf("crawl: config: %w", err)
		}
		c.Profiles = ps
	}
	c.attachHosts = map[string]bool{}
	for _, h := range c.AttachmentHosts {
		c.attachHosts[h] = true
	}
	for _, p := range c.Profiles {
		for _, h := range p.AttachmentHosts {
			c.attachHosts[h] = true
		}
	}
	c.Archive = filepath.Clean(c.Archive)
	return c, nil
}

func (c Config) allowedHost(h string) bool { return c.attachHosts[h] }
