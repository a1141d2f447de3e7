package duckdb

import (
	"context"
	"fmt"
	"strings"
)

// warmTables are the serving tables that requests filter by year, region, organ or
// report: the first request touching a row group of one reads its blocks, which cost
// the first visitor of an organ 70-80 ms at 10⁶ reports where a later one waits 30-40.
// Together they are about 350 MB at 10⁶ reports, within the buffer a read-only server
// keeps (memory_limit); serving_growth (780 MB) and the base tables do not fit and are
// left to the requests.
var warmTables = []string{"serving_reports", "serving_annual", "serving_fact_index", "serving_report_ids"}

// Warm reads the warmTables once, so that their blocks are in DuckDB's buffer before
// requests need them (serve runs it as it starts). A table the database lacks (refreshed
// by an older binary) is skipped.
func (db *DB) Warm(ctx context.Context) error {
	for _, t := range warmTables {
		if err := db.warm(ctx, t); err != nil && !strings.Contains(err.Error(), "does not exist") {
			return fmt.Errorf("duckdb: warm %s: %w", t, err)
		}
	}
	return nil
}

func (db *DB) warm(ctx context.Context, table string) error {
	rows, err := db.sql.QueryContext(ctx, db.query("warm_"+table))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}
