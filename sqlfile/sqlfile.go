package sqlfile

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
	"text/template"
)

// Load renders the queries in directory dir of fsys: every file but the fragments
// (_*.sql), by its name without .sql, with the fragments and funcs available to it.
func Load(fsys fs.FS, dir string, funcs template.FuncMap) (map[string]string, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("sqlfile: read %s: %w", dir, err)
	}
	base := template.New("").Funcs(funcs)
	texts := make(map[string]string, len(entries))
	for _, e := range entries {
		b, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("sqlfile: read %s: %w", e.Name(), err)
		}
		if strings.HasPrefix(e.Name(), "_") {
			if _, err := base.New(e.Name()).Parse(string(b)); err != nil {
				return nil, fmt.Errorf("sqlfile: parse %s: %w", e.Name(), err)
			}
			continue
		}
		texts[strings.TrimSuffix(e.Name(), ".sql")] = string(b)
	}
	out := make(map[string]string, len(texts))
	for name, text := range texts {
		t, err := base.Clone()
		if err != nil {
			return nil, fmt.Errorf("sqlfile: %s: %w", name, err)
		}
		if t, err = t.New(name).Parse(text); err != nil {
			return nil, fmt.Errorf("sqlfile: parse %s: %w", name, err)
		}
		var sb strings.Builder
		if err := t.Execute(&sb, nil); err != nil {
			return nil, fmt.Errorf("sqlfile: render %s: %w", name, err)
		}
		out[name] = sb.String()
	}
	return out, nil
}
