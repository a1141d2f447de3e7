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

// factKinds is fact_kinds in memory. A code is never changed or removed, so the map a
// batch was written with stays right; a batch with a kind not seen yet inserts it first,
// committed on a connection of its own, outside the writing transaction: a rollback of
// that transaction then leaves an unused code behind, never a fact whose code is missing.
type factKinds struct {
	mu     sync.Mutex
	loaded bool
	next   int32
	codes  map[factKind]int32 // replaced, never modified, once handed out
}

// codesFor returns the codes of the kinds of every fact of items, adding those missing.
func (k *factKinds) codesFor(ctx context.Context, db *sql.DB, read, insert string, items []data.Item) (map[factKind]int32, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if !k.loaded {
		if err := k.load(ctx, db, read); err != nil {
			return nil, err
		}
	}
	var added map[factKind]int32
	var codes []int32
	var keys, scopes, semantics, units, methods []string
	for _, it := range items {
		for _, r := range it.Reports {
			for _, m := range r.Metrics {
				kind := kindOf(m)
				if _, ok := k.codes[kind]; ok {
					continue
				}
				if _, ok := added[kind]; ok {
					continue
				}
				if added == nil {
					added = map[factKind]int32{}
				}
				code := k.next + int32(len(added))
				added[kind] = code
				codes = append(codes, code)
				keys, scopes = append(keys, kind.key), append(scopes, kind.scope)
				semantics, units, methods = append(semantics, kind.semantic), append(units, kind.unit), append(methods, kind.method)
			}
		}
	}
	if len(added) == 0 {
		return k.codes, nil
	}
	if _, err := db.ExecContext(ctx, insert, codes, keys, scopes, semantics, units, methods); err != nil {
		return nil, fmt.Errorf("fact kinds: %w", err)
	}
	next := maps.Clone(k.codes)
	maps.Copy(next, added)
	k.codes = next
	k.next += int32(len(added))
	return k.codes, nil
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
	k.codes, k.next, k.loaded = codes, next, true
	return nil
}

// factCodes returns the codes of the kinds of items' facts, adding those missing.
func (db *DB) factCodes(ctx context.Context, items []data.Item) (map[factKind]int32, error) {
	return db.kinds.codesFor(ctx, db.sql, db.query("fact_kinds"), db.query("insert_fact_kinds"), items)
}
