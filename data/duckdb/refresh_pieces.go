package duckdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
)

// refreshInPieces are the steps of refreshSteps that Refresh runs as several statements,
// because one statement over every row does not fit the default memory_limit at 10⁶
// reports: the pivot failed under 3GB ("failed to pin block"), and with 8GB the whole
// Refresh was 9.5 GB resident; growth fitted 768MB but spilled, 443 s against 95 s a
// metric at a time; serving_annual failed in one statement inside the refresh's
// transaction (when Refresh built every table in one), and passed in two. Each runs the
// step's own query too, so refreshSteps stays the one list of the tables a Refresh builds.
var refreshInPieces = map[string]func(refreshRun, context.Context) error{
	"refresh_report_metrics": refreshRun.reportMetrics,
	"refresh_serving_growth": refreshRun.servingGrowth,
	"refresh_serving_annual": refreshRun.servingAnnual,
}

// refreshRun runs the statements of a Refresh's build steps on the staged names of its
// tables (stager), each committed on its own: a statement reads the tables the ones before
// it wrote, which DuckDB reads much faster committed (stagedSuffix).
type refreshRun struct {
	db *DB
	st stager
	c  execQuerier // db.sql, or the transaction of a step that runs in one (inTx)
}

type execQuerier interface {
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

// inTx runs fn with its statements in one transaction, which it commits.
func (r refreshRun) inTx(ctx context.Context, fn func(refreshRun) error) error {
	tx, err := r.db.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it is a no-op
	r.c = tx
	if err := fn(r); err != nil {
		return err
	}
	return tx.Commit()
}

// exec runs the named queries, without arguments, in order, and stops at the first that
// fails, which it names.
func (r refreshRun) exec(ctx context.Context, names ...string) error {
	for _, q := range names {
		if err := r.execSQL(ctx, r.db.query(q)); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return nil
}

func (r refreshRun) execSQL(ctx context.Context, q string, args ...any) error {
	_, err := r.c.ExecContext(ctx, r.st.rewrite(q), args...)
	return err
}

func (r refreshRun) query(ctx context.Context, name string, args ...any) (*sql.Rows, error) {
	return r.c.QueryContext(ctx, r.st.rewrite(r.db.query(name)), args...)
}

// defaultRefreshChunk is how many reports a chunk of the report_metrics pivot holds: the
// pivot of 10⁵ reports' 10⁷ facts fits the default memory_limit (1.2 GB resident at 10⁶
// reports), and since zone maps let a chunk read only its own facts, 10 chunks read the
// facts once, as one pivot did.
const defaultRefreshChunk = 100_000

// refreshReportMetrics pivots the facts into a staging table a chunk of reports at a time
// (refresh_chunks.sql), then sorts it into report_metrics.
func (r refreshRun) reportMetrics(ctx context.Context) error {
	return r.inTx(ctx, func(r refreshRun) error { return r.reportMetricsTx(ctx) })
}

// reportMetricsTx is reportMetrics in one transaction: its staging table is read once,
// by the sort, and each chunk committed took the step to 18.7 s at 10⁶ reports, against
// 15.0-18.0 in one transaction (single runs).
func (r refreshRun) reportMetricsTx(ctx context.Context) error {
	if err := r.exec(ctx, "refresh_report_metrics_stage"); err != nil {
		return err
	}
	type chunk struct{ lo, hi int64 }
	var chunks []chunk
	rows, err := r.query(ctx, "refresh_chunks", r.db.refreshChunk)
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
		if err := r.execSQL(ctx, r.db.query("refresh_report_metrics_chunk"), c.lo, c.hi); err != nil {
			return fmt.Errorf("chunk from %d: %w", c.lo, err)
		}
	}
	return r.exec(ctx, "refresh_report_metrics", "refresh_drop_report_metrics_stage")
}

// refreshServingAnnual chooses each organ's report for a year into a staging table,
// then joins the chosen reports' rows: in one statement the two did not fit within the
// refresh's transaction at 10⁶ reports (refresh_annual_pick.sql).
func (r refreshRun) servingAnnual(ctx context.Context) error {
	return r.exec(ctx, "refresh_annual_pick", "refresh_serving_annual", "refresh_drop_annual_pick")
}

// metricName is what a metric's column name in serving_annual is made of, which
// refresh_growth_metric.sql has formatted in.
var metricName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// servingGrowth creates serving_growth and fills it a metric at a time, each metric's
// rows numbered after the previous ones', so that the table holds the rows, in the order,
// that one statement over every metric gave.
func (r refreshRun) servingGrowth(ctx context.Context) error {
	if err := r.exec(ctx, "refresh_growth_ids", "refresh_serving_growth"); err != nil {
		return err
	}
	type metric struct {
		name  string
		after int64
	}
	var metrics []metric
	rows, err := r.query(ctx, "refresh_growth_metrics")
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
		if !metricName.MatchString(m.name) {
			return fmt.Errorf("metric %q: not a column name", m.name)
		}
		if err := r.execSQL(ctx, fmt.Sprintf(r.db.query("refresh_growth_metric"), m.name), m.name, m.after); err != nil {
			return fmt.Errorf("metric %s: %w", m.name, err)
		}
	}
	return r.exec(ctx, "refresh_drop_growth_ids")
}
