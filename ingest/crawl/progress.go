package crawl

import "maps"

// Progress is a snapshot of a running crawl, for a caller that shows it somewhere other
// than a terminal (the dashboard's crawl page).
type Progress struct {
	Gen      int  // the crawl pass
	Resumed  bool // an interrupted pass was resumed
	Fetched  int  // fetches recorded (any outcome)
	Queued   int  // URLs waiting
	InFlight int  // fetches under way
	Hosts    int  // hosts contacted
	Lists    int  // seed, list and API pages fetched
	Articles int  // article pages fetched
	Attach   int  // attachments fetched

	ReportsNew, ReportsChanged, ReportsUnchanged int

	Stored int            // documents rows written so far
	Errors map[string]int // failures by kind (a copy, the caller's to keep)
}

// OnProgress makes Run call f with a snapshot about twice a second while it fetches, and
// once more when the fetching ends (the final numbers are in the Summary Run returns).
// f runs on the crawl's own goroutine: it must return quickly. Call OnProgress before
// Run, not during it.
func (c *Crawler) OnProgress(f func(Progress)) { c.onProgress = f }

// notify hands the progress callback a snapshot.
func (r *run) notify() {
	f := r.c.onProgress
	if f == nil {
		return
	}
	s := r.sum
	f(Progress{
		Gen: s.Gen, Resumed: s.Resumed, Fetched: r.fetched, Queued: r.queued(), InFlight: r.inflight,
		Hosts: len(r.hosts), Lists: s.Lists, Articles: s.Articles, Attach: s.Attach,
		ReportsNew: s.ReportsNew, ReportsChanged: s.ReportsChanged, ReportsUnchanged: s.ReportsUnchanged,
		Stored: r.pipe.stored(), Errors: maps.Clone(s.Errors),
	})
}
