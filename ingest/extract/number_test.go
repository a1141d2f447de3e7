package extract

import (
	"strings"
	"testing"
	"unicode/utf8"

	"nianbao/data"
)

func TestParseNumberAt(t *testing.T) {
	cases := []struct {
		name, s string
		i       int
		want    float64
		approx  bool
		span    string
		ok      bool
	}{
		{"ascii", "公开399条", len("公开"), 399, false, "399", true},
		{"full-width", "公开３９９条", len("公开"), 399, false, "３９９", true},
		{"thousands comma", "信息1,234条", len("信息"), 1234, false, "1,234", true},
		{"thousands full-width comma", "信息1，234条", len("信息"), 1234, false, "1，234", true},
		{"list comma is not a separator", "3,12", 0, 3, false, "3", true},
		{"decimal 万", "信息69.17万条", len("信息"), 691700, false, "69.17万", true},
		{"decimal 万 222.47", "222.47万条", 0, 2224700, false, "222.47万", true},
		{"亿", "1.5亿元", 0, 150000000, false, "1.5亿", true},
		{"万多 approximate", "发布信息10万多条", len("发布信息"), 100000, true, "10万多", true},
		{"余 approximate", "1000余条", 0, 1000, true, "1000余", true},
		{"近 prefix", "近300件", len("近"), 300, true, "300", true},
		{"超过 prefix", "超过200万条", len("超过"), 2000000, true, "200万", true},
		{"约 prefix", "约50件", len("约"), 50, true, "50", true},
		{"percent decimals", "增长56.56%", len("增长"), 56.56, false, "56.56", true},
		{"十二", "十二件", 0, 12, false, "十二", true},
		{"一百零五", "一百零五条", 0, 105, false, "一百零五", true},
		{"两万", "两万条", 0, 20000, false, "两万", true},
		{"三千五百", "三千五百条", 0, 3500, false, "三千五百", true},
		{"二十三", "二十三场", 0, 23, false, "二十三", true},
		{"一千二百余", "一千二百余条", 0, 1200, true, "一千二百余", true},
		{"plain digits 二〇一三", "二〇一三年", 0, 2013, false, "二〇一三", true},
		{"三万 then 元", "三万元", 0, 30000, false, "三万", true},
		{"inside a digit run", "2013年", 1, 0, false, "", false},
		{"not a number", "信息", 0, 0, false, "", false},
		{"lone 万", "万条", 0, 0, false, "", false},
		{"out of range", "1", 5, 0, false, "", false},
		{"zero", "0件", 0, 0, false, "0", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n, ok := parseNumberAt(c.s, c.i)
			if ok != c.ok {
				t.Fatalf("ok = %v, want %v (%+v)", ok, c.ok, n)
			}
			if !ok {
				return
			}
			if n.Value != c.want || n.Approx != c.approx || c.s[n.Start:n.End] != c.span {
				t.Errorf("got %v approx=%v span=%q, want %v approx=%v span=%q", n.Value, n.Approx, c.s[n.Start:n.End], c.want, c.approx, c.span)
			}
		})
	}
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"69.17万条", "1,234", "一百零五", "两万多", "近300件", "２０１３", "十", "1.2.3", "9999999999999999999", "零〇万亿"} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, s string, i int) {
		n, ok := parseNumberAt(s, i)
		if !ok {
			return
		}
		if n.Start != i || n.End <= n.Start || n.End > len(s) {
			t.Fatalf("bad span %d..%d for %q at %d", n.Start, n.End, s, i)
		}
		if n.Value < 0 || n.Value != n.Value {
			t.Fatalf("bad value %v", n.Value)
		}
	})
}

func FuzzProse(f *testing.F) {
	for _, c := range proseCases {
		f.Add(c.text)
	}
	f.Add("历年累计 主动公开信息数 条 12345678 同意公开答复数条002、")
	f.Add("收费情况：无")
	f.Fuzz(func(t *testing.T, s string) {
		doc := data.NewDocument(s, data.FormatText)
		r := data.Report{}
		extractProse(doc, &r)
		nChars := utf8.RuneCountInString(doc.Norm)
		seen := map[string]bool{}
		for _, m := range r.Metrics {
			if !strings.Contains(doc.Text, m.Evidence) {
				t.Fatalf("%s: evidence %q not in text", m.Key, m.Evidence)
			}
			if m.Offset < 0 || m.Offset > nChars {
				t.Fatalf("%s: offset %d out of 0..%d", m.Key, m.Offset, nChars)
			}
			if m.Value == nil {
				t.Fatalf("%s: nil value", m.Key)
			}
			k := m.Key + "@" + m.Scope
			if seen[k] {
				t.Fatalf("%s twice", k)
			}
			seen[k] = true
		}
	})
}

// BenchmarkProse reads every bundled prose-era document once per iteration.
func BenchmarkProse(b *testing.B) {
	var docs []*data.Document
	bytes := 0
	for _, f := range corpusFiles(b) {
		d := loadDoc(b, f)
		docs = append(docs, d)
		bytes += len(d.Text)
	}
	b.SetBytes(int64(bytes))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			r := data.Report{}
			extractProse(d, &r)
		}
	}
	b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "reports/s")
}
