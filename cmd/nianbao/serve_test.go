package main

import (
	"errors"
	"strings"
	"testing"
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
