package analytics_test

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"

	"nianbao/analytics"
)

// prose makes n sentences of pseudo-random Han characters: independent texts share no
// 8-character shingle, so any similarity found is the copying the test put there.
func prose(seed uint64, n int) string {
	r := rand.New(rand.NewPCG(seed, 1))
	var b strings.Builder
	for range n {
		for range 12 + r.IntN(10) {
			b.WriteRune(rune(0x4e00 + r.IntN(0x5000)))
		}
		b.WriteString("，共12件。")
	}
	return b.String()
}

func TestCopyPaste(t *testing.T) {
	e := newEnv(t, fixtures())
	ctx := context.Background()
	// report texts by organ and year: 甲县 2021 is its 2020 text with new figures and
	// one sentence added; 乙县 2021 copies 甲县 2021's first 40 sentences; 甲县教育局
	// and the rest are their own.
	base := prose(1, 60)
	texts := map[string]string{
		"甲县人民政府/2020": base,
		"甲县人民政府/2021": strings.ReplaceAll(base, "12件", "345件") + prose(2, 1),
		"乙县人民政府/2021": strings.Join(strings.SplitAfter(base, "。")[:40], "") + prose(3, 5),
		"乙县人民政府/2019": prose(4, 60),
		"甲县人民政府/2019": prose(5, 60),
	}
	ids := map[string]string{} // report_id → organ/year
	for _, f := range fixtures() {
		_, r := f.report()
		ids[r.ReportID] = f.organ + "/" + itoa(f.year)
	}
	src := analytics.TextFunc(func(_ context.Context, _, id string) (string, error) {
		if s, ok := texts[ids[id]]; ok {
			return s, nil
		}
		return "", analytics.ErrNoText
	})
	sims, err := e.a.CopyPaste(ctx, src, analytics.Params{Year: 2021}, analytics.SimilarityOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]analytics.Similarity{}
	for _, s := range sims {
		got[s.Kind+":"+s.A.Organ+"/"+itoa(s.A.Year)+"~"+s.B.Organ+"/"+itoa(s.B.Year)] = s
	}
	tests := []struct {
		name, key string
		min, max  float64
	}{
		// the same text but for the digits (folded to #) and one added sentence
		{"copied from last year", "previous_year:甲县人民政府/2021~甲县人民政府/2020", 0.9, 1},
		// 40 of 乙县's 45 sentences are 甲县's; 40 of 甲县's 61: Jaccard ≈ 40/66 ≈ 0.6
		{"copied from a neighbour", "same_year:乙县人民政府/2021~甲县人民政府/2021", 0.45, 0.8},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, ok := got[tc.key]
			if !ok {
				t.Fatalf("no pair %s in %v", tc.key, keys(got))
			}
			if s.Jaccard < tc.min || s.Jaccard > tc.max {
				t.Errorf("jaccard %v, want in [%v, %v]", s.Jaccard, tc.min, tc.max)
			}
			if len(s.Passages) == 0 || !strings.Contains(base, strings.TrimRight(s.Passages[0], "，。0123456789共件")[:30]) {
				t.Errorf("passages %q are not from the copied text", s.Passages)
			}
		})
	}
	if len(sims) != len(tests) {
		t.Errorf("pairs %v, want only the %d copies", keys(got), len(tests))
	}
}

func TestPassages(t *testing.T) {
	a := "第一段完全不同的文字内容在这里。本机关严格按照条例要求认真做好政府信息公开工作，全年共受理申请23件。"
	b := "另外一段毫无关系的开头句子写在此处。本机关严格按照条例要求认真做好政府信息公开工作，全年共受理申请70件。"
	ps := analytics.Passages(a, b, 10, 3)
	if len(ps) != 1 || !strings.HasPrefix(ps[0], "本机关严格按照条例要求") || !strings.Contains(ps[0], "23件") {
		t.Errorf("passages %q", ps)
	}
}

func keys(m map[string]analytics.Similarity) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
