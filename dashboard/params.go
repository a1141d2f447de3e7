package dashboard

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"nianbao/data"
)

// Query strings are validated before any handler runs: the length, the encoding, the
// parameter names (an allowlist) and each value's shape. Whatever is not one of ours gets
// a 400, so a hostile or garbled URL never reaches a query.
const (
	maxQueryLen = 2048
	maxValueLen = 200
)

var allowedParams = map[string]bool{
	"year": true, "from": true, "to": true, "region": true, "level": true, "organ": true,
	"metric": true, "lang": true, "format": true, "page": true, "limit": true, "q": true,
	"peer": true, "key": true, "report_id": true, "sql": true,
}

func checkQuery(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		raw := c.Request().URL.RawQuery
		if len(raw) > maxQueryLen {
			return badf("query string longer than %d bytes", maxQueryLen)
		}
		vals, err := url.ParseQuery(raw)
		if err != nil {
			return badf("malformed query string")
		}
		for k, vs := range vals {
			if !allowedParams[k] {
				return badf("unknown parameter %q", clip(k, 40))
			}
			if len(vs) > 1 {
				return badf("parameter %s given more than once", k)
			}
			v := vs[0]
			if k != "sql" && len(v) > maxValueLen {
				return badf("parameter %s longer than %d bytes", k, maxValueLen)
			}
			if !utf8.ValidString(v) || strings.IndexFunc(v, func(r rune) bool {
				return unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r'
			}) >= 0 {
				return badf("parameter %s has invalid characters", k)
			}
		}
		return next(c)
	}
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// Filter is the validated form of the filters every page and API endpoint shares.
type Filter struct {
	Year     int    // 0: latest / all
	From, To int    // year span; 0: open
	Region   string // GB/T 2260 code prefix (2, 4 or 6 digits); "": all
	Level    string // METRICS.md level; "": all
	Organ    string
	Metric   string
	Peer     string
	Key      string
	Q        string
	ReportID string
	Format   string // "", csv, json, parquet
	Page     int    // 1-based
	Limit    int
	Lang     string
}

var (
	reRegion = regexp.MustCompile(`^[1-9][0-9]{5}$`)
	reKey    = regexp.MustCompile(`^[a-z][a-z0-9_]{0,63}$`)
	reHex    = regexp.MustCompile(`^[0-9a-f]{8,64}$`)
	formats  = map[string]bool{"csv": true, "json": true, "parquet": true, "html": true}
)

func intParam(c echo.Context, name string, lo, hi int) (int, error) {
	v := c.QueryParam(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, badf("parameter %s must be a whole number from %d to %d", name, lo, hi)
	}
	return n, nil
}

// parseFilter reads and validates the shared filters; defLimit is the page size default.
func parseFilter(c echo.Context, defLimit int) (Filter, error) {
	f := Filter{Lang: langOf(c), Format: c.QueryParam("format"), Region: c.QueryParam("region"),
		Level: c.QueryParam("level"), Organ: strings.TrimSpace(c.QueryParam("organ")),
		Metric: c.QueryParam("metric"), Peer: c.QueryParam("peer"), Key: c.QueryParam("key"),
		Q: strings.TrimSpace(c.QueryParam("q")), ReportID: c.QueryParam("report_id")}
	var err error
	if f.Year, err = intParam(c, "year", 1990, 2100); err != nil {
		return f, err
	}
	if f.From, err = intParam(c, "from", 1990, 2100); err != nil {
		return f, err
	}
	if f.To, err = intParam(c, "to", 1990, 2100); err != nil {
		return f, err
	}
	if f.Page, err = intParam(c, "page", 1, 100000); err != nil {
		return f, err
	}
	if f.Limit, err = intParam(c, "limit", 1, 1000); err != nil {
		return f, err
	}
	if f.Page == 0 {
		f.Page = 1
	}
	if f.Limit == 0 {
		f.Limit = defLimit
	}
	switch {
	case f.Format != "" && !formats[f.Format]:
		return f, badf("format must be csv, json or parquet")
	case f.Region != "" && !reRegion.MatchString(f.Region):
		return f, badf("region must be a six-digit GB/T 2260 code")
	case f.Level != "" && !data.IsLevel(f.Level):
		return f, badf("unknown level")
	case f.Metric != "" && !reKey.MatchString(f.Metric):
		return f, badf("metric must be a METRICS.md key")
	case f.Key != "" && !reKey.MatchString(f.Key):
		return f, badf("key must be a METRICS.md key")
	case f.ReportID != "" && !reHex.MatchString(f.ReportID):
		return f, badf("report_id must be hexadecimal")
	case c.QueryParam("lang") != "" && c.QueryParam("lang") != "en" && c.QueryParam("lang") != "zh":
		return f, badf("lang must be zh or en")
	case f.Peer != "" && f.Peer != "peer" && f.Peer != "parent":
		return f, badf("unknown peer group")
	case utf8.RuneCountInString(f.Organ) > 60, utf8.RuneCountInString(f.Q) > 60:
		return f, badf("text filters are limited to 60 characters")
	case f.From != 0 && f.To != 0 && f.From > f.To:
		return f, badf("from must not be after to")
	}
	return f, nil
}

// URL returns path with f's non-empty filters and the overrides (name, value pairs; an
// empty value removes the parameter), so links keep the view reproducible.
func (f Filter) URL(path string, kv ...string) string {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	num := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	set("year", num(f.Year))
	set("from", num(f.From))
	set("to", num(f.To))
	set("region", f.Region)
	set("level", f.Level)
	set("organ", f.Organ)
	set("metric", f.Metric)
	set("peer", f.Peer)
	set("q", f.Q)
	if f.Lang == "en" {
		v.Set("lang", "en")
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			v.Del(kv[i])
		} else {
			v.Set(kv[i], kv[i+1])
		}
	}
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

func ptrStr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func ptrInt(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}
