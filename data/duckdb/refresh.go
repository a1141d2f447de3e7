package duckdb

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"nianbao/data"
)

// refreshSteps are the queries Refresh runs, in order: each later table reads the ones
// before it (serving_annual reads report_metrics, serving_growth and serving_problems
// read serving_annual, serving_counts counts them all). The indexes come last, on
// tables already written.
var refreshSteps = []string{
	"refresh_report_metrics",
	"refresh_serving_reports",
	"refresh_serving_annual",
	"refresh_serving_growth",
	"refresh_serving_problems",
	"refresh_serving_mentions",
	"refresh_serving_coverage",
	"refresh_serving_levels",
	"refresh_serving_year_sums",
	"refresh_serving_rate_sums",
	"refresh_serving_overview",
	"refresh_serving_coverage_trend",
	"refresh_serving_province_rates",
	"refresh_serving_organs",
	"refresh_serving_movers",
	"refresh_serving_quality",
	"refresh_serving_quality_kinds",
	"refresh_serving_rankings",
	"refresh_serving_fact_keys",
	"refresh_serving_fact_index",
	"refresh_serving_report_ids",
	"refresh_serving_growth_cells",
	"refresh_serving_counts",
	"refresh_index_reports_organ",
	"refresh_index_annual_organ",
	"refresh_index_fact_index_report",
	"refresh_index_report_ids",
	"refresh_index_report_texts",
}

// refreshFromDash are the steps that store a dashboard query's unfiltered answer: the
// table is dash_<name>.sql itself run with its five page filters NULL, so the stored
// rows cannot drift from what the filtered query answers (data/duckdb/served.go reads
// dash_<name>_all.sql instead when no filter is set).
var refreshFromDash = map[string]string{
	"refresh_serving_year_sums":      "dash_year_sums",
	"refresh_serving_rate_sums":      "dash_rate_sums",
	"refresh_serving_coverage_trend": "dash_coverage_trend",
	"refresh_serving_overview":       "dash_overview_counts",
	"refresh_serving_quality_kinds":  "dash_quality_kinds",
}

// refreshQuery returns the statement of a step and its arguments: the coverage view
// takes the scored key-area lists, as analytics passes them to coverage.sql.
func (db *DB) refreshQuery(step string) (string, []any) {
	if dash, ok := refreshFromDash[step]; ok {
		table := strings.TrimPrefix(step, "refresh_")
		return "CREATE OR REPLACE TABLE " + table + " AS " + db.query(dash), []any{nil, nil, nil, nil, nil}
	}
	if step != "refresh_serving_coverage" {
		return db.query(step), nil
	}
	years, areas := data.ScoredKeyAreas()
	return db.query(step), []any{years, areas}
}

// ErrNotRefreshed says the serving tables are missing or older than the data: the
// database was written by an ingest that did not refresh them (an older binary, or a run
// interrupted before the end). `nianbao refresh` builds them.
var ErrNotRefreshed = errors.New("duckdb: serving tables missing or stale; run nianbao refresh (or ingest)")

// RefreshStats says how long a Refresh took, in total and per table.
type RefreshStats struct {
	Total time.Duration
	Steps []RefreshStep
}

// RefreshStep is one table of a Refresh.
type RefreshStep struct {
	Table   string
	Elapsed time.Duration
}

