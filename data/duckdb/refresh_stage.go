package duckdb

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"
)

// stagedSuffix names the table a Refresh builds in place of one it replaces: serving_growth
// is built as serving_growth_next, committed, and renamed when every table is built.
//
// Refresh used to build every table inside one transaction. DuckDB reads what a
// transaction wrote, and has not committed, much slower than committed tables: the 10
// top movers over the 2.8·10⁷ rows of serving_growth took 11 s inside the refresh's
// transaction against 1.2 s committed (10⁶ reports, memory_limit 768MB), and every step
// reads the tables the steps before it built. Each table is now committed as it is built,
// under its staged name, and one last transaction drops the old tables and renames the
// new ones: readers still see the old tables or the new, never a mix.
const stagedSuffix = "_next"

// refreshBuild splits refreshSteps into the steps that build a table, each committed on
// its own, and the indexes, made on the renamed tables in the transaction that swaps them
// in.
func refreshBuild() (build, indexes []string) {
	for _, s := range refreshSteps {
		if strings.HasPrefix(s, "refresh_index_") {
			indexes = append(indexes, s)
		} else {
			build = append(build, s)
		}
	}
	return build, indexes
}

// stager rewrites a refresh statement to the staged names of the tables Refresh builds, so
// that a step writes its table's staged copy and reads the staged copies the steps before
// it wrote (refreshSteps is in that order).
type stager struct {
	tables []string       // the tables built, in refreshSteps order
	names  *regexp.Regexp // any of them, as a whole identifier
}

func newStager() stager {
	build, _ := refreshBuild()
	tables := make([]string, len(build))
	for i, s := range build {
		tables[i] = strings.TrimPrefix(s, "refresh_")
	}
	// \b: serving_growth is not the start of serving_growth_cells, nor the end of
	// refresh_serving_growth (the underscore is a word character). A comment or a string
	// literal matches as a whole, and is kept: serving_counts names the tables it counts,
	// and an apostrophe in a comment opens no literal.
	return stager{tables: tables, names: regexp.MustCompile(`--[^\n]*|'[^']*'|\b(?:` + strings.Join(tables, "|") + `)\b`)}
}

func (s stager) rewrite(q string) string {
	return s.names.ReplaceAllStringFunc(q, func(m string) string {
		if m[0] == '\'' || strings.HasPrefix(m, "--") {
			return m
		}
		return m + stagedSuffix
	})
}

// clear drops the staged tables and the staging schema an interrupted or failed Refresh
// left, each drop committed as it runs.
func (s stager) clear(ctx context.Context, db *sql.DB) error {
	var q strings.Builder
	for _, t := range s.tables {
		fmt.Fprintf(&q, "DROP TABLE IF EXISTS %s%s;\n", t, stagedSuffix)
	}
	q.WriteString("DROP SCHEMA IF EXISTS refresh_stage CASCADE;")
	if _, err := db.ExecContext(ctx, q.String()); err != nil {
		return fmt.Errorf("clear staged tables: %w", err)
	}
	return nil
}

// swap replaces every table with its staged copy in tx.
func (s stager) swap(ctx context.Context, tx *sql.Tx) error {
	var q strings.Builder
	for _, t := range s.tables {
		fmt.Fprintf(&q, "DROP TABLE IF EXISTS %s;\nALTER TABLE %s%s RENAME TO %s;\n", t, t, stagedSuffix, t)
	}
	if _, err := tx.ExecContext(ctx, q.String()); err != nil {
		return fmt.Errorf("swap: %w", err)
	}
	return nil
}
