package analytics_test

import (
	"context"
	"regexp"
	"testing"

	"nianbao/analytics"
	"nianbao/data"
)

// TestRegionNames: METRICS.md's province, city and county are names (福建省, 福州市,
// 闽侯县); the province's code is province_code, which peer groups use, while region
// filters keep working on codes.
func TestRegionNames(t *testing.T) {
	e := newEnv(t, fixtures())
	ctx := context.Background()

	ind, err := e.a.Indicators(ctx, analytics.Params{Year: 2019, Region: "350121"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ind) == 0 {
		t.Fatal("no indicators for 350121 in 2019")
	}
	for _, r := range ind {
		if r.RegionCode != "350121" || r.ProvinceCode != "350000" || r.Province != "福建省" || r.City != "福州市" || r.County != "闽侯县" {
			t.Errorf("%s: region %s province_code %s province %s city %s county %s", r.Organ, r.RegionCode, r.ProvinceCode, r.Province, r.City, r.County)
		}
	}

	rk, err := e.a.Rankings(ctx, analytics.Params{Year: 2019})
	if err != nil {
		t.Fatal(err)
	}
	counties := 0
	for _, r := range rk {
		if r.Level != "county" {
			continue
		}
		counties++
		if r.PeerGroup != "county:350000" || r.ProvinceCode != "350000" || r.Province != "福建省" {
			t.Errorf("%s: peer group %s province_code %s province %s", r.Organ, r.PeerGroup, r.ProvinceCode, r.Province)
		}
	}
	if counties == 0 {
		t.Error("no county ranked")
	}

	// A missing government: its province name is Expected's, or else the one stored
	// with its province's reports.
	for _, g := range []analytics.Government{
		{Code: "350125", Name: "戊县人民政府", Level: "county"},
		{Code: "350125", Name: "戊县人民政府", Level: "county", Province: "福建省"},
	} {
		ps, err := e.a.Quality(ctx, analytics.Params{Year: 2019, Expected: []analytics.Government{g}})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, p := range ps {
			if p.Kind == analytics.ProblemMissing {
				found = true
				if p.ProvinceCode != "350000" || p.Province != "福建省" {
					t.Errorf("missing %s (Province %q): province_code %s province %s", p.Organ, g.Province, p.ProvinceCode, p.Province)
				}
			}
		}
		if !found {
			t.Errorf("no missing row for %s", g.Name)
		}
	}
	exp := analytics.ExpectedGovernments(data.LoadRegions(), "350100")
	if len(exp) < 2 {
		t.Fatalf("expected governments of 350100: %+v", exp)
	}
	for _, g := range exp {
		if g.Province != "福建省" {
			t.Errorf("expected %s: province %q, want 福建省", g.Name, g.Province)
		}
	}
}

// TestNoProvinceCodes: in every view of the bundled reports, a province column holds
// names and province_code the codes, the names agreeing with the stored reports.
func TestNoProvinceCodes(t *testing.T) {
	_, db := sampleDB(t)
	ctx := context.Background()
	a, err := analytics.New(db)
	if err != nil {
		t.Fatal(err)
	}
	code := regexp.MustCompile(`^[0-9]{6}$`)
	regions := data.LoadRegions()
	names := 0
	for _, v := range analytics.Views {
		if v == analytics.ViewDictionary {
			continue
		}
		t.Run(string(v), func(t *testing.T) {
			c, err := a.Open(ctx, v, analytics.Params{})
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			idx := map[string]int{}
			for i, col := range c.Columns() {
				idx[col] = i
			}
			ip, hasP := idx["province"]
			ic, hasC := idx["province_code"]
			if hasP != hasC {
				t.Fatalf("columns %v: province and province_code go together", c.Columns())
			}
			for c.Next() {
				vals := c.Values()
				if !hasP {
					continue
				}
				pc, _ := vals[ic].(string)
				p, _ := vals[ip].(string)
				if pc != "" && !code.MatchString(pc) {
					t.Fatalf("province_code %q is not a code", pc)
				}
				if code.MatchString(p) {
					t.Fatalf("province %q is a code, not a name", p)
				}
				if p != "" {
					names++
					if r, ok := regions.Lookup(pc); !ok || r.Name != p {
						t.Fatalf("province %q with province_code %q (%s)", p, pc, r.Name)
					}
				}
			}
			if err := c.Err(); err != nil {
				t.Fatal(err)
			}
		})
	}
	if names == 0 {
		t.Error("no province name in any view")
	}
}
