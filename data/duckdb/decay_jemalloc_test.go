//go:build linux && amd64 && cgo && !duckdb_use_lib && !duckdb_use_static_lib

package duckdb

import "testing"

// TestFastDecay: the allocator's decay is fast, for its arenas and the default of new
// ones, while any refresh runs, and as before once the last has ended.
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
	fast := map[string]int{"arenas.dirty_decay_ms": 100, "arenas.muzzy_decay_ms": 0, "arena.0.dirty_decay_ms": 100, "arena.0.muzzy_decay_ms": 0}
	check := func(when string, want map[string]int) {
		t.Helper()
		for _, n := range names {
			if v, _ := decayMS(n); v != want[n] {
				t.Errorf("%s: %s = %d, want %d", when, n, v, want[n])
			}
		}
	}
	// two refreshes overlapping, the first ending first
	first := fastDecay(100)
	check("during", fast)
	second := fastDecay(100)
	first()
	first() // undoing twice undoes once
	check("after the first, the second running", fast)
	second()
	check("after both", before)
}
