package analytics

import "context"

// SetChunks sets the rows a query of a whole view of a reads (Open's chunks): small
// sizes make the few reports of a test span many chunks.
func SetChunks(a *Analytics, facts, rows int) { a.chunkFacts, a.chunkRows = facts, rows }

// OpenWhole opens view v in one query, as Open did before chunks: what a chunked read
// must equal.
func OpenWhole(ctx context.Context, a *Analytics, v View, p Params) (Cursor, error) {
	return a.openQuery(ctx, v, p)
}
