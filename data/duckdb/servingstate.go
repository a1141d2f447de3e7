package duckdb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"
)

// ServingState is what the last Refresh saw next to what the database holds now.
type ServingState struct {
	Refreshed               bool
	RefreshedAt             time.Time
	ReportsThen, ReportsNow int64
	FactsThen, FactsNow     int64
	// DocSeqThen and DocSeqNow are the highest document order (documents.seq) the last
	// refresh built from and the one stored now; DocSeqThen is -1 for a refresh recorded
	// before migration 016.
	DocSeqThen, DocSeqNow int64
	// BuildThen is the digest of the refresh that built the tables ("" before migration
	// 016), Build the one this binary's Refresh has (refreshDigest).
	BuildThen, Build string
	// Current says the tables have this binary's layout; a refresh by an older one leaves
	// some pages answered by slower queries (serving_layout.sql).
	Current bool
}

// Fresh says whether the serving tables were built from the rows the database holds:
// the row counts and the highest document order are those the last refresh recorded.
// Every write stores its documents with orders above all stored ones, so a re-ingest
// that replaced rows one for one, which counts alone miss, shows too. A refresh recorded
// before migration 016 has counts alone.
func (s ServingState) Fresh() bool {
	return s.Refreshed && s.ReportsThen == s.ReportsNow && s.FactsThen == s.FactsNow &&
		(s.DocSeqThen < 0 || s.DocSeqThen == s.DocSeqNow)
}

// UpToDate says whether a refresh now would rebuild the tables there are: they are fresh
// by every record (a refresh before migration 016 does not say), of this binary's
// layout, and built by this binary's refresh. An ingest or a crawl that stored nothing
// then leaves them as they are (a refresh takes 90 s at 10⁶ reports).
func (s ServingState) UpToDate() bool {
	return s.Fresh() && s.DocSeqThen >= 0 && s.Current && s.Build != "" && s.BuildThen == s.Build
}

// Serving returns the state of the serving tables; it works on read-only databases, and
// on databases older than migration 006 (Refreshed false).
func (db *DB) Serving(ctx context.Context) (ServingState, error) {
	s := ServingState{Build: db.refreshDigest()}
	var exists bool
	if err := db.sql.QueryRowContext(ctx, db.query("serving_exists")).Scan(&exists); err != nil {
		return s, fmt.Errorf("duckdb: serving state: %w", err)
	}
	if !exists {
		return s, nil
	}
	var at sql.NullTime
	err := db.sql.QueryRowContext(ctx, db.query("serving_state")).Scan(&s.Refreshed, &s.ReportsThen, &s.FactsThen,
		&s.ReportsNow, &s.FactsNow, &at, &s.DocSeqThen, &s.DocSeqNow, &s.BuildThen)
	if err != nil {
		return s, fmt.Errorf("duckdb: serving state: %w", err)
	}
	s.RefreshedAt = at.Time
	if s.Refreshed {
		if err := db.sql.QueryRowContext(ctx, db.query("serving_layout")).Scan(&s.Current); err != nil {
			return s, fmt.Errorf("duckdb: serving state: %w", err)
		}
	}
	return s, nil
}

// refreshDigest names what a refresh builds the serving tables with: every refresh_*
// query and every migration, by name and text. Tables built by another binary whose
// refresh differs in any of them may hold other rows, and are not up to date whatever the
// data (ServingState.UpToDate).
func (db *DB) refreshDigest() string {
	h := sha256.New()
	names := make([]string, 0, len(db.queries))
	for n := range db.queries {
		if strings.HasPrefix(n, "refresh_") {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%s\x00", n, db.queries[n])
	}
	ms, err := migrations()
	if err != nil {
		// The embedded migrations are read at every Open: this cannot fail here, and an
		// empty digest only means never up to date.
		return ""
	}
	for _, m := range ms {
		fmt.Fprintf(h, "%s\x00%s\x00", m.name, m.sql)
	}
	return hex.EncodeToString(h.Sum(nil))
}
