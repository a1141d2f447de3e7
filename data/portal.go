package data

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// PortalAPI describes a list API a CMS family serves behind its list pages.
type PortalAPI struct {
	Method       string            `json:"method"`
	Path         string            `json:"path"`
	Params       map[string]string `json:"params,omitempty"`
	PerPage      int               `json:"per_page,omitempty"`
	PagesPerCall int               `json:"pages_per_call,omitempty"`
	Items        string            `json:"items,omitempty"`
	ZeroBased    bool              `json:"zero_based,omitempty"`
}

// PortalProfile describes one CMS family: how to recognise it and how its lists page,
// where its article body and metadata are, and what its attachments look like. Patterns
// in DetectURL, ArticleURL and Attachments are regular expressions (Go syntax). ListItems
// are CSS selectors (tag, #id, .class, [attr], [attr=v], descendant and > combinators) of a
// list's items or their links; NextPage entries are such selectors when they contain one
// of . # [ >, else the text of the next-page link. ingest/crawl uses them on pages a
// profile recognises and falls back to its heuristics when they find nothing.
type PortalProfile struct {
	Name        string     `json:"name"`
	Family      string     `json:"family"`
	DetectHTML  []string   `json:"detect_html,omitempty"`
	DetectURL   []string   `json:"detect_url,omitempty"`
	Paging      string     `json:"paging"`
	API         *PortalAPI `json:"api,omitempty"`
	ArticleURL  []string   `json:"article_url,omitempty"`
	ListItems   []string   `json:"list_items,omitempty"`
	NextPage    []string   `json:"next_page,omitempty"`
	Body        []string   `json:"body,omitempty"`
	Metadata    []string   `json:"metadata,omitempty"`
	Attachments []string   `json:"attachments,omitempty"`
	// AttachmentHosts are hosts besides the page's own from which attachments are fetched.
	AttachmentHosts []string `json:"attachment_hosts,omitempty"`
	Notes           string   `json:"notes,omitempty"`
}

// PortalSeed is one entry of the default seed list: a report column, year column or
// report page of a portal. None was verified from here (the lists were built without
// internet access); Note says what is inferred.
type PortalSeed struct {
	Organ    string `json:"organ"`
	Province string `json:"province"`
	Level    string `json:"level"`
	Kind     string `json:"kind"` // L list/column, Y year sub-column, R report
	Year     string `json:"year,omitempty"`
	URL      string `json:"url"`
	CMS      string `json:"cms,omitempty"`
	Evidence string `json:"evidence,omitempty"`
	Note     string `json:"note,omitempty"`
}

//go:embed portals/profiles.json
var portalProfilesJSON []byte

//go:embed portals/seeds.tsv
var portalSeedsTSV []byte

// PortalProfiles returns the bundled CMS family profiles, the generic one last.
func PortalProfiles() ([]PortalProfile, error) {
	var doc struct {
		Profiles []PortalProfile `json:"profiles"`
	}
	if err := json.Unmarshal(portalProfilesJSON, &doc); err != nil {
		return nil, fmt.Errorf("data: portal profiles: %w", err)
	}
	return doc.Profiles, nil
}

// PortalSeeds returns the bundled default seed list.
func PortalSeeds() ([]PortalSeed, error) {
	return ParsePortalSeeds(bytes.NewReader(portalSeedsTSV))
}

// ParsePortalSeeds reads a seed list: tab-separated with a header line naming the
// columns (organ, province, level, kind, year, url, cms, evidence, note; only url is
// required), lines starting with # ignored. A file without a header whose lines are bare
// URLs is accepted too, so a hand-written list of URLs works.
func ParsePortalSeeds(r io.Reader) ([]PortalSeed, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var cols []string
	var out []PortalSeed
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if cols == nil && len(f) > 1 {
			cols = f
			continue
		}
		if cols == nil {
			out = append(out, PortalSeed{URL: strings.TrimSpace(line)})
			continue
		}
		var s PortalSeed
		for i, c := range cols {
			if i >= len(f) {
				break
			}
			v := strings.TrimSpace(f[i])
			switch c {
			case "organ":
				s.Organ = v
			case "province":
				s.Province = v
			case "level":
				s.Level = v
			case "kind":
				s.Kind = v
			case "year":
				s.Year = v
			case "url":
				s.URL = v
			case "cms":
				s.CMS = v
			case "evidence":
				s.Evidence = v
			case "note":
				s.Note = v
			}
		}
		if s.URL == "" {
			return nil, fmt.Errorf("data: portal seeds: line %d: no url", n)
		}
		out = append(out, s)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("data: portal seeds: %w", err)
	}
	return out, nil
}

// CrawlEntry is one row of the crawl frontier: a URL (or, for a POST, a URL and a body)
// the crawler has found, where it was found and, once fetched, what came back. Key is
// the canonical URL, followed by a space and the body for a POST.
type CrawlEntry struct {
	Key       string
	URL       string
	Method    string // GET or POST
	Body      string
	Host      string
	Kind      string // CrawlSeed, CrawlList, …
	Depth     int
	ParentURL string
	ParentSHA string
	Anchor    string
	Year      int

	State        string // CrawlQueued, CrawlFetched, …
	Reason       string
	HTTPStatus   int
	SHA256       string
	PrevSHA256   string
	ETag         string
	LastModified string
	ContentType  string
	Attempts     int
	FetchedAt    time.Time
}

// Crawl entry kinds and states.
const (
	CrawlSeed       = "seed"
	CrawlList       = "list"
	CrawlArticle    = "article"
	CrawlAttachment = "attachment"
	CrawlAPI        = "api"

	CrawlQueued  = "queued"
	CrawlFetched = "fetched"
	CrawlFailed  = "failed"
	CrawlSkipped = "skipped"
)

// CrawlLog is one line of the crawl log: what one fetch did.
type CrawlLog struct {
	At         time.Time
	Key        string
	Host       string
	Outcome    string // new, changed, unchanged, failed, skipped
	HTTPStatus int
	ErrorKind  string
	Error      string
	Bytes      int64
	Elapsed    time.Duration
	Attempts   int
}
