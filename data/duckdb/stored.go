package duckdb

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"sync"
)

// storedSet holds a 64-bit hash of the SHA-256 of every document stored, so that a batch
// none of whose documents is stored skips existing_documents.sql, which scans every
// document: 31 ms a batch at 10⁶ documents, a cost that grows with the database. A hash
// two documents share, or the hash of a document since replaced or deleted, only costs
// that scan. About 20 MB at 10⁶ documents.
type storedSet struct {
	mu    sync.Mutex
	seed  maphash.Seed
	built bool // every document stored before the set was read from the database is in it
	h     map[uint64]struct{}
}

func newStoredSet() *storedSet {
	return &storedSet{seed: maphash.MakeSeed(), h: map[uint64]struct{}{}}
}

// mayHold says whether any of shas may be stored: before the set is built, any may.
func (s *storedSet) mayHold(shas []string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.built {
		return true
	}
	for _, sha := range shas {
		if _, ok := s.h[maphash.String(s.seed, sha)]; ok {
			return true
		}
	}
	return false
}

// add records shas as stored. Writers add their batches whether or not the set is built,
// and the build adds to what they added, so that a document committed after the build's
// snapshot is in the set too.
func (s *storedSet) add(shas []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, sha := range shas {
		s.h[maphash.String(s.seed, sha)] = struct{}{}
	}
}

func (s *storedSet) isBuilt() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.built
}

// build reads every stored document's SHA-256 through c (document_shas.sql), once.
func (s *storedSet) build(ctx context.Context, c rawConn, query string) error {
	if s.isBuilt() {
		return nil
	}
	rows, err := c.QueryContext(ctx, query, nil)
	if err != nil {
		return fmt.Errorf("stored documents: %w", err)
	}
	defer rows.Close()
	chunk := make([]string, 0, 8192)
	vals := make([]driver.Value, 1)
	for {
		if err := rows.Next(vals); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return fmt.Errorf("stored documents: %w", err)
		}
		sha, _ := vals[0].(string)
		chunk = append(chunk, sha)
		if len(chunk) == cap(chunk) {
			s.add(chunk)
			chunk = chunk[:0]
		}
	}
	s.add(chunk)
	s.mu.Lock()
	s.built = true
	s.mu.Unlock()
	return nil
}
