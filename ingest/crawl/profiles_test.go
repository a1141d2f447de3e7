package crawl

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"nianbao/data"
)

// farmRecord is one item of a farm list: where it is, its title, and the report body it
// serves (nil: a page that is not a report).
type farmRecord struct {
	href, title string
	body        []byte
}

// crawlHost crawls seeds with the given profiles (nil: the bundled ones) and returns the
// run's summary and the documents store, failing on a crawl error.
func crawlHost(t *testing.T, seeds []string, profiles []data.PortalProfile) (*Summary, func(sha string) (docs, reports int)) {
	t.Helper()
	c, db := testCrawler(t, t.TempDir(), Config{Seeds: seeds, Profiles: profiles})
	sum, err := c.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return sum, func(sha string) (int, int) {
		return queryInt(t, db, "SELECT count(*) FROM documents WHERE sha256 = ?", sha),
			queryInt(t, db, "SELECT count(*) FROM reports WHERE document_sha256 = ?", sha)
	}
}

// checkReports asserts every report body was stored once, as a report.
func checkReports(t *testing.T, recs []farmRecord, count func(string) (int, int)) {
	t.Helper()
	for _, r := range recs {
		if r.body == nil {
			continue
		}
		if d, rp := count(shaOf(r.body)); d != 1 || rp != 1 {
			t.Errorf("%s (%s): %d documents, %d reports rows; want 1 and 1", r.href, r.title, d, rp)
		}
	}
}

// farmRecords makes n list items under dir, those at the given indices reports with a
// body from the corpus.
func farmRecords(t *testing.T, n int, href func(i int) string, reports map[int]string, title func(i int) string) []farmRecord {
	var out []farmRecord
	for i := range n {
		r := farmRecord{href: href(i), title: fmt.Sprintf("关于做好第%d批项目申报工作的通知", i+1)}
		if src, ok := reports[i]; ok {
			r.title = title(i)
			r.body = []byte(article(r.title, "2024-01-20", paras(sample(t, src)), "", ""))
		}
		out = append(out, r)
	}
	return out
}

