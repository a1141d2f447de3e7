package duckdb

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	"nianbao/data"
)

// TestRegionNames: the province, city and county names (METRICS.md, resolved from
// region_code by the extractor) round-trip through both writers; a name not known (a
// municipality's district has no city, an unresolved organ has none) is stored as NULL.
func TestRegionNames(t *testing.T) {
	type names struct{ Province, City, County sql.NullString }
	ns := func(p, c, k string) names {
		v := func(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }
		return names{v(p), v(c), v(k)}
	}
	reps := []struct {
		id, code, province, city, county string
	}{
		{"hz", "320813", "江苏省", "淮安市", "洪泽区"},
		{"pd", "310115", "上海市", "", "浦东新区"},
		{"js", "320000", "江苏省", "", ""},
		{"unresolved", "", "", "", ""},
	}
	for _, perRowInsert := range []bool{false, true} {
		t.Run(fmt.Sprintf("perRowInsert=%v", perRowInsert), func(t *testing.T) {
			ctx := context.Background()
			db := openTest(t)
			it := data.Item{Source: sampleSource("names")}
			for _, r := range reps {
				it.Reports = append(it.Reports, data.Report{ReportID: r.id, RegionCode: r.code, Extractor: "v1",
					Province: r.province, City: r.city, County: r.county})
			}
			if err := db.saveBatch(ctx, []data.Item{it}, perRowInsert); err != nil {
				t.Fatal(err)
			}
			for _, r := range reps {
				var got names
				err := db.sql.QueryRow(`SELECT province, city, county FROM reports WHERE report_id = ?`, r.id).
					Scan(&got.Province, &got.City, &got.County)
				if err != nil {
					t.Fatal(err)
				}
				if want := ns(r.province, r.city, r.county); got != want {
					t.Errorf("%s: names = %v, want %v", r.id, got, want)
				}
			}
		})
	}
}

// TestRegionNamesMigration: a database created before 005_region_names.sql keeps its
// reports and gains the name columns, NULL until the reports are stored again.
func TestRegionNamesMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.duckdb")
	db, err := Open(ctx, Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	// Make it a database of migrations 001–004 with one report in it (the later
	// migrations' columns of reports dropped too, so that they come back in order).
	asBefore012(t, db)
	for _, q := range []string{
		`ALTER TABLE reports DROP COLUMN doc_seq`, `DELETE FROM schema_migrations WHERE version = 7`,
		`ALTER TABLE reports DROP COLUMN county`, `ALTER TABLE reports DROP COLUMN city`,
		`ALTER TABLE reports DROP COLUMN province`, `DELETE FROM schema_migrations WHERE version = 5`,
		`INSERT INTO reports (report_id, document_sha256, region_code, is_annual_report, extractor_version)
		 VALUES ('old', 'oldsha', '320813', true, 'v0')`,
	} {
		if _, err := db.sql.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()

	db, err = Open(ctx, Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n := count(t, db, `SELECT count(*) FROM reports WHERE report_id = 'old' AND province IS NULL AND city IS NULL AND county IS NULL`); n != 1 {
		t.Errorf("old report after the migration: %d rows with NULL names, want 1", n)
	}
	rep := sampleReport("new", "v1")
	if err := db.SaveDocument(ctx, sampleSource("newsha"), []data.Report{rep}); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT count(*) FROM reports WHERE report_id = 'new' AND province = '江西省' AND city = '赣州市'`); n != 1 {
		t.Errorf("report saved after the migration: %d rows with its names, want 1", n)
	}
}
