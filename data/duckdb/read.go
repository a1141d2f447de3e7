package duckdb

import (
	"context"
	"errors"
	"fmt"
)

// FailedCheck is a consistency check that did not hold, with where it comes from.
type FailedCheck struct {
	Organ          string
	Year           int
	SourcePath     string
	ReportID       string
	DocumentSHA256 string
	Check          string
	// Detail holds the numbers as the extractor wrote them (859+18 ≠ 805+70).
	Detail string
	// Evidence is the source text of the facts the check is made of, when known.
	Evidence string
}

// FailedChecks returns the failed consistency checks, ordered by organ, year and path.
func (db *DB) FailedChecks(ctx context.Context) ([]FailedCheck, error) {
	rows, err := db.sql.QueryContext(ctx, db.query("failed_checks"))
	if err != nil {
		return nil, fmt.Errorf("duckdb: failed checks: %w", err)
	}
	var out []FailedCheck
	for rows.Next() {
		var f FailedCheck
		if err := rows.Scan(&f.Organ, &f.Year, &f.SourcePath, &f.ReportID, &f.DocumentSHA256,
			&f.Check, &f.Detail, &f.Evidence); err != nil {
			rows.Close()
			return nil, fmt.Errorf("duckdb: failed checks: %w", err)
		}
		out = append(out, f)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, fmt.Errorf("duckdb: failed checks: %w", err)
	}
	return out, nil
}

// Stats counts what the database holds.
type Stats struct {
	Documents       int64
	FailedDocuments int64 // documents that could not be read or converted
	Reports         int64
	AnnualReports   int64
	Facts           int64
	Checks          int64
	FailedChecks    int64
	Warnings        int64
	KeyAreaMentions int64
}

// Stats returns the row counts of the database.
func (db *DB) Stats(ctx context.Context) (Stats, error) {
	var s Stats
	err := db.sql.QueryRowContext(ctx, db.query("stats")).Scan(&s.Documents, &s.FailedDocuments,
		&s.Reports, &s.AnnualReports, &s.Facts, &s.Checks, &s.FailedChecks, &s.Warnings, &s.KeyAreaMentions)
	if err != nil {
		return Stats{}, fmt.Errorf("duckdb: stats: %w", err)
	}
	return s, nil
}

// Integrity is what must hold of a database however its writers were interrupted, and a
// fingerprint of its content for comparing two databases.
type Integrity struct {
	Documents, DistinctDocuments int64
	Reports                      int64
	MaxReportsPerDocument        int64
	Facts                        int64
	DistinctFacts                int64 // distinct (document, report, key, scope)
	OrphanFacts                  int64 // facts without their report, or with a kind fact_kinds lacks
	OrphanReports                int64 // reports without their document
	// Fingerprint is a hash of every stored row except ingestion times: two databases
	// with the same content have the same fingerprint.
	Fingerprint uint64
}

// Integrity checks the stored data's invariants.
func (db *DB) Integrity(ctx context.Context) (Integrity, error) {
	var i Integrity
	err := db.sql.QueryRowContext(ctx, db.query("integrity")).Scan(&i.Documents, &i.DistinctDocuments,
		&i.Reports, &i.MaxReportsPerDocument, &i.Facts, &i.DistinctFacts, &i.OrphanFacts, &i.OrphanReports,
		&i.Fingerprint)
	if err != nil {
		return Integrity{}, fmt.Errorf("duckdb: integrity: %w", err)
	}
	return i, nil
}

// Text returns the stored text of a report, the text its facts' evidence and offsets
// refer to. A report without stored text gives an error wrapping sql.ErrNoRows.
func (db *DB) Text(ctx context.Context, documentSHA256, reportID string) (string, error) {
	var text string
	err := db.sql.QueryRowContext(ctx, db.query("report_text"), reportID, documentSHA256).Scan(&text)
	if err != nil {
		return "", fmt.Errorf("duckdb: report text %s: %w", reportID, err)
	}
	return text, nil
}
