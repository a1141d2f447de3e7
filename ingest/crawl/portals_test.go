package crawl

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// farm is the local portal farm: a TRS site with traps, a Hanweb jcms site and a
// Guangdong gkmlpt site, each on its own loopback address.
type farm struct {
	trs, hanweb, gkmlpt *farmHost
	// reports are the bodies that carry a report, by name; each must be stored once.
	reports map[string][]byte
	seeds   []string
}

func newFarm(t testing.TB) *farm {
	f := &farm{reports: map[string][]byte{}}
	f.trs = newFarmHost(t, "127.0.0.2")
	f.hanweb = newFarmHost(t, "127.0.0.3")
	f.gkmlpt = newFarmHost(t, "127.0.0.4")
	f.buildTRS(t)
	f.buildHanweb(t)
	f.buildGkmlpt(t)
	f.seeds = []string{f.trs.url("/"), f.hanweb.url("/col/col123/index.html"), f.gkmlpt.url("/gkmlpt/index#2400")}
	return f
}

func (f *farm) report(name string, b []byte) []byte {
	f.reports[name] = b
	return b
}

func (f *farm) buildTRS(t testing.TB) {
	m := f.trs.mux
	m.HandleFunc("/robots.txt", serve("text/plain", []byte("User-agent: *\nDisallow: /private/\n\nUser-agent: nianbao\nDisallow: /private/\nDisallow: /internal\n")))
	m.HandleFunc("/{$}", serve(htmlUTF8, []byte(`<html><head><meta charset="utf-8"><title>某某市人民政府</title></head><body>`+
		chrome(`<a href="/zwgk/gknb/index.html">政府信息公开年报</a> <a href="/calendar/2024/03/">年报日历</a>
<a href="/zwgk/gknb/index.html?month=2024-03">政府信息公开年报（3月）</a> <a href="/news/t20240101_1.html">市长调研</a>`)+`</body></html>`)))
	// Calendar and endless-list traps: each page links the next one.
	m.HandleFunc("/calendar/", func(w http.ResponseWriter, r *http.Request) {
		serve(htmlUTF8, []byte(listPage("日历", [][2]string{{r.URL.Path + "next/", "年报 下个月"}}, "")))(w, r)
	})
	m.HandleFunc("/zwgk/gknb/more.html", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		serve(htmlUTF8, []byte(listPage("更多年报", [][2]string{{fmt.Sprintf("more.html?n=%d&x=%d", n+1, n*7), "更多年报"}}, "")))(w, r)
	})
	items0 := [][2]string{
		{"202001/t20200131_1001.html", "2019年上海市人民政府办公厅政府信息公开工作年度报告"},
		{"202503/t20250301_1002.html", "淮安市2024年政府信息公开工作年度报告"},
		{"202403/t20240305_1009.html", "关于2023年度政府信息公开工作年度报告的解读"},
		{"/zwgk/zn/index.html", "政府信息公开指南"},
		{"/zwgk/gknb/202403/t20240306_1010.html", "2023年政府信息公开工作要点"},
		{"/loop/a", "2018年度政府信息公开工作年度报告"},
		{"/private/t20180101_1.html", "内部：2017年度政府信息公开工作年度报告"},
		{"more.html?n=1", "更多年报"},
	}
	items1 := [][2]string{
		{"202202/t20220210_1003.html", "平潭综合实验区2021年度政府信息公开工作年度报告"},
		{"/zwgk/gknb/202001/t20200131_1001.html;jsessionid=ABC123?utm_source=list", "2019年上海市人民政府办公厅政府信息公开工作年度报告"},
		{"/xxgk/t20200131_9001.html", "2019年上海市人民政府办公厅政府信息公开工作年度报告（转载）"},
		{"202501/t20250120_1004.html", "洪泽区2024年政府信息公开工作年度报告"},
		{"202301/t20230115_1005.html", "2022年度政府信息公开工作年度报告"},
	}
	items2 := [][2]string{
		{"202403/t20240301_1006.html", "平潭综合实验区2023年度政府信息公开工作年度报告"},
		{"202401/t20240115_1007.html", "洪泽区2023年政府信息公开工作年度报告"},
		{"202101/t20210110_1008.html", "赣州市2013年政府信息公开工作年度报告"},
	}
	paging := `createPageHTML(3, %d, "index", "html");`
	m.HandleFunc("/zwgk/gknb/index.html", serve(htmlUTF8, []byte(listPage("政府信息公开年报", items0, fmt.Sprintf(paging, 0)))))
	m.HandleFunc("/zwgk/gknb/index_1.html", serve(htmlUTF8, []byte(listPage("政府信息公开年报", items1, fmt.Sprintf(paging, 1)))))
	m.HandleFunc("/zwgk/gknb/index_2.html", serve(htmlUTF8, []byte(listPage("政府信息公开年报", items2, fmt.Sprintf(paging, 2)))))

	sh := f.report("shanghai2019", []byte(article(items0[0][1], "2020-01-31", paras(sample(t, "t2019/001.src")), "", "")))
	m.HandleFunc("/zwgk/gknb/202001/t20200131_1001.html", serve(htmlUTF8, sh))
	m.HandleFunc("/xxgk/t20200131_9001.html", serve(htmlUTF8, sh)) // the same report under a second URL

	pdf := f.report("huaian2024.pdf", []byte(sample(t, "t2019/010.pdf")))
	m.HandleFunc("/zwgk/gknb/202503/t20250301_1002.html", serve(htmlUTF8, []byte(article(items0[1][1], "2025-03-01",
		"<p>详见附件。</p>", `<p>附件：<a href="./P020250301001.pdf">淮安市2024年政府信息公开工作年度报告.pdf</a></p>`, ""))))
	m.HandleFunc("/zwgk/gknb/202503/P020250301001.pdf", serve("application/pdf", pdf))

	// A GBK page that says so, and a GBK page whose header says UTF-8.
	pt21 := f.report("pingtan2021.gbk", gbk(t, article(items1[0][1], "2022-02-10", paras(sample(t, "t2019/004.src")), "", "gbk")))
	m.HandleFunc("/zwgk/gknb/202202/t20220210_1003.html", serve("text/html; charset=gbk", pt21))
	pt23 := f.report("pingtan2023.mislabelled", gbk(t, article(items2[0][1], "2024-03-01", paras(sample(t, "t2019/006.src")), "", "")))
	m.HandleFunc("/zwgk/gknb/202403/t20240301_1006.html", serve(htmlUTF8, pt23))

	dx := f.report("hongze2024.docx", docx(t, "淮安市洪泽区人民政府2024年政府信息公开工作年度报告\n"+sample(t, "t2019/009.src")))
	m.HandleFunc("/zwgk/gknb/202501/t20250120_1004.html", serve(htmlUTF8, []byte(article(items1[3][1], "2025-01-20",
		"<p>见附件</p>", `<a href="P020250120001.docx">附件下载</a>`, ""))))
	m.HandleFunc("/zwgk/gknb/202501/P020250120001.docx", serve("application/vnd.openxmlformats-officedocument.wordprocessingml.document", dx))

	// A 20 MB file: refused by the body limit.
	m.HandleFunc("/zwgk/gknb/202301/t20230115_1005.html", serve(htmlUTF8, []byte(article(items1[4][1], "2023-01-15",
		"<p>见附件</p>", `<a href="P0big.pdf">2022年度报告（扫描件）.pdf</a>`, ""))))
	big := make([]byte, 20<<20)
	copy(big, "%PDF-1.4\n")
	m.HandleFunc("/zwgk/gknb/202301/P0big.pdf", serve("application/pdf", big))

	// 500 (with Retry-After) the first time, then the page.
	var n500 atomic.Int32
	hz23 := f.report("hongze2023", []byte(article(items2[1][1], "2024-01-15", paras(sample(t, "t2019/008.src")), "", "")))
	m.HandleFunc("/zwgk/gknb/202401/t20240115_1007.html", func(w http.ResponseWriter, r *http.Request) {
		if n500.Add(1) == 1 {
			w.Header().Set("Retry-After", "0")
			http.Error(w, "busy", http.StatusInternalServerError)
			return
		}
		serve(htmlUTF8, hz23)(w, r)
	})
	// A slow answer, within the timeout.
	gz := f.report("ganzhou2013", []byte(article(items2[2][1], "2014-03-01", paras(sample(t, "seeds/000_5de301956977bd49.src")), "", "")))
	m.HandleFunc("/zwgk/gknb/202101/t20210110_1008.html", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(300 * time.Millisecond)
		serve(htmlUTF8, gz)(w, r)
	})
	// A redirect loop.
	m.HandleFunc("/loop/a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/b", http.StatusFound) })
	m.HandleFunc("/loop/b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/a", http.StatusFound) })
	// Pages about disclosure that are not reports (never linked as reports; must not be
	// fetched) and the disallowed one.
	for _, p := range []string{"/zwgk/gknb/202403/t20240305_1009.html", "/zwgk/zn/index.html", "/zwgk/gknb/202403/t20240306_1010.html", "/private/t20180101_1.html"} {
		m.HandleFunc(p, serve(htmlUTF8, []byte(article("政府信息公开", "2024-01-01", paras(sample(t, "seeds/001_afc74f49a4135613.src")), "", ""))))
	}
}

