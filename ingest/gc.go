package ingest

import "runtime/debug"

// A bulk load keeps 40-90 MB of Go heap live (the files read ahead, the documents being
// extracted, the batch being stored) and allocates fast: at the default GOGC of 100 the
// collector ran about 17 times a second and took about a tenth of the CPU of an ingest.
// Letting the heap grow to five times what is live made ingest of 10⁵ reports 6-10%
// faster (6,068-6,415 against 5,521-5,806 reports/s, alternated) for 140-160 MB more
// peak RSS; the soft limit keeps a run with more live (a few very large documents) from
// growing the heap fivefold too.
//
// What the run keeps for each file it found (the path in collect's pathList, its hash in
// the set of the documents seen, and the store's set of those stored: about 120 bytes at
// 2×10⁶ files) is live from start to end, and adds to the soft limit: at a fixed 384 MiB
// the 240 MB that 2×10⁶ files keep left the collector room for a cycle every 100 MB or
// so, and marking took 14% of the ingest's CPU, against 4% at 10⁶.
const (
	bulkGCPercent   = 400
	bulkMemoryLimit = 384 << 20
	bulkPerFile     = 128
)

// bulkGC sets the collector for a bulk load of files files and returns what restores the
// settings it found. It never lowers a GC percent already higher (or off), nor raises a memory limit
// already lower. Restoring also returns the heap the load grew to the system at once,
// rather than at the scavenger's pace: a refresh, which DuckDB does in memory of its own,
// usually follows in the same process.
func bulkGC(files int) (restore func()) {
	pct := debug.SetGCPercent(-1)
	debug.SetGCPercent(pct)
	lim := debug.SetMemoryLimit(-1)
	if pct >= 0 && pct < bulkGCPercent {
		debug.SetGCPercent(bulkGCPercent)
	}
	if want := bulkMemoryLimit + int64(files)*bulkPerFile; lim > want {
		debug.SetMemoryLimit(want)
	}
	return func() {
		debug.SetGCPercent(pct)
		debug.SetMemoryLimit(lim)
		debug.FreeOSMemory()
	}
}