// Refresh rebuilds the serving layer (migration 006: report_metrics and the serving_*
// tables) from facts, reports, checks and key_area_mentions. It builds each table under
// a staged name, committed, and swaps them all in at the end in one transaction
// (stagedSuffix), so that readers see either the old tables or the new ones. Every table
// is replaced whole, so Refresh is idempotent and forgets rows a re-ingest replaced. A
// refresh that fails leaves the old tables as they were. Refreshes of one DB run one at a
// time; rows written while one runs are served after the next.
func (db *DB) Refresh(ctx context.Context) (st RefreshStats, err error) {
	db.refreshing.Lock() // two would build the same staged tables
	defer db.refreshing.Unlock()
	start := time.Now()
	// Rows committed since the last checkpoint live in DuckDB's buffer, not in the file,
	// and at checkpoint_threshold 1GB a bulk load leaves up to that much: more than the
	// 768MB memory_limit, so DuckDB must first spill them. Right after a 10⁶ ingest, the
	// refresh that `nianbao ingest` (and the bench) runs in the same process failed in
	// serving_annual ("failed to pin block", 732.2 of 732.4 MiB used), where the same
	// database, checkpointed by the close, refreshed in a process of its own (277 s,
	// 1,080 MB peak RSS). Checkpointed, they are file blocks DuckDB can drop. The
	// checkpoint is the one the close would have done.
	if _, err := db.sql.ExecContext(ctx, "CHECKPOINT"); err != nil {
		return st, fmt.Errorf("duckdb: refresh: checkpoint: %w", err)
	}
	// Most of what a refresh holds resident is memory DuckDB freed and its allocator kept
	// for reuse: at 2×10⁶ reports, at the end of serving_growth DuckDB accounted for 244
	// MiB (duckdb_memory()) of 1,144 resident, and the step peaked at 1,384 MiB, where
	// memory_limit is 768MB. Given back after 100 ms instead of DuckDB's 1 s (fastDecay),
	// a refresh of 10⁵ reports peaked at 880-888 MB against 1,114-1,117, for 4-6% more
	// time (alternated pairs).
	defer fastDecay(100)()
	restore, err := db.unorderedInserts(ctx)
	if err != nil {
		return st, fmt.Errorf("duckdb: refresh: %w", err)
	}
	defer restore()
	// The counts and the highest document order the tables are built from: a write
	// committed while the steps run makes the record older than the data, and the tables
	// stale (ServingState.Fresh), rather than newer.
	var basis refreshBasis
	if err = db.sql.QueryRowContext(ctx, db.query("refresh_counts")).Scan(&basis.reports, &basis.facts, &basis.docSeq); err != nil {
		return st, fmt.Errorf("duckdb: refresh: %w", err)
	}
	run := refreshRun{db: db, st: newStager(), c: db.sql}
	if err = run.st.clear(ctx, db.sql); err != nil {
		return st, fmt.Errorf("duckdb: refresh: %w", err)
	}
	defer func() {
		if err != nil {
			run.st.clear(context.WithoutCancel(ctx), db.sql) //nolint:errcheck // reporting the refresh's error; the next refresh clears them too
		}
	}()
	if err = run.exec(ctx, "refresh_stage_create"); err != nil {
		return st, fmt.Errorf("duckdb: refresh: %w", err)
	}
	build, indexes := refreshBuild()
	for _, step := range build {
		t0 := time.Now()
		if piece, ok := refreshInPieces[step]; ok {
			err = piece(run, ctx)
		} else {
			q, args := db.refreshQuery(step)
			err = run.execSQL(ctx, q, args...)
		}
		if err != nil {
			return st, fmt.Errorf("duckdb: refresh: %s: %w", step, err)
		}
		st.Steps = append(st.Steps, RefreshStep{Table: strings.TrimPrefix(step, "refresh_"), Elapsed: time.Since(t0)})
		db.progress(len(st.Steps), len(build)+1, st.Steps[len(st.Steps)-1])
	}
	if err = run.exec(ctx, "refresh_stage_drop"); err != nil {
		return st, fmt.Errorf("duckdb: refresh: %w", err)
	}
	if err = db.swapServing(ctx, run.st, indexes, basis, start, &st); err != nil {
		return st, fmt.Errorf("duckdb: refresh: %w", err)
	}
	db.progress(len(build)+1, len(build)+1, st.Steps[len(build)]) // the swap, its indexes after it
	st.Total = time.Since(start)
	return st, nil
}

// progress tells Config.RefreshProgress of a step done, if there is one.
func (db *DB) progress(done, total int, step RefreshStep) {
	if db.refreshProgress != nil {
		db.refreshProgress(done, total, step)
	}
}

// refreshBasis is what a refresh builds its tables from (refresh_counts.sql), as it
// records it.
type refreshBasis struct {
	reports, facts int64
	docSeq         int64 // the highest document order
}

