//go:build !(linux && amd64 && cgo && !duckdb_use_lib && !duckdb_use_static_lib)

package duckdb

// fastDecay is a no-op where DuckDB's allocator is not the jemalloc decay_jemalloc.go
// knows.
func fastDecay(int) (restore func()) { return func() {} }
