package dashboard

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/labstack/echo/v4"
)

// static holds app.js and app.css (committed) and vendor/ (echarts.min.js and china.js,
// copied there by `make assets` from the npm lock file, git-ignored). Embedding the
// directory rather than the vendor files keeps `go build` working on a fresh clone; the
// server then refuses to start until the assets are there (CheckAssets).
//
//go:embed static
var staticFS embed.FS

//go:embed templates/*.html
var templateFS embed.FS

// Vendored asset paths inside staticFS.
const (
	echartsFile = "static/vendor/echarts.min.js"
	chinaFile   = "static/vendor/china.js"
)

// ErrNoAssets says the binary was built without the ECharts files.
var ErrNoAssets = errors.New("dashboard: ECharts is not embedded in this binary (static/vendor/echarts.min.js missing): run `make assets`, then rebuild")

// CheckAssets reports whether the vendored chart library was embedded at build time.
func CheckAssets() error {
	for _, f := range []string{echartsFile, chinaFile} {
		if _, err := fs.Stat(staticFS, f); err != nil {
			return fmt.Errorf("%w (%s)", ErrNoAssets, path.Base(f))
		}
	}
	return nil
}

// static serves the embedded files; they never change within a binary, so they may be
// cached for a day.
func (s *Server) static(c echo.Context) error {
	name := path.Clean("/" + c.Param("*"))
	b, err := staticFS.ReadFile("static" + name)
	if err != nil || strings.HasSuffix(name, "/") {
		return errNotFound
	}
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = "application/octet-stream"
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=86400")
	return c.Blob(http.StatusOK, ct, b)
}

type templates struct{ pages map[string]*template.Template }

var pageNames = []string{"overview", "report", "organ", "regions", "keyareas", "quality", "trends",
	"export", "search", "sql", "crawl", "error"}

func parseTemplates() (*templates, error) {
	t := &templates{pages: map[string]*template.Template{}}
	for _, p := range pageNames {
		tp, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+p+".html")
		if err != nil {
			return nil, fmt.Errorf("dashboard: template %s: %w", p, err)
		}
		t.pages[p] = tp
	}
	return t, nil
}

var funcs = template.FuncMap{
	"T":   T,
	"pct": pct,
	"str": str,
	"numf": func(v any) string {
		f, ok := num(v)
		if !ok {
			return "–"
		}
		if f == float64(int64(f)) {
			return fmt.Sprintf("%d", int64(f))
		}
		return fmt.Sprintf("%.3g", f)
	},
	"add":       func(a, b int) int { return a + b },
	"group":     groupName,
	"levelList": func() []string { return []string{"national", "province", "city", "county", "township", "department"} },
}

// page is what every template gets.
type page struct {
	Title  string
	Lang   string
	Path   string
	Filter Filter
	Charts []chartView
	Data   any
	// Refresh, if positive, reloads the page after that many seconds (a running crawl's
	// progress), with no script.
	Refresh int
}

func (s *Server) render(c echo.Context, code int, name string, p page) error {
	if p.Lang == "" {
		p.Lang = langOf(c)
	}
	p.Filter.Lang = p.Lang
	p.Path = c.Request().URL.Path
	var b strings.Builder
	if err := s.tmpl.pages[name].ExecuteTemplate(&b, "layout.html", p); err != nil {
		return fmt.Errorf("dashboard: render %s: %w", name, err)
	}
	return c.HTML(code, b.String())
}
