//go:build linux && amd64 && cgo

package duckdb

import "testing"

// TestFastDecay: the allocator's decay is fast, for its arenas and the default of new
// ones, while a refresh runs, and as before after it.
func TestFastDecay(t *testing.T) {
	db := openTest(t) // DuckDB has allocated: its arenas exist
	if err := db.SaveBatch(t.Context(), factItems(5, 3)); err != nil {
		t.Fatal(err)
	}
	names := []string{"arenas.dirty_decay_ms", "arenas.muzzy_decay_ms", "arena.0.dirty_decay_ms", "arena.0.muzzy_decay_ms"}
	before := map[string]int{}
	for _, n := range names {
		v, ok := decayMS(n)
		if !ok {
			t.Fatalf("%s: not readable", n)
		}
		before[n] = v
	}
	t.Logf("before: %v", before)
	if before["arenas.dirty_decay_ms"] == 100 {
		t.Fatal("the default decay is already 100 ms: the test shows nothing")
	}
	restore := fastDecay(100)
	want := map[string]int{"arenas.dirty_decay_ms": 100, "arenas.muzzy_decay_ms": 0, "arena.0.dirty_decay_ms": 100, "arena.0.muzzy_decay_ms": 0}
	for _, n := range names {
		if v, _ := decayMS(n); v != want[n] {
			t.Errorf("during: %s = %d, want %d", n, v, want[n])
		}
	}
	restore()
	for _, n := range names {
		if v, _ := decayMS(n); v != before[n] {
			t.Errorf("after: %s = %d, want %d as before", n, v, before[n])
		}
	}
}
