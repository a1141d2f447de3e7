package crawl

import (
	"fmt"
	"io"
	"sort"
	"text/tabwriter"
	"time"
)

// Summary counts what a crawl did.
type Summary struct {
	Gen       int  // the crawl pass
	Resumed   bool // an interrupted pass was resumed
	Hosts     int
	Fetches   int // requests answered (any status), robots.txt not counted
	Lists     int // seed, list and API pages fetched
	Articles  int // article pages fetched
	Attach    int // attachments fetched
	Bytes     int64
	Traps     int // links dropped as traps (calendar, session ids, endless shapes …)
	Recovered int // bodies stored from the archive after an interrupted run

	// Reports counts articles and attachments by outcome: new (first seen), changed
	// (different bytes from the last pass) and unchanged (304 or the same bytes).
	ReportsNew, ReportsChanged, ReportsUnchanged int

	Stored        int // documents rows written
	Duplicates    int // bodies already stored (the same bytes under another URL or pass)
	AnnualReports int // stored documents the extractor judged annual reports
	Errors        map[string]int
	Elapsed       time.Duration

	reportSHAs map[string]bool
	timing     timing
}

// timing tells where a crawl's wall time went, for the benchmark: fetching, or a host's
// result waiting for the writer to record it.
type timing struct {
	fetch   time.Duration // summed over fetches: token wait, request, archive, link discovery
	wait    time.Duration // summed over fetches: from the result to its commit
	busy    time.Duration // the writer committing (wall time)
	commits int
	rows    int // results committed

	idle     time.Duration // summed over a host's fetches after its first: from the one before's result to the start
	restarts int
}

func (t timing) String() string {
	n := max(t.rows, 1)
	return fmt.Sprintf("%d commits of %.1f results on average, writer busy %v; per fetch: fetching %v, result to commit %v, host idle before its next fetch %v",
		t.commits, float64(t.rows)/float64(max(t.commits, 1)), t.busy.Round(time.Millisecond),
		(t.fetch / time.Duration(n)).Round(time.Millisecond), (t.wait / time.Duration(n)).Round(time.Millisecond),
		(t.idle / time.Duration(max(t.restarts, 1))).Round(time.Millisecond))
}

func newSummary() *Summary {
	return &Summary{Errors: map[string]int{}, reportSHAs: map[string]bool{}}
}

func (s *Summary) count(res result) {
	if res.errKind != "" {
		s.Errors[res.errKind]++
		return
	}
	s.Fetches++
	s.Bytes += res.log.Bytes
	s.Traps += res.traps
	switch res.entry.Kind {
	case kindArticle:
		s.Articles++
	case kindAttachment:
		s.Attach++
	default:
		s.Lists++
		return
	}
	// The same bytes under two URLs are one report.
	if s.reportSHAs[res.entry.SHA256] {
		return
	}
	s.reportSHAs[res.entry.SHA256] = true
	switch res.outcome {
	case "new":
		s.ReportsNew++
	case "changed":
		s.ReportsChanged++
	default:
		s.ReportsUnchanged++
	}
}

func (s *Summary) addPipeline(p *pipeline) {
	p.mu.Lock()
	defer p.mu.Unlock()
	s.Stored, s.Duplicates, s.AnnualReports = p.nStored, p.duplicates, p.annual
	for k, v := range p.convErrs {
		s.Errors["convert_"+k] += v
	}
}

func (s *Summary) reports() int { return s.ReportsNew + s.ReportsChanged + s.ReportsUnchanged }

func (s *Summary) failed() int {
	n := 0
	for _, v := range s.Errors {
		n += v
	}
	return n
}

// WriteTable writes the summary for a person.
func (s *Summary) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	pass := fmt.Sprint(s.Gen)
	if s.Resumed {
		pass += " (resumed)"
	}
	rows := [][2]string{
		{"pass", pass},
		{"hosts", fmt.Sprint(s.Hosts)},
		{"pages fetched", fmt.Sprintf("%d (lists %d, articles %d, attachments %d; %.1f MB)", s.Fetches, s.Lists, s.Articles, s.Attach, float64(s.Bytes)/1e6)},
		{"reports found", fmt.Sprintf("%d new, %d changed, %d unchanged", s.ReportsNew, s.ReportsChanged, s.ReportsUnchanged)},
		{"documents stored", fmt.Sprintf("%d (annual reports %d; duplicates skipped %d; recovered from archive %d)", s.Stored, s.AnnualReports, s.Duplicates, s.Recovered)},
		{"traps avoided", fmt.Sprint(s.Traps)},
	}
	kinds := make([]string, 0, len(s.Errors))
	for k := range s.Errors {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	errs := "none"
	if len(kinds) > 0 {
		errs = ""
		for i, k := range kinds {
			if i > 0 {
				errs += ", "
			}
			errs += fmt.Sprintf("%s %d", k, s.Errors[k])
		}
	}
	rows = append(rows, [2]string{"errors", errs}, [2]string{"elapsed", s.Elapsed.Round(time.Millisecond).String()})
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\n", r[0], r[1])
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("crawl: summary: %w", err)
	}
	return nil
}
