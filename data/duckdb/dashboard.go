package duckdb

// Reads for the dashboard that the analytics package does not offer: a report's text, facts
// and checks, full-text search, the raw report and fact lists of the API, Parquet streaming
// of those lists, and the sandboxed read-only SQL console. Each query lives in
// queries/dash_*.sql.

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"math/big"
	"os"
	"strings"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// Table is a generic query result: column names in order and one map per row, keyed by
// column name, so that the dashboard can render it as HTML, CSV or JSON without knowing
// the query.
type Table struct {
	Columns []string         `json:"columns"`
	Rows    []map[string]any `json:"rows"`
}

// Dash runs queries/dash_<name>.sql with args and returns at most maxRows rows (0: all).
func (db *DB) Dash(ctx context.Context, name string, maxRows int, args ...any) (*Table, error) {
	t, _, err := scanTable(ctx, reader{db}, db.query("dash_"+name), maxRows, args...)
	if err != nil {
		return nil, fmt.Errorf("duckdb: %s: %w", name, err)
	}
	return t, nil
}

type queryer interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

// scanTable reads up to maxRows rows (0: all); truncated says whether more were there.
func scanTable(ctx context.Context, db queryer, q string, maxRows int, args ...any) (*Table, bool, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, false, err
	}
	t := &Table{Columns: cols, Rows: []map[string]any{}}
	truncated := false
	for rows.Next() {
		if maxRows > 0 && len(t.Rows) == maxRows {
			truncated = true
			break
		}
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, false, err
		}
		m := make(map[string]any, len(cols))
		for i, c := range cols {
			m[c] = plain(vals[i])
		}
		t.Rows = append(t.Rows, m)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	return t, truncated, nil
}

// plain turns driver values into JSON-friendly ones (dates as ISO strings, bytes as text).
func plain(v any) any {
	switch x := v.(type) {
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format("2006-01-02")
		}
		return x.UTC().Format(time.RFC3339)
	case []byte:
		return string(x)
	case duckdb.Decimal:
		return x.Float64()
	case *big.Int:
		if x.IsInt64() {
			return x.Int64()
		}
		return x.String()
	}
	return v
}

// ErrRefused is returned by Console.Query for statements the console does not run.
var ErrRefused = errors.New("duckdb: statement refused")

// ConsoleConfig bounds what one console query may do.
type ConsoleConfig struct {
	Path     string        // the database file, attached read-only
	MaxRows  int           // rows returned at most (default 1000)
	Timeout  time.Duration // per statement (default 5s); the query is interrupted at the deadline
	MaxConns int           // concurrent console queries (default 2)
	Memory   string        // DuckDB max_memory of the console instance (default 512MB)
}

// Console runs user-written read-only SQL in its own in-memory DuckDB instance that has
// attached the database file READ_ONLY and then disabled external access (no file, network
// or extension I/O: read_csv('/etc/passwd'), COPY … TO, ATTACH, INSTALL and LOAD fail) and
// locked its configuration (SET cannot undo that). It is a separate instance, not a
// connection of the serving one, because these settings are instance-wide and the serving
// instance needs file access for Parquet exports. Statements are also screened before they
// reach DuckDB (Screen), so that what is refused is refused with a clear reason.
type Console struct {
	cfg       ConsoleConfig
	connector *duckdb.Connector
	sql       *sql.DB
}

// OpenConsole prepares the sandboxed console instance.
func OpenConsole(ctx context.Context, cfg ConsoleConfig) (*Console, error) {
	if cfg.MaxRows <= 0 {
		cfg.MaxRows = 1000
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 5 * time.Second
	}
	if cfg.MaxConns <= 0 {
		cfg.MaxConns = 2
	}
	if cfg.Memory == "" {
		cfg.Memory = "512MB"
	}
	if _, err := os.Stat(cfg.Path); err != nil {
		return nil, fmt.Errorf("duckdb: console: %w", err)
	}
	// Connections after the first are made once the catalogue is attached; each must
	// select it as its default (USE is per connection and is not a configuration option,
	// so it still works once the configuration is locked).
	ready := false
	connector, err := duckdb.NewConnector("", func(ex driver.ExecerContext) error {
		if !ready {
			return nil
		}
		_, err := ex.ExecContext(ctx, "USE nb", nil)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("duckdb: console: %w", err)
	}
	c := &Console{cfg: cfg, connector: connector, sql: sql.OpenDB(connector)}
	setup := "ATTACH '" + strings.ReplaceAll(cfg.Path, "'", "''") + "' AS nb (READ_ONLY); USE nb; " +
		"SET max_memory = '" + strings.ReplaceAll(cfg.Memory, "'", "") + "'; SET threads = 2; " +
		"SET enable_external_access = false; SET autoload_known_extensions = false; " +
		"SET autoinstall_known_extensions = false; SET lock_configuration = true;"
	conn, err := c.sql.Conn(ctx)
	if err == nil {
		_, err = conn.ExecContext(ctx, setup)
		ready = true
		conn.Close()
	}
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("duckdb: console setup: %w", err)
	}
	// The first connection went back to the pool with nb selected; new ones run the init.
	c.sql.SetMaxOpenConns(cfg.MaxConns)
	c.sql.SetConnMaxIdleTime(time.Minute)
	return c, nil
}

