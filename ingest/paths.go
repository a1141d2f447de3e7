package ingest

// pathList is the files an ingest found (collect), in order, held in one buffer. As a
// []string every path was an object of its own, which every cycle of the collector
// marked, for the whole run: at 2×10⁶ files the collector's marking took a quarter of
// the ingest's CPU (runtime.scanObject 25% of 1,547 CPU seconds; at 10⁶, 4% of 445),
// since a heap that large also nears the soft limit (bulkGC) and cycles come often. A
// buffer and its offsets hold no pointers, so the collector never looks inside them.
type pathList struct {
	buf []byte
	end []int // end[i] is where path i ends in buf
}

func (l *pathList) add(p string) {
	l.buf = append(l.buf, p...)
	l.end = append(l.end, len(l.buf))
}

func (l *pathList) len() int { return len(l.end) }

// at returns path i, a string of its own.
func (l *pathList) at(i int) string {
	start := 0
	if i > 0 {
		start = l.end[i-1]
	}
	return string(l.buf[start:l.end[i]])
}
