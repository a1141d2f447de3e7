package sqlfile

import (
	"strings"
	"testing"
	"testing/fstest"
	"text/template"
)

// TestLoad: queries are rendered with the fragments and funcs, fragments are not queries,
// and a query that does not render names itself.
func TestLoad(t *testing.T) {
	funcs := template.FuncMap{"two": func() int { return 2 }}
	fragments := &fstest.MapFile{Data: []byte(`{{define "cte" -}} x AS (SELECT {{two}} AS n){{- end}}`)}
	tests := []struct {
		name    string
		files   fstest.MapFS
		want    map[string]string
		wantErr string
	}{
		{
			name: "a fragment and a plain query",
			files: fstest.MapFS{
				"q/_frag.sql":  fragments,
				"q/uses.sql":   {Data: []byte("WITH {{template \"cte\"}}\nSELECT n FROM x;\n")},
				"q/plain.sql":  {Data: []byte("SELECT 1;")},
				"q/twice.sql":  {Data: []byte("WITH {{template \"cte\"}} SELECT {{two}}")},
				"other/no.sql": {Data: []byte("SELECT 0")},
			},
			want: map[string]string{
				"uses":  "WITH x AS (SELECT 2 AS n)\nSELECT n FROM x;\n",
				"plain": "SELECT 1;",
				"twice": "WITH x AS (SELECT 2 AS n) SELECT 2",
			},
		},
		{
			name:    "an unknown fragment",
			files:   fstest.MapFS{"q/_frag.sql": fragments, "q/bad.sql": {Data: []byte(`{{template "nope"}}`)}},
			wantErr: "render bad",
		},
		{
			name:    "a fragment that does not parse",
			files:   fstest.MapFS{"q/_broken.sql": {Data: []byte(`{{define "x"}}`)}},
			wantErr: "parse _broken.sql",
		},
		{
			name:    "no such directory",
			files:   fstest.MapFS{},
			wantErr: "read q",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Load(tc.files, "q", funcs)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one about %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Errorf("%d queries %v, want %d", len(got), got, len(tc.want))
			}
			for name, want := range tc.want {
				if got[name] != want {
					t.Errorf("%s = %q, want %q", name, got[name], want)
				}
			}
		})
	}
}
