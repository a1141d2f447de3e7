package duckdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// refreshInPieces are the steps of refreshSteps that Refresh runs as several statements,
// because one statement over every row does not fit the default memory_limit at 10⁶
// reports: the pivot failed under 3GB ("failed to pin block"), and with 8GB the whole
// Refresh was 9.5 GB resident; growth fitted 768MB but spilled, 443 s against 95 s a
// metric at a time; serving_annual failed inside the refresh's transaction in one
// statement, and passes in two. Each runs the step's own query too, so refreshSteps stays
// the one list of the tables a Refresh builds.
var refreshInPieces = map[string]func(*DB, context.Context, *sql.Tx) error{
	"refresh_report_metrics": (*DB).refreshReportMetrics,
	"refresh_serving_growth": (*DB).refreshServingGrowth,
	"refresh_serving_annual": (*DB).refreshServingAnnual,
}

// defaultRefreshChunk is how many reports a chunk of the report_metrics pivot holds: the
// pivot of 10⁵ reports' 10⁷ facts fits the default memory_limit (1.2 GB resident at 10⁶
// reports), and since zone maps let a chunk read only its own facts, 10 chunks read the
// facts once, as one pivot did.
const defaultRefreshChunk = 100_000

// refreshReportMetrics pivots the facts into a staging table a chunk of reports at a time
// (refresh_chunks.sql), then sorts it into report_metrics.
func (db *DB) refreshReportMetrics(ctx context.Context, tx *sql.Tx) error {
	if err := db.execQueries(ctx, tx, "refresh_report_metrics_stage"); err != nil {
		return err
	}
	type chunk struct{ lo, hi int64 }
	var chunks []chunk
	rows, err := tx.QueryContext(ctx, db.query("refresh_chunks"), db.refreshChunk)
	if err != nil {
		return err
	}
	for rows.Next() {
		var c chunk
		if err := rows.Scan(&c.lo, &c.hi); err != nil {
			rows.Close()
			return err
		}
		chunks = append(chunks, c)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	for _, c := range chunks {
		if _, err := tx.ExecContext(ctx, db.query("refresh_report_metrics_chunk"), c.lo, c.hi); err != nil {
			return fmt.Errorf("chunk from %d: %w", c.lo, err)
		}
	}
	return db.execQueries(ctx, tx, "refresh_report_metrics", "refresh_drop_report_metrics_stage")
}

// refreshServingAnnual chooses each organ's report for a year into a staging table,
// then joins the chosen reports' rows: in one statement the two did not fit within the
// refresh's transaction at 10⁶ reports (refresh_annual_pick.sql).
func (db *DB) refreshServingAnnual(ctx context.Context, tx *sql.Tx) error {
	return db.execQueries(ctx, tx, "refresh_annual_pick", "refresh_serving_annual", "refresh_drop_annual_pick")
}

// refreshServingGrowth creates serving_growth and fills it a metric at a time, each metric's
// rows numbered after the previous ones', so that the table holds the rows, in the order,
// that one statement over every metric gave.
func (db *DB) refreshServingGrowth(ctx context.Context, tx *sql.Tx) error {
	if err := db.execQueries(ctx, tx, "refresh_growth_ids", "refresh_growth_long", "refresh_serving_growth"); err != nil {
		return err
	}
	type metric struct {
		name  string
		after int64
	}
	var metrics []metric
	rows, err := tx.QueryContext(ctx, db.query("refresh_growth_metrics"))
	if err != nil {
		return err
	}
	for rows.Next() {
		var m metric
		if err := rows.Scan(&m.name, &m.after); err != nil {
			rows.Close()
			return err
		}
		metrics = append(metrics, m)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	for _, m := range metrics {
		if _, err := tx.ExecContext(ctx, db.query("refresh_growth_metric"), m.name, m.after); err != nil {
			return fmt.Errorf("metric %s: %w", m.name, err)
		}
	}
	return db.execQueries(ctx, tx, "refresh_drop_growth_ids", "refresh_drop_growth_long")
}

// execQueries runs the named queries, without arguments, in order, and stops at the
// first that fails, which it names.
func (db *DB) execQueries(ctx context.Context, tx *sql.Tx, names ...string) error {
	for _, q := range names {
		if _, err := tx.ExecContext(ctx, db.query(q)); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return nil
}
