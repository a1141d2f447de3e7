package analytics

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// CopyParquet writes view v to the Parquet file path with DuckDB's COPY, which streams
// inside the database (no row crosses into Go). It returns the number of rows written.
func (a *Analytics) CopyParquet(ctx context.Context, v View, p Params, path string) (int64, error) {
	if v == ViewDictionary {
		return 0, fmt.Errorf("analytics: the dictionary is not exported as parquet; use csv or json")
	}
	// the view's own query: an export is the whole view (the API refuses paged Parquet),
	// where a serving table's seq range saves nothing
	q, args, err := a.pagedSQL(v, p, false)
	if err != nil {
		return 0, err
	}
	n, err := a.copy(ctx, q, args, path, "FORMAT parquet, COMPRESSION zstd")
	if err != nil {
		return 0, fmt.Errorf("analytics: parquet %s: %w", v, err)
	}
	return n, nil
}

// copy runs COPY (q) TO path (opts), returning the row count DuckDB reports.
func (a *Analytics) copy(ctx context.Context, q string, args []any, path, opts string) (int64, error) {
	stmt := fmt.Sprintf("COPY (%s) TO %s (%s)", q, sqlString(path), opts)
	rows, err := a.q.QueryContext(ctx, stmt, args...)
	if err != nil {
		return 0, err
	}
	var n int64
	for rows.Next() {
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return 0, err
		}
	}
	return n, errors.Join(rows.Err(), rows.Close())
}

// sqlString quotes s as a SQL string literal (COPY's target cannot be a parameter).
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// LakeTables are the tables of the Parquet lake, each under DIR/<table>/. All but
// documents are partitioned by year and province_code of their report.
var LakeTables = []string{"documents", "reports", "facts", "checks", "key_area_mentions"}

// LakeSummary counts the rows written per table.
type LakeSummary map[string]int64

// Lake writes the store as a hive-partitioned Parquet dataset: DIR/<table>/year=Y/
// province_code=P/*.parquet for reports, facts, checks and key_area_mentions, and
// DIR/documents/*.parquet. DuckDB, Spark, Trino or ClickHouse read it back with hive
// partitioning; province_code is a GB/T 2260 code (the reports' province column is the
// name, 江苏省), so DuckDB readers should say
// hive_types={'year': INTEGER, 'province_code': VARCHAR} (else it becomes a number). A
// NULL year or province_code is written as the partition value NULL. dir must not exist
// yet or be empty, so a rerun never mixes two exports.
func (a *Analytics) Lake(ctx context.Context, dir string) (LakeSummary, error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("analytics: lake %s: directory is not empty", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("analytics: lake: %w", err)
	}
	sum := LakeSummary{}
	for _, t := range LakeTables {
		opts := "FORMAT parquet, COMPRESSION zstd, PARTITION_BY (year, province_code)"
		target := filepath.Join(dir, t)
		if t == "documents" {
			opts = "FORMAT parquet, COMPRESSION zstd"
			if err := os.MkdirAll(target, 0o755); err != nil {
				return nil, fmt.Errorf("analytics: lake: %w", err)
			}
			target = filepath.Join(target, "documents.parquet")
		}
		var n int64
		var err error
		if t == "facts" {
			n, err = a.lakeFacts(ctx, target)
		} else {
			n, err = a.copy(ctx, a.query("lake_"+t), nil, target, opts)
		}
		if err != nil {
			return nil, fmt.Errorf("analytics: lake %s: %w", t, err)
		}
		sum[t] = n
	}
	return sum, nil
}

// lakeFacts writes the facts of the lake a report year at a time (lake_facts_year.sql)
// into dir/year=Y, partitioned by province_code, as one partitioned COPY would name them.
func (a *Analytics) lakeFacts(ctx context.Context, dir string) (int64, error) {
	rows, err := a.q.QueryContext(ctx, a.query("lake_years"))
	if err != nil {
		return 0, err
	}
	years, err := scanAll(rows, func(rs *sql.Rows) (sql.NullInt64, error) {
		var y sql.NullInt64
		err := rs.Scan(&y)
		return y, err
	})
	if err != nil {
		return 0, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	var total int64
	for _, y := range years {
		part := "year=NULL" // DuckDB's name for a NULL partition value
		if y.Valid {
			part = fmt.Sprintf("year=%d", y.Int64)
		}
		target := filepath.Join(dir, part)
		n, err := a.copy(ctx, a.query("lake_facts_year"), []any{y}, target,
			"FORMAT parquet, COMPRESSION zstd, PARTITION_BY (province_code)")
		if err != nil {
			return total, fmt.Errorf("%s: %w", part, err)
		}
		if n == 0 {
			// a year whose reports have no facts: DuckDB made the directory, empty
			os.Remove(target) //nolint:errcheck // an empty directory left is harmless
		}
		total += n
	}
	return total, nil
}
