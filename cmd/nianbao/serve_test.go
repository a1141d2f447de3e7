package main

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"nianbao/analytics"
	"nianbao/data/duckdb"
)

// TestServeFlags: the flags that only mean something for a read-only server are refused
// with --crawl, which opens the database read-write, instead of being ignored.
func TestServeFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr string // in stderr; "": accepted
		wantMem string
	}{
		{"defaults", nil, "", "auto"},
		{"memory limit", []string{"--memory-limit", "2GB"}, "", "2GB"},
		{"crawl", []string{"--crawl"}, "", "auto"},
		{"crawl with memory limit", []string{"--crawl", "--memory-limit", "2GB"}, "--memory-limit cannot be used with --crawl", ""},
		{"crawl with cache", []string{"--crawl", "--cache-mb", "64"}, "--cache-mb cannot be used with --crawl", ""},
		{"crawl with cache off", []string{"--crawl", "--cache-mb", "0"}, "", "auto"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stderr strings.Builder
			cfg, parse := serveFlags("serve", "serve", &stderr, true)
			err := parse(tc.args)
			if tc.wantErr != "" {
				if !errors.Is(err, errUsage) || !strings.Contains(stderr.String(), tc.wantErr) {
					t.Fatalf("parse(%q) = %v, stderr %q; want usage error %q", tc.args, err, stderr.String(), tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("parse(%q) = %v, stderr %q", tc.args, err, stderr.String())
			}
			if cfg.MemoryLimit != tc.wantMem {
				t.Errorf("MemoryLimit = %q, want %q", cfg.MemoryLimit, tc.wantMem)
			}
		})
	}
}

// TestOldSchemaRefused: serve and export open read-only, which does not migrate, so a
// database that lacks this binary's last migration is refused with what to run, rather
// than served with queries that fail on every facts page.
func TestOldSchemaRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.duckdb")
	db, err := duckdb.Open(ctx, duckdb.Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.QueryContext(ctx, "DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)")
	if err != nil {
		t.Fatal(err)
	}
	rows.Close()
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		run  func() error
	}{
		{"serve", func() error {
			return serve(ctx, serveConfig{DB: path, Addr: "127.0.0.1:0"}, io.Discard, io.Discard)
		}},
		{"export", func() error {
			return export(ctx, exportConfig{db: path, view: analytics.ViewFacts, format: "csv", out: filepath.Join(t.TempDir(), "f.csv")}, io.Discard, io.Discard)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			if !errors.Is(err, duckdb.ErrOldSchema) || !strings.Contains(err.Error(), "nianbao refresh") {
				t.Errorf("%s on an old schema = %v, want ErrOldSchema saying to run nianbao refresh", tc.name, err)
			}
		})
	}
}
