package duckdb

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"sync"

	"nianbao/data"
)

// factKind is what fact_kinds (migration 013) codes: a fact's strings but its evidence.
// An empty unit or method is none (NULL in the table).
type factKind struct{ key, scope, semantic, unit, method string }

func kindOf(m data.Metric) factKind {
	scope := m.Scope
	if scope == "" {
		scope = data.ScopeWhole
	}
	return factKind{m.Key, scope, m.Semantic, m.Unit, m.Method}
}

// factKinds is fact_kinds in memory (nil codes: not read yet). A code is never changed
// or removed; a batch with a kind not seen yet inserts it first, committed on a
// connection of its own, outside the writing transaction: a rollback of that transaction
// then leaves an unused code behind, never a fact whose code is missing.
type factKinds struct {
	mu    sync.Mutex
	next  int32
	codes map[factKind]int32
}

// codesFor returns the code of every fact of items, in their order (items, reports,
// metrics), adding the kinds missing.
func (k *factKinds) codesFor(ctx context.Context, db *sql.DB, read, insert string, items []data.Item) ([]int32, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.codes == nil {
		if err := k.load(ctx, db, read); err != nil {
			return nil, err
		}
	}
	var out, codes []int32
	var added map[factKind]int32
	var keys, scopes, semantics, units, methods []string
	for _, it := range items {
		for _, r := range it.Reports {
			for _, m := range r.Metrics {
				kind := kindOf(m)
				code, ok := k.codes[kind]
				if !ok {
					if code, ok = added[kind]; !ok {
						if added == nil {
							added = map[factKind]int32{}
						}
						code = k.next + int32(len(added))
						added[kind] = code
						codes = append(codes, code)
						keys, scopes = append(keys, kind.key), append(scopes, kind.scope)
						semantics, units, methods = append(semantics, kind.semantic), append(units, kind.unit), append(methods, kind.method)
					}
				}
				out = append(out, code)
			}
		}
	}
	if len(added) == 0 {
		return out, nil
	}
	if _, err := db.ExecContext(ctx, insert, codes, keys, scopes, semantics, units, methods); err != nil {
		return nil, fmt.Errorf("fact kinds: %w", err)
	}
	maps.Copy(k.codes, added)
	k.next += int32(len(added))
	return out, nil
}

func (k *factKinds) load(ctx context.Context, db *sql.DB, read string) error {
	rows, err := db.QueryContext(ctx, read)
	if err != nil {
		return fmt.Errorf("fact kinds: %w", err)
	}
	defer rows.Close()
	codes := map[factKind]int32{}
	next := int32(1)
	for rows.Next() {
		var code int32
		var kind factKind
		if err := rows.Scan(&code, &kind.key, &kind.scope, &kind.semantic, &kind.unit, &kind.method); err != nil {
			return fmt.Errorf("fact kinds: %w", err)
		}
		codes[kind] = code
		next = max(next, code+1)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("fact kinds: %w", err)
	}
	k.codes, k.next = codes, next
	return nil
}

// factCodes returns the code of every fact of items, in their order, adding the kinds
// missing.
func (db *DB) factCodes(ctx context.Context, items []data.Item) ([]int32, error) {
	return db.kinds.codesFor(ctx, db.sql, db.query("fact_kinds"), db.query("insert_fact_kinds"), items)
}
