package dashboard

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"

	"github.com/labstack/echo/v4"

	"nianbao/analytics"
)

// apiHandlers are the /api/v1 endpoints: one per analytics view, plus search. Every one
// takes the page filters, page and limit (JSON is paginated; CSV and Parquet are the whole
// selection unless page or limit is given) and ?format=json|csv|parquet. Field names are
// the view's columns, i.e. METRICS.md's.
func (s *Server) apiHandlers() map[string]echo.HandlerFunc {
	m := map[string]echo.HandlerFunc{}
	for _, v := range analytics.Views {
		m[string(v)] = s.apiView(v)
	}
	m["search"] = s.apiSearch
	return m
}

func (s *Server) apiView(v analytics.View) echo.HandlerFunc {
	return func(c echo.Context) error {
		f, err := parseFilter(c, 100)
		if err != nil {
			return err
		}
		if v == analytics.ViewRankings && f.Metric != "" && !isRanked(f.Metric) {
			return badf("metric must be one of grant_rate, refusal_rate, nondisclosure_rate, correction_rate")
		}
		paged := c.QueryParam("page") != "" || c.QueryParam("limit") != ""
		switch f.Format {
		case "parquet":
			return s.apiParquet(c, v, f, paged)
		case "csv":
			p := f.params()
			if paged {
				p.Offset, p.Limit = (f.Page-1)*f.Limit, f.Limit
			}
			return s.apiCSV(c, v, p)
		case "", "json":
			t, total, err := s.view(c.Request().Context(), v, f, (f.Page-1)*f.Limit, f.Limit)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, map[string]any{"view": v, "page": f.Page, "limit": f.Limit,
				"total": total, "columns": t.Columns, "rows": t.Rows})
		}
		return badf("format must be csv, json or parquet")
	}
}

// apiParquet has DuckDB write the view to a temporary file, then streams it: the whole
// selection, so paging is refused; the equality filters (level, organ, report_id, key)
// are refused too, as before, to keep the export's contract unchanged.
func (s *Server) apiParquet(c echo.Context, v analytics.View, f Filter, paged bool) error {
	if f.Level != "" || f.Organ != "" || f.ReportID != "" || f.Key != "" || paged {
		return badf("parquet exports take year, from, to, region and metric filters only (no level, organ, report_id, key or paging)")
	}
	if v == analytics.ViewDictionary {
		return badf("the dictionary is available as csv or json")
	}
	dir, err := os.MkdirTemp("", "nianbao-parquet-")
	if err != nil {
		return fmt.Errorf("dashboard: parquet: %w", err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, string(v)+".parquet")
	if _, err := s.an.CopyParquet(c.Request().Context(), v, f.params(), path); err != nil {
		return err
	}
	file, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("dashboard: parquet: %w", err)
	}
	defer file.Close()
	c.Response().Header().Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s.parquet"`, v))
	return c.Stream(http.StatusOK, "application/vnd.apache.parquet", file)
}

// apiCSV streams view v under p as CSV, row by row as the cursor reads them (a whole
// view in chunks: analytics.Open), with no total. An error before the first byte is an
// error response; one after it, when the status is sent (a query interrupted at the
// request's time limit, say), aborts the response, so that the client sees a failed
// download rather than a short file that looks whole.
func (s *Server) apiCSV(c echo.Context, v analytics.View, p analytics.Params) error {
	if s.an == nil {
		return fmt.Errorf("dashboard: no analytics")
	}
	cur, err := s.an.Open(c.Request().Context(), v, p)
	if err != nil {
		return err
	}
	defer cur.Close()
	c.Response().Header().Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	c.Response().Header().Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s.csv"`, v))
	c.Response().WriteHeader(http.StatusOK)
	if err := writeCSV(c.Response(), cur); err != nil {
		s.log.Warn("csv export aborted", "request_id", c.Response().Header().Get(echo.HeaderXRequestID),
			"uri", c.Request().RequestURI, "err", err)
		panic(http.ErrAbortHandler)
	}
	return nil
}

// writeCSV writes the cursor's rows as CSV, values as the pages print them (plainValue,
// str) and lists as JSON.
func writeCSV(w io.Writer, cur analytics.Cursor) error {
	cw := csv.NewWriter(w)
	cols := cur.Columns()
	if err := cw.Write(cols); err != nil {
		return err
	}
	rec := make([]string, len(cols))
	for cur.Next() {
		for i, v := range cur.Values() {
			v = plainValue(v)
			if l, ok := v.([]any); ok {
				b, _ := json.Marshal(l)
				rec[i] = string(b)
			} else {
				rec[i] = str(v)
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	if err := cur.Err(); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

func (s *Server) apiSearch(c echo.Context) error {
	f, err := parseFilter(c, 20)
	if err != nil {
		return err
	}
	if f.Q == "" {
		return badf("q is required")
	}
	if f.Format != "" && f.Format != "json" {
		return badf("search results are JSON")
	}
	hits, more, err := s.searchHits(c.Request().Context(), f)
	if err != nil {
		return err
	}
	rows := make([]map[string]any, len(hits))
	for i, h := range hits {
		r := map[string]any{}
		for _, k := range []string{"report_id", "document_sha256", "organ", "region_code", "level", "year", "pos", "snippet"} {
			r[k] = h.Row[k]
		}
		rows[i] = r
	}
	// total counts the hits up to this page; more says whether another page follows (the
	// scan stops at the page's end, so the number of all hits is not known).
	_, shown := searchTotal(f, len(hits), more)
	return c.JSON(http.StatusOK, map[string]any{"q": f.Q, "page": f.Page, "limit": f.Limit, "more": more,
		"total": (f.Page-1)*f.Limit + len(hits), "shown": shown, "rows": rows})
}
