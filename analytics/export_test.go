package analytics_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"nianbao/analytics"
	"nianbao/data/duckdb"
)

// canonical renders a row as strings the way the CSV encoder does, so the three
// formats can be compared with the source.
func canonical(t testing.TB, c analytics.Cursor) [][]string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := analytics.WriteCSV(&buf, c); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func jsonCanonical(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// TestExportRoundTrip writes every view of the bundled reports' database as CSV, JSON,
// JSON Lines and Parquet and reads each back: the rows must be the source rows.
func TestExportRoundTrip(t *testing.T) {
	path, db := sampleDB(t)
	db.Close()
	ctx := context.Background()
	ro, err := duckdb.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	a, err := analytics.New(ro)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range analytics.Views {
		t.Run(string(v), func(t *testing.T) {
			open := func() analytics.Cursor {
				c, err := a.Open(ctx, v, analytics.Params{})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { c.Close() })
				return c
			}
			src := canonical(t, open())
			if len(src) < 2 {
				t.Fatalf("%s: no rows", v)
			}
			// the dictionary documents exactly the columns the view has
			var names []string
			for _, c := range analytics.Columns(v) {
				names = append(names, c.Name)
				if c.Definition == "" || c.Type == "" {
					t.Errorf("column %s has no definition or type", c.Name)
				}
			}
			if strings.Join(names, ",") != strings.Join(src[0], ",") {
				t.Errorf("dictionary columns\n%v\nview columns\n%v", names, src[0])
			}

			t.Run("json", func(t *testing.T) {
				for _, lines := range []bool{false, true} {
					var buf bytes.Buffer
					if _, err := analytics.WriteJSON(&buf, open(), lines); err != nil {
						t.Fatal(err)
					}
					var objs []map[string]any
					if lines {
						sc := bufio.NewScanner(&buf)
						sc.Buffer(nil, 1<<24)
						for sc.Scan() {
							d := json.NewDecoder(strings.NewReader(sc.Text()))
							d.UseNumber()
							var m map[string]any
							if err := d.Decode(&m); err != nil {
								t.Fatal(err)
							}
							objs = append(objs, m)
						}
					} else {
						d := json.NewDecoder(&buf)
						d.UseNumber()
						if err := d.Decode(&objs); err != nil {
							t.Fatal(err)
						}
					}
					if len(objs) != len(src)-1 {
						t.Fatalf("lines=%v: %d rows, want %d", lines, len(objs), len(src)-1)
					}
					for i, m := range objs {
						for j, col := range src[0] {
							if got := jsonCanonical(m[col]); got != src[i+1][j] {
								t.Fatalf("lines=%v row %d %s: %q, want %q", lines, i, col, got, src[i+1][j])
							}
						}
					}
				}
			})
			if v == analytics.ViewDictionary {
				return
			}
			t.Run("parquet", func(t *testing.T) {
				out := filepath.Join(t.TempDir(), string(v)+".parquet")
				n, err := a.CopyParquet(ctx, v, analytics.Params{}, out)
				if err != nil {
					t.Fatal(err)
				}
				if n != int64(len(src)-1) {
					t.Errorf("COPY wrote %d rows, want %d", n, len(src)-1)
				}
				rows, err := ro.QueryContext(ctx, fmt.Sprintf("SELECT * FROM read_parquet('%s')", out))
				if err != nil {
					t.Fatal(err)
				}
				back := canonical(t, &rowsCursor{rows: rows})
				if len(back) != len(src) {
					t.Fatalf("%d rows back, want %d", len(back), len(src))
				}
				for i := range src {
					if strings.Join(back[i], "\x1f") != strings.Join(src[i], "\x1f") {
						t.Fatalf("row %d:\n%q\nwant\n%q", i, back[i], src[i])
					}
				}
			})
		})
	}
}

// TestLake writes the Parquet lake of the bundled reports and reads every table back
// with hive partitioning: the same rows (EXCEPT ALL both ways), counts and sums.
func TestLake(t *testing.T) {
	_, db := sampleDB(t)
	ctx := context.Background()
	a, err := analytics.New(db)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "lake")
	sum, err := a.Lake(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Lake(ctx, dir); err == nil {
		t.Error("a second lake into the same directory: no error")
	}
	province := "CASE WHEN length(r.region_code) = 6 THEN substr(r.region_code, 1, 2) || '0000' END"
	if n := count(t, db, "SELECT count(*) FROM reports WHERE province IS NOT NULL"); n == 0 {
		t.Fatal("no report has a province name: the lake test would not see the name column")
	}
	for _, table := range analytics.LakeTables {
		t.Run(table, func(t *testing.T) {
			// the source, defined here independently of the package's SQL; the storage
			// order columns (migration 007) and a report's number in its document (013)
			// are internal and stay out of the lake
			src := fmt.Sprintf("SELECT t.* EXCLUDE (doc_seq), r.year AS year, %s AS province_code FROM %s t JOIN reports r USING (document_sha256, report_id)", province, table)
			read := fmt.Sprintf("read_parquet('%s/%s/**/*.parquet', hive_partitioning = true, hive_types = {'year': INTEGER, 'province_code': VARCHAR})", dir, table)
			switch table {
			case "reports":
				src = fmt.Sprintf("SELECT r.* EXCLUDE (doc_seq, report_no), %s AS province_code FROM reports r", province)
			case "documents":
				src = "SELECT * EXCLUDE (seq) FROM documents"
				read = fmt.Sprintf("read_parquet('%s/documents/*.parquet')", dir)
			}
			cols := columnsOf(t, db, src)
			list := `"` + strings.Join(cols, `", "`) + `"`
			for _, q := range []string{
				fmt.Sprintf("SELECT count(*) FROM ((SELECT %[1]s FROM (%[2]s)) EXCEPT ALL (SELECT %[1]s FROM %[3]s))", list, src, read),
				fmt.Sprintf("SELECT count(*) FROM ((SELECT %[1]s FROM %[3]s) EXCEPT ALL (SELECT %[1]s FROM (%[2]s)))", list, src, read),
			} {
				if n := count(t, db, q); n != 0 {
					t.Errorf("%d rows differ: %s", n, q)
				}
			}
			n := count(t, db, fmt.Sprintf("SELECT count(*) FROM %s", read))
			if want := count(t, db, fmt.Sprintf("SELECT count(*) FROM (%s)", src)); n != want || n != sum[table] || n == 0 {
				t.Errorf("%d rows read back, %d in the source, %d written", n, want, sum[table])
			}
			if table == "facts" {
				s1 := count(t, db, fmt.Sprintf("SELECT round(sum(value) * 1000)::BIGINT FROM %s", read))
				s2 := count(t, db, "SELECT round(sum(value) * 1000)::BIGINT FROM facts")
				if s1 != s2 {
					t.Errorf("sum(value) %d back, %d in the source", s1, s2)
				}
			}
		})
	}
}

func columnsOf(t testing.TB, q analytics.Querier, query string) []string {
	t.Helper()
	rows, err := q.QueryContext(context.Background(), "SELECT * FROM ("+query+") LIMIT 0")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	return cols
}

func count(t testing.TB, q analytics.Querier, query string) int64 {
	t.Helper()
	rows, err := q.QueryContext(context.Background(), query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var n int64
	if rows.Next() {
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
	}
	return n
}