// swapServing replaces the serving tables with the ones Refresh built (stager.swap),
// indexes them and records the refresh, in one transaction: a reader sees every old
// table or every new one.
func (db *DB) swapServing(ctx context.Context, s stager, indexes []string, basis refreshBasis, start time.Time, st *RefreshStats) error {
	t0 := time.Now()
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it is a no-op
	if err := s.swap(ctx, tx); err != nil {
		return err
	}
	var steps []RefreshStep
	for _, step := range indexes {
		t1 := time.Now()
		if _, err := tx.ExecContext(ctx, db.query(step)); err != nil {
			return fmt.Errorf("%s: %w", step, err)
		}
		steps = append(steps, RefreshStep{Table: strings.TrimPrefix(step, "refresh_"), Elapsed: time.Since(t1)})
	}
	if _, err := tx.ExecContext(ctx, db.query("refresh_record"), time.Since(start).Seconds(), basis.reports, basis.facts,
		basis.docSeq, db.refreshDigest()); err != nil {
		return fmt.Errorf("record: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	// the swap's own time, indexes and commit included, then the indexes' share of it
	st.Steps = append(st.Steps, RefreshStep{Table: "swap", Elapsed: time.Since(t0)})
	st.Steps = append(st.Steps, steps...)
	return nil
}

// RefreshFile opens the database cfg names, refreshes it (Refresh) and closes it. After a
// bulk load, close the loading DB and refresh with this rather than with its Refresh: an
// ingest leaves DuckDB holding memory that only a close gives back (cached blocks and its
// allocator's: after a 10⁶ ingest, 340 MB resident where the closed and reopened
// database took 140), and the refresh's own peak comes on top of it. At 2×10⁶ reports,
// the refresh after an ingest in the same DB peaked at 1,654 MiB, over the 1.5 GiB a
// process must stay under; refreshed alone, the same database peaked at 1,315. The
// close's checkpoint is the one Refresh would have begun with.
func RefreshFile(ctx context.Context, cfg Config) (RefreshStats, error) {
	db, err := Open(ctx, cfg)
	if err != nil {
		return RefreshStats{}, err
	}
	st, err := db.Refresh(ctx)
	return st, errors.Join(err, db.Close())
}

// unorderedInserts lets DuckDB write query results in any order for the duration of one
// job, and returns the function that puts the default back. Insertion order is what makes
// DuckDB hold a large result in memory to write it in order; every serving table states
// its order (ORDER BY, seq), so it is not needed. Refresh runs within the memory_limit the
// database was opened with (768MB by default): its steps that did not fit at 10⁶ reports
// run in pieces (refreshInPieces).
func (db *DB) unorderedInserts(ctx context.Context) (func(), error) {
	if _, err := db.sql.ExecContext(ctx, "SET preserve_insertion_order = false"); err != nil {
		return nil, fmt.Errorf("insertion order: %w", err)
	}
	return func() {
		db.sql.ExecContext(context.WithoutCancel(ctx), "SET preserve_insertion_order = true") //nolint:errcheck // best effort: it only bounds memory
	}, nil
}

// Suspect is one copy-paste suspect as serving_similarity stores it (migration 008): a
// report, the other report it resembles, and their estimated Jaccard similarity.
type Suspect struct {
	Kind                                 string
	Organ, RegionCode                    string
	Year                                 int
	ReportID, DocumentSHA256, SourcePath string
	OtherOrgan                           string
	OtherYear                            int
	OtherReportID                        string
	Jaccard                              float64
	Evidence                             string
}

// ReplaceSimilarity replaces the copy-paste suspects with ss in one transaction.
func (db *DB) ReplaceSimilarity(ctx context.Context, ss []Suspect) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("duckdb: similarity: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it is a no-op
	if _, err := tx.ExecContext(ctx, db.query("delete_similarity")); err != nil {
		return fmt.Errorf("duckdb: similarity: %w", err)
	}
	now := time.Now().UTC()
	for _, s := range ss {
		if _, err := tx.ExecContext(ctx, db.query("insert_similarity"), s.Kind, s.Organ, s.RegionCode, s.Year,
			s.ReportID, s.DocumentSHA256, s.SourcePath, s.OtherOrgan, s.OtherYear, s.OtherReportID, s.Jaccard,
			s.Evidence, now); err != nil {
			return fmt.Errorf("duckdb: similarity: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("duckdb: similarity: commit: %w", err)
	}
	return nil
}