func (f *farm) buildHanweb(t testing.TB) {
	m := f.hanweb.mux
	m.HandleFunc("/robots.txt", http.NotFound)
	type rec struct{ href, title string }
	var recs []rec
	reports := map[int]string{3: "prose/001.src", 12: "prose/007.src", 19: "prose/009.src"}
	for i := 1; i <= 20; i++ {
		href := fmt.Sprintf("/art/2015/3/%d/art_123_%d.html", i%28+1, 1000+i)
		title := fmt.Sprintf("关于印发第%d号工作方案的通知", i)
		if src, ok := reports[i]; ok {
			title = fmt.Sprintf("%d年度政府信息公开工作年度报告", 2010+i/5)
			body := f.report("hanweb-"+src, []byte(`<html><head><meta charset="utf-8"><title>`+title+`</title></head><body>`+
				chrome(`<div class="xxgk"><table><tr><td>索引号</td><td>002482170/2015-12345</td><td>主题分类</td><td>综合政务</td></tr></table><div id="zoom">`+
					paras(sample(t, src))+`</div></div>`)+`</body></html>`))
			m.HandleFunc(href, serve(htmlUTF8, body))
		} else {
			m.HandleFunc(href, serve(htmlUTF8, []byte(`<html><body>通知</body></html>`)))
		}
		recs = append(recs, rec{href, title})
	}
	record := func(r rec) string {
		return `<record><![CDATA[<li><a href="` + r.href + `" title="` + r.title + `">` + r.title + `</a></li>]]></record>`
	}
	var first strings.Builder
	for _, r := range recs[:5] {
		first.WriteString(record(r))
	}
	m.HandleFunc("/col/col123/index.html", serve(htmlUTF8, []byte(`<html><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body>`+
		chrome(`<div id="456"><script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=1&path=/&columnid=123&unitid=456&webname=test&permissiontype=0"></a>]]></nextgroup><recordset>`+
			first.String()+`</recordset></datastore></script></div>`)+
		`<script>var jpage = {col:1, webid:1, path:'/', columnid:123, sourceContentType:1, unitid:456, webname:'test', permissiontype:0, perpage:5, totalRecord:20};</script></body></html>`)))
	m.HandleFunc("/module/web/jpage/dataproxy.jsp", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.FormValue("columnid") != "123" || r.FormValue("unitid") != "456" {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		s, _ := strconv.Atoi(r.URL.Query().Get("startrecord"))
		e, _ := strconv.Atoi(r.URL.Query().Get("endrecord"))
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>20</totalrecord><totalpage>4</totalpage><recordset>`)
		for i := s; i <= e && i <= len(recs); i++ {
			if i >= 1 {
				b.WriteString(record(recs[i-1]))
			}
		}
		b.WriteString(`</recordset></datastore>`)
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		w.Write([]byte(b.String())) //nolint:errcheck // test server
	})
}

func (f *farm) buildGkmlpt(t testing.TB) {
	m := f.gkmlpt.mux
	m.HandleFunc("/robots.txt", serve("text/plain", []byte("User-agent: *\nAllow: /\n")))
	m.HandleFunc("/gkmlpt/index", serve(htmlUTF8, []byte(`<html><head><meta charset="utf-8"><title>政府信息公开目录</title></head><body>`+
		chrome(`<div id="app"></div>`)+`<script>window._CONFIG = { SID: '755', TREE: [{id: 2400, name: "年度报告"}] };</script></body></html>`)))
	type art struct{ Title, URL string }
	base := f.gkmlpt.url("")
	pages := map[string][]art{
		"1": {{"2019年度政府信息公开工作年度报告", base + "/gkmlpt/content/1/11/post_11.html"}, {"关于防汛工作的通知", base + "/gkmlpt/content/1/12/post_12.html"}},
		"2": {{"2020年度政府信息公开工作年度报告", base + "/gkmlpt/content/1/13/post_13.html"}},
	}
	m.HandleFunc("/gkmlpt/api/all/2400", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("sid") != "755" {
			http.Error(w, "no sid", http.StatusBadRequest)
			return
		}
		arts := pages[r.URL.Query().Get("page")]
		out := map[string]any{"total": 3, "articles": []map[string]string{}}
		var list []map[string]string
		for _, a := range arts {
			list = append(list, map[string]string{"title": a.Title, "url": a.URL, "created_at": "2020-01-20"})
		}
		if list != nil {
			out["articles"] = list
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(out) //nolint:errcheck // test server
	})
	for id, src := range map[string]string{"11": "prose/011.src", "13": "prose/013.src"} {
		body := f.report("gkmlpt-"+src, []byte(`<html><head><meta charset="utf-8"><title>年度报告</title></head><body>`+
			chrome(`<div class="article-content">`+paras(sample(t, src))+`</div>`)+`<script>window._CONFIG = {DETAIL: {}};</script></body></html>`))
		m.HandleFunc("/gkmlpt/content/1/"+id+"/post_"+id+".html", serve(htmlUTF8, body))
	}
	m.HandleFunc("/gkmlpt/content/1/12/post_12.html", serve(htmlUTF8, []byte(`<html><body>防汛</body></html>`)))
}
