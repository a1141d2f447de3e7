//go:build !(linux && amd64 && cgo)

package duckdb

// fastDecay is a no-op where DuckDB's allocator is not the jemalloc decay_jemalloc.go
// knows.
func fastDecay(int) (restore func()) { return func() {} }
