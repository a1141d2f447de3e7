package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nianbao/ingest/convert"
)

var update = flag.Bool("update", false, "rewrite the golden extraction records in testdata/golden")

// bundled lists the bundled real reports: every .src of data/sample and the original PDF
// of t2019/010.
func bundled(t testing.TB) []string {
	t.Helper()
	var paths []string
	for _, pat := range []string{"../../data/sample/*/*.src", "../../data/sample/*/*.pdf"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	if len(paths) < 30 {
		t.Fatalf("found %d bundled documents, want the whole sample", len(paths))
	}
	return paths
}

// TestGolden compares the extraction record of every bundled report with the one read
// and checked by hand in testdata/golden. Run with -update to rewrite them, then read the
// diff before committing.
func TestGolden(t *testing.T) {
	conv := convert.New(convert.Config{})
	for _, path := range bundled(t) {
		name := filepath.Base(filepath.Dir(path)) + "_" + filepath.Base(path) + ".json"
		t.Run(name, func(t *testing.T) {
			rec := extractFile(context.Background(), conv, path)
			rec.SourcePath = strings.TrimPrefix(path, "../../")
			got, err := json.MarshalIndent(rec, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", name)
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./cmd/nianbao -run TestGolden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("record differs from %s; rerun with -update and review the diff", golden)
			}
		})
	}
}
