package convert

import (
	"math/rand"
	"testing"

	"golang.org/x/net/html/atom"
)

// TestAtomCounts compares atomCounts with the map it stands for, past the size of its
// table.
func TestAtomCounts(t *testing.T) {
	tests := []struct {
		name  string
		atoms int // distinct atoms drawn from
	}{
		{"few tags", 8},
		{"many tags", 300},
		{"unknown tag", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewSource(1))
			var c atomCounts
			want := map[atom.Atom]int32{}
			pick := func() atom.Atom {
				if tc.atoms == 1 {
					return 0
				}
				return atom.Atom(r.Intn(tc.atoms)+1) << 8
			}
			for range 20000 {
				a := pick()
				d := int32(1)
				if want[a] > 0 && r.Intn(2) == 0 {
					d = -1
				}
				c.add(a, d)
				want[a] += d
				if b := pick(); c.get(b) != want[b] {
					t.Fatalf("count of %v = %d, want %d", b, c.get(b), want[b])
				}
			}
		})
	}
}
