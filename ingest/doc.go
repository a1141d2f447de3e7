// Package ingest is the pipeline from files on disk to the store: it walks files and
// directories, reads each file (readers of their own read ahead of the workers, within a
// budget of bytes), identifies it by the SHA-256 of its bytes, skips what the
// store already holds for the current extractor version, converts and extracts the rest in
// parallel workers, and hands the results to one writer that saves them in batches, each
// batch in one transaction. A document that cannot be read or converted is logged,
// counted by kind and (when it has bytes) stored with its error, and the run goes on.
//
// ingest does not know which database it writes to: the Store interface is satisfied by
// *duckdb.DB, and cmd/nianbao wires the two.
package ingest
