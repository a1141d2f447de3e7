package load

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// Sample is a row that exists in the database served, so that filtered requests select
// something: a year, a province code, an organ and a report.
type Sample struct {
	Year     int
	Province string // GB/T 2260 province code, e.g. 320000
	Organ    string
	ReportID string
}

// Target is one request of the mix.
type Target struct {
	Name string // e.g. "api reports ?year&region"
	Path string // path and query, relative to the base URL
}

// Targets returns every API endpoint and page, unfiltered and with s's filters.
func Targets(s Sample) []Target {
	y := strconv.Itoa(s.Year)
	yr := url.Values{"year": {y}, "region": {s.Province}}.Encode()
	org := url.Values{"organ": {s.Organ}}.Encode()
	var ts []Target
	for _, v := range []string{"reports", "facts", "indicators", "growth", "rankings", "coverage", "quality", "dictionary"} {
		ts = append(ts, Target{"api " + v, "/api/v1/" + v},
			Target{"api " + v + " ?year&region", "/api/v1/" + v + "?" + yr})
	}
	ts = append(ts,
		Target{"api reports ?organ", "/api/v1/reports?" + org},
		Target{"api facts ?report_id", "/api/v1/facts?" + url.Values{"report_id": {s.ReportID}}.Encode()},
		Target{"api facts ?key&page=3", "/api/v1/facts?key=requests_new&page=3"},
		Target{"api growth ?metric", "/api/v1/growth?metric=requests_new&" + yr},
		Target{"api search", "/api/v1/search?" + url.Values{"q": {"政府信息公开"}}.Encode()},
		Target{"api search ?year&region", "/api/v1/search?" + url.Values{"q": {"依申请公开"}, "year": {y}, "region": {s.Province}}.Encode()},
		Target{"api crawl", "/api/v1/crawl"},
		Target{"page /", "/"},
		Target{"page / ?year&region", "/?" + yr},
		Target{"page /organ", "/organ"},
		Target{"page /organ ?organ", "/organ?" + org},
		Target{"page /report/:id", "/report/" + url.PathEscape(s.ReportID)},
		Target{"page /regions", "/regions"},
		Target{"page /regions ?year&region", "/regions?" + yr},
		Target{"page /keyareas", "/keyareas"},
		Target{"page /quality", "/quality"},
		Target{"page /quality ?year&region", "/quality?" + yr},
		Target{"page /trends", "/trends"},
		Target{"page /trends ?year&region", "/trends?" + yr},
		Target{"page /export", "/export"},
		Target{"page /search", "/search?" + url.Values{"q": {"政府信息公开"}}.Encode()},
		Target{"page /sql", "/sql"},
		Target{"page /crawl", "/crawl"},
	)
	return ts
}

// Discover picks the middle annual report of the indicators view of the server at base,
// whose year, province, organ and id then make filtered requests select real rows.
func Discover(ctx context.Context, client *http.Client, base string) (Sample, error) {
	ss, err := DiscoverN(ctx, client, base, 1)
	if err != nil {
		return Sample{}, err
	}
	return ss[0], nil
}

// page is a page of the indicators view as the API returns it.
type page struct {
	Total int              `json:"total"`
	Rows  []map[string]any `json:"rows"`
}

// DiscoverN picks n annual reports spread evenly over the indicators view (the k-th at
// k/(n+1) of it), so that a load can vary its filtered requests over several years,
// provinces, organs and reports rather than repeat one URL.
func DiscoverN(ctx context.Context, client *http.Client, base string, n int) ([]Sample, error) {
	get := func(q string) (page, error) {
		var p page
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/v1/indicators?"+q, nil)
		if err != nil {
			return p, err
		}
		resp, err := client.Do(req)
		if err != nil {
			return p, err
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return p, fmt.Errorf("status %d", resp.StatusCode)
		}
		return p, json.NewDecoder(resp.Body).Decode(&p)
	}
	first, err := get("limit=1")
	if err != nil {
		return nil, fmt.Errorf("load: discover: %w", err)
	}
	var out []Sample
	for k := 1; k <= max(1, n); k++ {
		// Pages of 100: the server caps page numbers (100000), and a page of one at 10⁶
		// rows would pass the cap.
		at := first.Total * k / (max(1, n) + 1)
		r, err := sampleRow(get, at)
		if err != nil {
			return nil, fmt.Errorf("load: discover: %w", err)
		}
		s := Sample{Organ: fmt.Sprint(r["organ"]), ReportID: fmt.Sprint(r["report_id"]), Province: fmt.Sprint(r["province_code"])}
		if y, ok := r["year"].(float64); ok {
			s.Year = int(y)
		}
		out = append(out, s)
	}
	return out, nil
}

// maxSamplePages bounds how many pages sampleRow reads past a page without a usable row.
const maxSamplePages = 20

// sampleRow returns the usable row nearest to row at of the indicators view, reading on
// to the next pages when its page has none: the view is in organ order, and a page of
// 100 reports of organs whose province is unknown (普陀区, in Shanghai and in Zhoushan)
// made a sample with no province, whose filtered requests the server rejects (400).
func sampleRow(get func(string) (page, error), at int) (map[string]any, error) {
	for p := 0; p < maxSamplePages; p++ {
		pg, err := get("limit=100&page=" + strconv.Itoa(max(1, at/100+1)+p))
		if err != nil {
			return nil, err
		}
		if len(pg.Rows) == 0 {
			if p == 0 {
				return nil, fmt.Errorf("the indicators view is empty")
			}
			break
		}
		i := 0
		if p == 0 {
			i = min(at%100, len(pg.Rows)-1)
		}
		if r, ok := usable(pg.Rows, i); ok {
			return r, nil
		}
	}
	return nil, fmt.Errorf("no report with an organ, a province and a year in %d pages from row %d", maxSamplePages, at)
}

// usable returns the row at i of a page of the indicators view, or the nearest to it
// with an organ, a province and a year, which the filtered requests need, and whether
// there is one. The row itself, not the first of its page: that made every sample of a
// view shorter than a page the same report.
func usable(rows []map[string]any, i int) (map[string]any, bool) {
	ok := func(r map[string]any) bool { return r["organ"] != nil && r["province_code"] != nil && r["year"] != nil }
	for d := 0; d < len(rows); d++ {
		if i+d < len(rows) && ok(rows[i+d]) {
			return rows[i+d], true
		}
		if i-d >= 0 && ok(rows[i-d]) {
			return rows[i-d], true
		}
	}
	return nil, false
}

// Mix returns the targets of every sample, sample after sample: a load cycling through
// it sends each filtered request with every sample's filters in turn (the unfiltered
// ones are the same for all samples).
func Mix(samples []Sample) []Target {
	var out []Target
	for _, s := range samples {
		out = append(out, Targets(s)...)
	}
	return out
}
