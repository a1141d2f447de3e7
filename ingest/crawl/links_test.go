package crawl

import (
	"net/url"
	"strings"
	"testing"
)

func TestCanonical(t *testing.T) {
	base, _ := url.Parse("http://WWW.Example.gov.cn:80/zwgk/gknb/index.html")
	for _, c := range []struct{ ref, want string }{
		{"202001/t20200131_1.html#top", "http://www.example.gov.cn/zwgk/gknb/202001/t20200131_1.html"},
		{"../a/./b/../c.html;jsessionid=ABC?utm_source=x&b=2&a=1", "http://www.example.gov.cn/zwgk/a/c.html?a=1&b=2"},
		{"HTTPS://www.example.gov.cn:443/x?PHPSESSID=1", "https://www.example.gov.cn/x"},
		{"/gkmlpt/index#2400", "http://www.example.gov.cn/gkmlpt/index#2400"},
		{"javascript:void(0)", ""},
		{"mailto:a@b", ""},
		{"  ", ""},
	} {
		got := ""
		if u := canonical(base, c.ref); u != nil {
			got = u.String()
		}
		if got != c.want {
			t.Errorf("canonical(%q) = %q, want %q", c.ref, got, c.want)
		}
	}
}

func TestTraps(t *testing.T) {
	for _, c := range []struct {
		u    string
		trap bool
	}{
		{"http://a/calendar/2024/03/", true},
		{"http://a/list.html?month=2024-03", true},
		{"http://a/a/b/a/b/a/b/c.html", true},
		{"http://a/x?k1=v&k2=v&k3=v&a=1&b=2&c=3&d=4&e=5&f=6&g=7", true},
		{"http://a/zwgk/gknb/index_3.html", false},
		{"http://a/site/tpl/7931?nav=4&year=2024", false},
	} {
		u, _ := url.Parse(c.u)
		if got := trapReason(u) != ""; got != c.trap {
			t.Errorf("trap(%s) = %v, want %v", c.u, got, c.trap)
		}
	}
}

func TestClassify(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"2023年度政府信息公开工作年度报告", true},
		{"平潭综合实验区2021年度政府信息公开工作年度报告", true},
		{"关于2023年度政府信息公开工作年度报告的解读", false},
		{"政府信息公开指南", false},
		{"2023年政务公开工作要点", false},
		{"市政府2022年政府信息公开年报", true},
	} {
		if got := isReportTitle(c.text); got != c.want {
			t.Errorf("isReportTitle(%q) = %v", c.text, got)
		}
	}
}

func TestPagination(t *testing.T) {
	base, _ := url.Parse("http://a/zwgk/gknb/index.shtml")
	p := parsePage([]byte(`<a href="index_1.shtml">下一页</a><a href="?page=3">3</a><a href="/other/x.html">下一页</a>
<script>createPageHTML(4, 0, "index", "shtml");</script>`))
	got := strings.Join(pageLinks(base, p, 100), " ")
	for _, want := range []string{"http://a/zwgk/gknb/index_1.shtml", "http://a/zwgk/gknb/index_3.shtml", "http://a/zwgk/gknb/index.shtml?page=3"} {
		if !strings.Contains(got, want) {
			t.Errorf("pages %s: missing %s", got, want)
		}
	}
	if strings.Contains(got, "/other/") {
		t.Errorf("pages %s: left the list's directory", got)
	}
	p = parsePage([]byte(`<script>var countPage = 3;</script>`))
	if got := pageLinks(base, p, 100); len(got) != 2 {
		t.Errorf("countPage: %v", got)
	}
}

func TestParsePage(t *testing.T) {
	p := parsePage([]byte(`<html><head><title> 年报 </title><meta http-equiv="refresh" content="0; url=/new/"></head>
<body><a href="a.html" title="t">政府信息公开<b>年报</b></a><iframe src="/generic2/web/viewer.html?file=/f/r.pdf"></iframe>
<span onclick="window.open('/x/t20200101_1.html')" title="2019年度报告">x</span>
<div><script type="text/xml"><record><![CDATA[<li><a href="/art/2024/1/1/art_1_2.html">记录</a></li>]]></record></script></div>`))
	if p.Title != "年报" || p.Refresh != "/new/" {
		t.Errorf("title %q refresh %q", p.Title, p.Refresh)
	}
	var hrefs []string
	for _, l := range p.Links {
		hrefs = append(hrefs, l.Href+"="+l.Text)
	}
	got := strings.Join(hrefs, " ")
	for _, want := range []string{"a.html=政府信息公开年报", "/f/r.pdf", "/x/t20200101_1.html=2019年度报告", "/art/2024/1/1/art_1_2.html=记录"} {
		if !strings.Contains(got, want) {
			t.Errorf("links %s: missing %s", got, want)
		}
	}
}

// FuzzLinks feeds untrusted HTML to the link and pagination extractors: they must not
// panic, must stay within their limits, and every URL they return must be canonical.
func FuzzLinks(f *testing.F) {
	f.Add([]byte(`<a href="index_1.html">下一页</a><script>createPageHTML(99999, 0, "index", "html")</script>`))
	f.Add([]byte(`<datastore><recordset><record><![CDATA[<li><a href="/art/1.html">x</a>]]></record></recordset></datastore><script>columnid:1, totalRecord:99999999, perpage:0</script><a href="/module/jpage/dataproxy.jsp?columnid=1">`))
	f.Add([]byte(`<a href="javascript:x"><a href="//evil/x"><iframe src="?file=%zz"><meta http-equiv=refresh content="url='x'">`))
	f.Add([]byte(`{"articles":[{"title":"2019年度报告","url":"/x"}],"total":-1}`))
	base, _ := url.Parse("http://a.gov.cn/zwgk/gknb/index.html")
	api, _ := url.Parse("http://a.gov.cn/gkmlpt/api/all/1?page=1&sid=2")
	f.Fuzz(func(t *testing.T, b []byte) {
		p := parsePage(b)
		if len(p.Links) > maxLinks+1 || len(p.Scripts) > maxScriptBytes {
			t.Fatalf("limits exceeded: %d links, %d script bytes", len(p.Links), len(p.Scripts))
		}
		pages := pageLinks(base, p, 50)
		if len(pages) > 50+len(p.Links) {
			t.Fatalf("%d pages", len(pages))
		}
		for _, s := range pages {
			u := canonical(nil, s)
			if u == nil {
				t.Fatalf("page link %q not a URL", s)
			}
			if again := canonical(nil, u.String()); again == nil || again.String() != u.String() {
				t.Fatalf("canonical not idempotent: %q", s)
			}
		}
		for _, l := range p.Links {
			if u := canonical(base, l.Href); u != nil {
				trapReason(u)
				linkKind(kindList, 1, u, l.Text)
			}
		}
		if calls := hanwebRequests(base, string(b), 50); len(calls) > 50 {
			t.Fatalf("%d hanweb calls", len(calls))
		}
		gkmlptReply(api, b, 50) //nolint:errcheck // must not panic
	})
}
