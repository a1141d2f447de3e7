//go:build linux && amd64 && cgo && !duckdb_use_lib && !duckdb_use_static_lib

package duckdb

/*
#include <stddef.h>
#include <sys/types.h>
#include <stdlib.h>

// The jemalloc built into the DuckDB library the driver bundles for linux-amd64, its
// symbols prefixed duckdb_je_. A DuckDB linked by the user (duckdb_use_lib,
// duckdb_use_static_lib) may lack it: decay_other.go serves those builds.
int duckdb_je_mallctl(const char *name, void *oldp, size_t *oldlenp, void *newp, size_t newlen);

static int nb_get_unsigned(const char *name, unsigned *v) {
	size_t n = sizeof(*v);
	return duckdb_je_mallctl(name, v, &n, NULL, 0);
}

static int nb_get_ssize(const char *name, ssize_t *v) {
	size_t n = sizeof(*v);
	return duckdb_je_mallctl(name, v, &n, NULL, 0);
}

// nb_swap_ssize sets name to v and stores its value before in *old.
static int nb_swap_ssize(const char *name, ssize_t v, ssize_t *old) {
	size_t n = sizeof(*old);
	return duckdb_je_mallctl(name, old, &n, &v, sizeof(v));
}
*/
import "C"

import (
	"fmt"
	"sync"
	"unsafe"
)

// decay counts the fastDecay calls not yet undone. The allocator's settings are the
// process's, and refreshes may overlap (crawl jobs in a server): the first sets them,
// the last puts back what was there before it.
var decay struct {
	mu      sync.Mutex
	n       int
	restore func()
}

// fastDecay has DuckDB's allocator give the memory it frees back to the system after ms
// milliseconds, in every arena it has and will make, and returns what undoes it (once).
// jemalloc reads the same options from DUCKDB_JE_MALLOC_CONF, but as the program loads,
// before main could set it. A server's reads in the process get them too while a
// refresh runs.
func fastDecay(ms int) (undo func()) {
	decay.mu.Lock()
	defer decay.mu.Unlock()
	if decay.n++; decay.n == 1 {
		decay.restore = setDecay(ms)
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			decay.mu.Lock()
			defer decay.mu.Unlock()
			if decay.n--; decay.n == 0 {
				decay.restore()
			}
		})
	}
}

// setDecay sets the decay of every arena and the default of new ones, and returns what
// puts the old settings back.
func setDecay(ms int) (restore func()) {
	var n C.uint
	name := C.CString("arenas.narenas")
	defer C.free(unsafe.Pointer(name))
	if C.nb_get_unsigned(name, &n) != 0 {
		return func() {}
	}
	type setting struct {
		name string
		old  C.ssize_t
	}
	var done []setting
	swap := func(key string, v C.ssize_t) {
		if old, ok := swapSetting(key, v); ok {
			done = append(done, setting{key, old})
		}
	}
	restore = func() {
		for _, s := range done {
			swapSetting(s.name, s.old)
		}
	}
	for _, kind := range []string{"dirty", "muzzy"} {
		v := C.ssize_t(ms)
		if kind == "muzzy" {
			v = 0 // pages given back lazily (MADV_FREE) still count as resident
		}
		swap("arenas."+kind+"_decay_ms", v)
		for i := range uint(n) {
			// an arena not yet made answers EFAULT: the default above covers it
			swap(fmt.Sprintf("arena.%d.%s_decay_ms", i, kind), v)
		}
	}
	return restore
}

// swapSetting sets the allocator's setting name to v and returns its value before; ok
// is false when the allocator refused.
func swapSetting(name string, v C.ssize_t) (old C.ssize_t, ok bool) {
	cs := C.CString(name)
	defer C.free(unsafe.Pointer(cs))
	ok = C.nb_swap_ssize(cs, v, &old) == 0
	return old, ok
}

// decayMS reads one of the allocator's decay settings (tests check fastDecay with it).
func decayMS(name string) (int, bool) {
	cs := C.CString(name)
	defer C.free(unsafe.Pointer(cs))
	var v C.ssize_t
	if C.nb_get_ssize(cs, &v) != 0 {
		return 0, false
	}
	return int(v), true
}
