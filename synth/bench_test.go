package synth

import "testing"

func BenchmarkGenerate(b *testing.B) {
	cfg := Config{Reports: 1000, Seed: 1}
	cfg.Organs = 3000
	p := newPlan(cfg)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p.generate(i % 1000)
	}
}
