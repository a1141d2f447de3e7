package crawl

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// hit is one request as the farm's server saw it.
type hit struct {
	at     time.Time
	method string
	uri    string
	ua     string
	inm    string
}

// farmHost is one portal of the farm: an httptest server on its own loopback address
// that logs every request it gets.
type farmHost struct {
	srv  *httptest.Server
	mux  *http.ServeMux
	mu   sync.Mutex
	hits []hit
}

func newFarmHost(t testing.TB, ip string) *farmHost {
	t.Helper()
	ln, err := net.Listen("tcp", ip+":0")
	if err != nil {
		t.Skipf("cannot listen on %s: %v", ip, err)
	}
	h := &farmHost{mux: http.NewServeMux()}
	h.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		h.hits = append(h.hits, hit{at: time.Now(), method: r.Method, uri: r.URL.RequestURI(), ua: r.UserAgent(), inm: r.Header.Get("If-None-Match")})
		h.mu.Unlock()
		h.mux.ServeHTTP(w, r)
	}))
	h.srv.Listener.Close()
	h.srv.Listener = ln
	h.srv.Start()
	t.Cleanup(h.srv.Close)
	return h
}

func (h *farmHost) url(p string) string { return h.srv.URL + p }

func (h *farmHost) log() []hit {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]hit(nil), h.hits...)
}

// count returns how many requests had a URI starting with prefix.
func (h *farmHost) count(prefix string) int {
	n := 0
	for _, x := range h.log() {
		if strings.HasPrefix(x.uri, prefix) {
			n++
		}
	}
	return n
}

var farmModTime = time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)

// serve answers with b, an ETag and Last-Modified, so re-crawls can ask for changes.
func serve(ctype string, b []byte) http.HandlerFunc {
	sum := sha256.Sum256(b)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("ETag", etag)
		http.ServeContent(w, r, "", farmModTime, bytes.NewReader(b))
	}
}

const htmlUTF8 = "text/html; charset=utf-8"

func sample(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "data", "sample", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// paras turns plain text into paragraphs; HTML fragments pass as they are.
func paras(s string) string {
	if strings.HasPrefix(strings.TrimSpace(s), "<") {
		return s
	}
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			b.WriteString("<p>" + html.EscapeString(l) + "</p>\n")
		}
	}
	return b.String()
}

// chrome is the site furniture around every page: navigation, links to disclosure
// sections that are not reports, a footer.
func chrome(body string) string {
	return `<div class="header"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/zwgk/zn/index.html">政府信息公开指南</a>
<a href="/hd/">互动交流</a> <a href="/sitemap.html">网站地图</a></div>` + body +
		`<div class="footer"><a href="/about.html">关于我们</a> 主办：某某人民政府办公室 <a href="mailto:x@example.org">联系我们</a></div>`
}

// article is a TRS-like report page: head meta, a metadata block and the body.
func article(title, date, body, extra, metaCharset string) string {
	mc := ""
	if metaCharset != "" {
		mc = `<meta http-equiv="Content-Type" content="text/html; charset=` + metaCharset + `">`
	}
	return `<!DOCTYPE html><html><head>` + mc + `<title>` + title + `</title>
<meta name="ArticleTitle" content="` + title + `"><meta name="PubDate" content="` + date + ` 09:00"></head><body>` +
		chrome(`<table class="xxgk_meta"><tr><td>索引号：</td><td>000014349/2024-00012</td><td>发布机构：</td><td>人民政府办公室</td></tr>
<tr><td>名 称：</td><td>`+title+`</td><td>发文日期：</td><td>`+date+`</td></tr></table>
<h1>`+title+`</h1><div class="TRS_Editor">`+body+`</div>`+extra) + `</body></html>`
}

func listPage(title string, items [][2]string, script string) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>` + title + `</title></head><body>`)
	var ul strings.Builder
	ul.WriteString(`<div class="overview_right"><ul>`)
	for _, it := range items {
		fmt.Fprintf(&ul, `<li><a href="%s" target="_blank">%s</a><span>2024-01-30</span></li>`, it[0], it[1])
	}
	ul.WriteString(`</ul></div>`)
	b.WriteString(chrome(ul.String()))
	if script != "" {
		b.WriteString("<script>" + script + "</script>")
	}
	b.WriteString(`</body></html>`)
	return b.String()
}

func gbk(t testing.TB, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// docx builds a minimal Word document of paragraphs.
func docx(t testing.TB, text string) []byte {
	t.Helper()
	var body strings.Builder
	for _, l := range strings.Split(text, "\n") {
		body.WriteString(`<w:p><w:r><w:t xml:space="preserve">` + html.EscapeString(l) + `</w:t></w:r></w:p>`)
	}
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		body.String() + `</w:body></w:document>`
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, s := range map[string]string{"[Content_Types].xml": `<Types/>`, "word/document.xml": doc} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(s)) //nolint:errcheck // bytes.Buffer
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func shaOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