// Close closes the console instance.
func (c *Console) Close() error {
	return errors.Join(c.sql.Close(), c.connector.Close())
}

// MaxRows is the console's row cap.
func (c *Console) MaxRows() int { return c.cfg.MaxRows }

// Query screens q, then runs it under the statement timeout and returns at most MaxRows
// rows; truncated says that more were there. A refused statement's error wraps
// ErrRefused; a statement cut at the deadline returns context.DeadlineExceeded.
func (c *Console) Query(ctx context.Context, q string) (t *Table, truncated bool, err error) {
	if err := Screen(q); err != nil {
		return nil, false, err
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	// DuckDB's own parser must see exactly one SELECT: json_serialize_sql only serialises
	// SELECT statements and reports anything else as an error.
	var js string
	if err := c.sql.QueryRowContext(ctx, "SELECT json_serialize_sql($1::VARCHAR)::VARCHAR", q).Scan(&js); err != nil {
		return nil, false, fmt.Errorf("duckdb: console: %w", err)
	}
	if !strings.Contains(js, `"error":false`) || strings.Count(js, `"node":`) < 1 ||
		strings.Count(js, `"type":"SELECT_NODE"`)+strings.Count(js, `"type":"SET_OPERATION_NODE"`)+
			strings.Count(js, `"type":"RECURSIVE_CTE_NODE"`)+strings.Count(js, `"type":"CTE_NODE"`) == 0 {
		return nil, false, fmt.Errorf("%w: only one SELECT query is allowed", ErrRefused)
	}
	t, truncated, err = scanTable(ctx, c.sql, q, c.cfg.MaxRows)
	if err != nil {
		if ctx.Err() != nil {
			return nil, false, fmt.Errorf("duckdb: console: %w", context.DeadlineExceeded)
		}
		return nil, false, fmt.Errorf("duckdb: console: %w", err)
	}
	return t, truncated, nil
}

// refusedWords are keywords and functions the console never runs, even inside a SELECT:
// file and network access, catalogue and configuration changes. The instance settings
// block most of them already; screening says so plainly and guards against a setting
// that a future DuckDB version might spell differently.
var refusedWords = []string{
	"copy", "attach", "detach", "install", "load", "set", "reset", "pragma", "export", "import",
	"call", "checkpoint", "vacuum", "create", "insert", "update", "delete", "drop", "alter",
	"use", "begin", "commit", "rollback", "truncate", "merge", "upsert", "replace",
	"read_csv", "read_csv_auto", "read_parquet", "read_json", "read_json_auto", "read_ndjson",
	"read_text", "read_blob", "read_xlsx", "glob", "parquet_scan", "parquet_metadata",
	"parquet_schema", "sniff_csv", "query_table", "query", "getenv", "sqlite_scan",
	"postgres_scan", "mysql_scan", "iceberg_scan", "delta_scan", "httpfs",
}

// Screen refuses anything but one read-only query. It works on words outside string
// literals and comments, so a refused word inside a quoted string is allowed.
func Screen(q string) error {
	if len(q) > 20000 {
		return fmt.Errorf("%w: query longer than 20000 bytes", ErrRefused)
	}
	words, semis := sqlWords(q)
	if len(words) == 0 {
		return fmt.Errorf("%w: empty query", ErrRefused)
	}
	if semis > 0 {
		return fmt.Errorf("%w: one statement only (no ;)", ErrRefused)
	}
	switch words[0] {
	case "select", "with", "from", "values", "table", "describe", "summarize", "show", "explain":
	default:
		return fmt.Errorf("%w: %s statements are not allowed; only SELECT", ErrRefused, strings.ToUpper(words[0]))
	}
	for _, w := range words {
		for _, r := range refusedWords {
			if w == r {
				return fmt.Errorf("%w: %s is not allowed", ErrRefused, strings.ToUpper(w))
			}
		}
	}
	return nil
}

// sqlWords lower-cases the identifiers and keywords of q outside quotes and comments, and
// counts semicolons that are followed by anything but blanks.
func sqlWords(q string) (words []string, semis int) {
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			words = append(words, strings.ToLower(cur.String()))
			cur.Reset()
		}
	}
	rs := []rune(q)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '\'' || r == '"':
			flush()
			quoted := r == '"'
			j := i + 1
			for j < len(rs) && !(rs[j] == r && (j+1 >= len(rs) || rs[j+1] != r)) {
				if rs[j] == r {
					j++ // doubled quote
				}
				j++
			}
			if quoted && j <= len(rs) {
				// A quoted identifier is still an identifier: "read_csv"(…) calls it.
				words = append(words, strings.ToLower(string(rs[i+1:min(j, len(rs))])))
			}
			i = j
		case r == '-' && i+1 < len(rs) && rs[i+1] == '-':
			flush()
			for i < len(rs) && rs[i] != '\n' {
				i++
			}
		case r == '/' && i+1 < len(rs) && rs[i+1] == '*':
			flush()
			i += 2
			for i+1 < len(rs) && !(rs[i] == '*' && rs[i+1] == '/') {
				i++
			}
			i++
		case r == ';':
			flush()
			if strings.TrimSpace(string(rs[i+1:])) != "" {
				semis++
			}
		case r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' && cur.Len() > 0:
			cur.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return words, semis
}
