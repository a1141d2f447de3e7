package ingest

import "testing"

// TestPathList: paths come back as added, in order, empty and non-ASCII ones included.
func TestPathList(t *testing.T) {
	tests := []struct {
		name  string
		paths []string
	}{
		{"none", nil},
		{"one", []string{"a/b.html"}},
		{"several, one empty", []string{"x/1.html", "", "x/报告2021.pdf", "y/z.txt"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var l pathList
			for _, p := range tc.paths {
				l.add(p)
			}
			if l.len() != len(tc.paths) {
				t.Fatalf("len %d, want %d", l.len(), len(tc.paths))
			}
			for i, want := range tc.paths {
				if got := l.at(i); got != want {
					t.Errorf("at(%d) = %q, want %q", i, got, want)
				}
			}
		})
	}
}