// TestEpointPaging: an Epoint 新点 column whose list comes from getgovinfolist, its
// siteGuid from /js/ajaxReq.js; 12 items, 5 a page, so pages 0, 1 and 2 and nothing more.
func TestEpointPaging(t *testing.T) {
	h := newFarmHost(t, "127.0.0.9")
	m := h.mux
	m.HandleFunc("/robots.txt", http.NotFound)
	const guid = "7eb5f7f1-9041-43ad-8e13-8fcb82ea831a"
	recs := farmRecords(t, 12, func(i int) string {
		return fmt.Sprintf("/xxgk/003001/2024%04d/%08x-9041-43ad-8e13-8fcb82ea%04x.html", 101+i, 0xabc00+i, i)
	}, map[int]string{1: "prose/015.src", 6: "prose/017.src", 11: "prose/019.src"}, func(i int) string {
		return fmt.Sprintf("萍乡市%d年政府信息公开工作年度报告", 2012+i)
	})
	for _, r := range recs {
		body := r.body
		if body == nil {
			body = []byte(`<html><body><!--EpointContent--><div id="ivs_content">通知</div></body></html>`)
		}
		m.HandleFunc(r.href, serve(htmlUTF8, body))
	}
	m.HandleFunc("/xxgk/003001/list.html", serve(htmlUTF8, []byte(`<!DOCTYPE html><html><head><meta charset="utf-8">
<title>政府信息公开年报</title><script src="/js/jquery.min.js"></script><script src="/js/ajaxReq.js?v=3"></script></head><body>`+
		chrome(`<!--EpointContent--><div class="ewb-info"><ul id="infolist"></ul><div id="pager"></div></div>`)+
		`<script>var categorynum = "003001"; var deptcode = "001"; var pageSize = 5;
$(function(){ getList(0); });
function getList(idx){ ajaxReq("/EWB-FRONT/rest/lightfrontaction/getgovinfolist", {deptcode: deptcode, categorynum: categorynum, pageIndex: idx, pageSize: pageSize, siteGuid: siteGuid}, render); }</script></body></html>`)))
	m.HandleFunc("/js/ajaxReq.js", serve("application/javascript", []byte(`var siteGuid = "`+guid+`";
function ajaxReq(url, data, cb){ $.ajax({url: url, type: "POST", contentType: "application/json", data: JSON.stringify(data), success: cb}); }`)))
	m.HandleFunc("/EWB-FRONT/rest/lightfrontaction/getgovinfolist", func(w http.ResponseWriter, r *http.Request) {
		var q epointQuery
		if r.Method != http.MethodPost || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") ||
			json.NewDecoder(r.Body).Decode(&q) != nil || q.SiteGUID != guid || q.CategoryNum != "003001" || q.DeptCode != "001" || q.PageSize != 5 {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		type item struct {
			Title    string `json:"title"`
			InfoURL  string `json:"infourl"`
			InfoDate string `json:"infodate"`
		}
		data := []item{}
		for i := q.PageIndex * q.PageSize; i < (q.PageIndex+1)*q.PageSize && i < len(recs); i++ {
			data = append(data, item{recs[i].title, recs[i].href, "2024-01-20"})
		}
		w.Header().Set("Content-Type", "application/json;charset=utf-8")
		json.NewEncoder(w).Encode(map[string]any{"custom": map[string]any{"total": len(recs), "data": data}, //nolint:errcheck // test server
			"status": map[string]any{"code": 200, "text": ""}})
	})

	_, count := crawlHost(t, []string{h.url("/xxgk/003001/list.html")}, nil)
	checkReports(t, recs, count)
	var pages []int
	for _, x := range h.log() {
		if strings.HasPrefix(x.uri, "/EWB-FRONT/") {
			if x.method != http.MethodPost {
				t.Errorf("list API called with %s", x.method)
			}
			pages = append(pages, len(pages))
		}
	}
	if len(pages) != 3 {
		t.Errorf("getgovinfolist calls = %d, want 3 (pageIndex 0, 1, 2; none beyond the total)", len(pages))
	}
	if n := h.count("/js/ajaxReq.js"); n != 1 {
		t.Errorf("ajaxReq.js fetched %d times, want 1", n)
	}
	for _, r := range recs {
		if n := h.count(r.href); r.body != nil && n != 1 || r.body == nil && n != 0 {
			t.Errorf("%s (%s) fetched %d times", r.href, r.title, n)
		}
	}
}

func TestEpointReply(t *testing.T) {
	u, _ := url.Parse("http://x.example/EWB-FRONT/rest/lightfrontaction/getgovinfolist")
	form := `{"deptcode":"","categorynum":"001","pageIndex":1,"pageSize":2,"siteGuid":"g"}`
	// custom as a JSON string, no total: a full page asks for the next, a short one ends.
	full := `{"custom":"{\"data\":[{\"title\":\"<font color=red>2023年</font>年报\",\"infourl\":\"/a.html\"},{\"title\":\"b\",\"infourl\":\"/b.html\"}]}"}`
	links, next, ok := epointReply(u, form, []byte(full), 200)
	if !ok || len(links) != 2 || links[0].Text != "2023年年报" || len(next) != 1 || !strings.Contains(next[0].Body, `"pageIndex":2`) {
		t.Errorf("full page: %v %v %v", links, next, ok)
	}
	short := `{"custom":{"data":[{"title":"c","infourl":"/c.html"}]}}`
	if _, next, ok := epointReply(u, form, []byte(short), 200); !ok || next != nil {
		t.Errorf("short page: next %v", next)
	}
	if _, next, ok := epointReply(u, form, []byte(`{"custom":{"data":[],"total":"40"}}`), 200); !ok || next != nil {
		t.Errorf("empty page: next %v", next)
	}
	if _, next, _ := epointReply(u, form, []byte(full), 2); next != nil {
		t.Errorf("MaxListPages ignored: %v", next)
	}
}

// TestFJTRSPaging: a Fujian TRS list (pingtan.gov.cn style) filled by list2.trsapi; the
// crawler POSTs /fjdzapp/search page by page: 23 items, 10 a page, pages 1–3.
func TestFJTRSPaging(t *testing.T) {
	h := newFarmHost(t, "127.0.0.10")
	m := h.mux
	m.HandleFunc("/robots.txt", serve("text/plain", []byte("User-agent: *\nDisallow: /fjdzapp/admin\n")))
	recs := farmRecords(t, 23, func(i int) string {
		return fmt.Sprintf("http://%s/zwgk/zfxxgk/zfxxgknb/2024%02d/t2024%02d10_%d.htm", h.srv.Listener.Addr(), i%12+1, i%12+1, 80400+i)
	}, map[int]string{0: "prose/021.src", 10: "prose/023.src", 22: "prose/025.src"}, func(i int) string {
		return fmt.Sprintf("平潭综合实验区%d年度政府信息公开工作年度报告", 2010+i/2)
	})
	for _, r := range recs {
		u, _ := url.Parse(r.href)
		body := r.body
		if body == nil {
			body = []byte(`<html><body><div class="article_content"><div class="TRS_Editor">通知</div></div></body></html>`)
		}
		m.HandleFunc(u.Path, serve(htmlUTF8, body))
	}
	m.HandleFunc("/zwgk/zfxxgk/zfxxgknb/", serve(htmlUTF8, []byte(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开年报</title>
<script>var SiteInfo = {siteId: "1", searchId: "200210", siteName: "平潭综合实验区"};</script></head><body>`+
		chrome(`<div class="list" ms-controller="list"><ul><li ms-for="el in @list"><a ms-attr="{href: el.chnldocurl}" target="_blank">{{el.doctitle}}</a><span>{{el.docreltime}}</span></li></ul></div>`)+
		`<script>require(["list2.trsapi"], function (api) { api.init({ channelid: SiteInfo.searchId, classsql: "chnlid=1813",
 sortfield: "-docorderpri,-docreltime", pagesize: 10, maxStaticIndex: 1 }); });</script></body></html>`)))
	m.HandleFunc("/fjdzapp/search", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.FormValue("channelid") != "200210" || r.FormValue("classsql") != "chnlid=1813" ||
			r.FormValue("sortfield") != "-docorderpri,-docreltime" || r.FormValue("pagesize") != "10" {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		page, err := strconv.Atoi(r.FormValue("page"))
		if err != nil || page < 1 {
			http.Error(w, "bad page", http.StatusBadRequest)
			return
		}
		datas := []map[string]string{}
		for i := (page - 1) * 10; i < page*10 && i < len(recs); i++ {
			datas = append(datas, map[string]string{"chnldocurl": recs[i].href, "doctitle": recs[i].title, "docreltime": "2024-01-10 09:00:00"})
		}
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		json.NewEncoder(w).Encode(map[string]any{"code": 200, "data": map[string]any{"total": len(recs), "list": datas}}) //nolint:errcheck // test server
	})

	_, count := crawlHost(t, []string{h.url("/zwgk/zfxxgk/zfxxgknb/")}, nil)
	checkReports(t, recs, count)
	if n := h.count("/fjdzapp/search"); n != 3 {
		t.Errorf("search calls = %d, want 3 (pages 1–3, none beyond the total)", n)
		for _, x := range h.log() {
			t.Log(x.method, x.uri)
		}
	}
}

func TestFJTRSReply(t *testing.T) {
	u, _ := url.Parse("http://x.example/fjdzapp/search")
	form := "channelid=200210&classsql=chnlid%3D1813&page=2&pagesize=2&sortfield=-docreltime"
	two := `{"page":{"pagecount":3},"datas":[{"chnldocurl":"/a.htm","doctitle":"a"},{"chnldocurl":"/b.htm","doctitle":"b"}]}`
	if links, next, ok := fjtrsReply(u, form, []byte(two), 200); !ok || len(links) != 2 || len(next) != 1 || !strings.Contains(next[0].Body, "page=3") {
		t.Errorf("page 2 of 3: %v %v %v", links, next, ok)
	}
	last := strings.Replace(two, `"pagecount":3`, `"pagecount":2`, 1)
	if _, next, _ := fjtrsReply(u, form, []byte(last), 200); next != nil {
		t.Errorf("last page by pagecount: next %v", next)
	}
	// No count: a full page asks for the next; an empty one ends.
	nocount := `{"datas":[{"chnldocurl":"/a.htm","doctitle":"a"},{"chnldocurl":"/b.htm","doctitle":"b"}]}`
	if _, next, _ := fjtrsReply(u, form, []byte(nocount), 200); len(next) != 1 {
		t.Errorf("full page without count: next %v", next)
	}
	if links, next, ok := fjtrsReply(u, form, []byte(`{"datas":[]}`), 200); !ok || links != nil || next != nil {
		t.Errorf("empty page: %v %v %v", links, next, ok)
	}
}

// farmCMS is a profile for a CMS the heuristics cannot read: list titles cut short (the
// full title only in title=), report pages at view.jsp?id=N, and a next-page link that
// is an image at list.jsp?pg=N.
var farmCMS = data.PortalProfile{Name: "farmcms", Family: "farm CMS (test)", DetectHTML: []string{"FarmCMS"}, Paging: "generic",
	ListItems: []string{"div.news-list dl > dd a"}, NextPage: []string{"div.pager a.pg-next"}}

func farmCMSHost(t *testing.T, ip string) (*farmHost, []farmRecord) {
	h := newFarmHost(t, ip)
	m := h.mux
	m.HandleFunc("/robots.txt", http.NotFound)
	recs := farmRecords(t, 9, func(i int) string { return fmt.Sprintf("/xxgk/zfxxgknb/view.jsp?id=%d", 700+i) },
		map[int]string{0: "prose/027.src", 4: "prose/029.src", 8: "prose/031.src"}, func(i int) string {
			return fmt.Sprintf("%d年度区人力资源和社会保障局政府信息公开工作年度报告", 2016+i)
		})
	recs[2].title = "关于2017年度政府信息公开工作年度报告的解读"
	head := `<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="generator" content="FarmCMS 3.2"><title>政府信息公开年报</title></head><body>`
	m.HandleFunc("/{$}", serve(htmlUTF8, []byte(head+chrome(`<div class="nav"><a href="/xxgk/zfxxgknb/list.jsp">政府信息公开年报</a></div>`)+`</body></html>`)))
	m.HandleFunc("/xxgk/zfxxgknb/view.jsp", func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.Atoi(r.URL.Query().Get("id"))
		if id < 700 || id >= 700+len(recs) {
			http.NotFound(w, r)
			return
		}
		body := recs[id-700].body
		if body == nil {
			body = []byte(`<html><body>解读</body></html>`)
		}
		serve(htmlUTF8, body)(w, r)
	})
	m.HandleFunc("/xxgk/zfxxgknb/list.jsp", func(w http.ResponseWriter, r *http.Request) {
		pg := 1
		if s := r.URL.Query().Get("pg"); s != "" {
			pg, _ = strconv.Atoi(s)
		}
		var b strings.Builder
		b.WriteString(`<div class="news-list"><dl>`)
		for i := (pg - 1) * 3; i < pg*3 && i < len(recs); i++ {
			short := []rune(recs[i].title)
			fmt.Fprintf(&b, `<dd><a href="view.jsp?id=%d" title="%s">%s…</a><span>2024-01-2%d</span></dd>`, 700+i, recs[i].title, string(short[:14]), i%10)
		}
		b.WriteString(`</dl></div><div class="pager">`)
		if pg < 3 {
			fmt.Fprintf(&b, `<a class="pg-next" href="list.jsp?pg=%d"><img src="/img/next.png"></a>`, pg+1)
		}
		b.WriteString(`</div>`)
		serve(htmlUTF8, []byte(head+chrome(b.String())+`</body></html>`))(w, r)
	})
	return h, recs
}

// TestProfileSelectors: the profile's list-item and next-page selectors find what the
// heuristics cannot; without the profile the same host yields no report.
func TestProfileSelectors(t *testing.T) {
	profiles, err := data.PortalProfiles()
	if err != nil {
		t.Fatal(err)
	}
	withFarm := append([]data.PortalProfile{farmCMS}, profiles...)

	h, recs := farmCMSHost(t, "127.0.0.11")
	_, count := crawlHost(t, []string{h.url("/")}, withFarm)
	checkReports(t, recs, count)
	for i, pg := range []string{"/xxgk/zfxxgknb/list.jsp", "/xxgk/zfxxgknb/list.jsp?pg=2", "/xxgk/zfxxgknb/list.jsp?pg=3", "/xxgk/zfxxgknb/list.jsp?pg=4"} {
		n := 0
		for _, x := range h.log() {
			if x.uri == pg {
				n++
			}
		}
		if want := 1 - i/3; n != want {
			t.Errorf("%s fetched %d times, want %d", pg, n, want)
		}
	}
	if n := h.count("/xxgk/zfxxgknb/view.jsp?id=702"); n != 0 {
		t.Errorf("the 解读 page was fetched %d times", n)
	}

	// The heuristics alone (the bundled profiles) find the column but neither the reports
	// nor the further pages.
	h2, recs2 := farmCMSHost(t, "127.0.0.12")
	_, count2 := crawlHost(t, []string{h2.url("/")}, profiles)
	if h2.count("/xxgk/zfxxgknb/list.jsp") != 1 || h2.count("/xxgk/zfxxgknb/list.jsp?pg=") != 0 || h2.count("/xxgk/zfxxgknb/view.jsp") != 0 {
		for _, x := range h2.log() {
			t.Log(x.method, x.uri)
		}
		t.Errorf("the heuristics alone read the farm CMS: the test host does not defeat them")
	}
	for _, r := range recs2 {
		if r.body != nil {
			if d, _ := count2(shaOf(r.body)); d != 0 {
				t.Errorf("%s found without the profile", r.href)
			}
		}
	}
}

func TestSelector(t *testing.T) {
	doc := `<html><body><div id="nav" class="menu top"><ul><li><a href="/a">a</a></li></ul></div>
<div class="overview_right"><ul><li><a href="/b" data-x="1">b</a></li><li><span><a href="/c">c</a></span></li></ul></div></body></html>`
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	for sel, want := range map[string]string{
		".overview_right li a":            "/b /c",
		".overview_right li > a":          "/b",
		"div#nav.menu.top a, a[data-x=1]": "/a /b",
		"ul li a":                         "/a /b /c",
		"a[data-x]":                       "/b",
		"*.menu > ul a":                   "/a",
		"div.menu.bottom a":               "",
	} {
		s, err := parseSelector(sel)
		if err != nil {
			t.Errorf("%q: %v", sel, err)
			continue
		}
		var got []string
		for _, n := range s.selectAll(root) {
			h, _ := attr(n, "href")
			got = append(got, h)
		}
		sort.Strings(got)
		if g := strings.Join(got, " "); g != want {
			t.Errorf("%q selects %q, want %q", sel, g, want)
		}
	}
	for _, bad := range []string{"下一页", ">", "a >", "a:first-child", "a[", ""} {
		if _, err := parseSelector(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}
