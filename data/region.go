package data

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

// Levels of an organ (METRICS.md, `level`). Region levels use the first three; a report's
// organ can also be national, a township, or a department (a 部门 of a government of any
// level).
const (
	LevelNational   = "national"
	LevelProvince   = "province"
	LevelCity       = "city"
	LevelCounty     = "county"
	LevelTownship   = "township"
	LevelDepartment = "department"
)

// IsLevel says whether s is one of the levels: what a filter on level may ask for.
func IsLevel(s string) bool {
	switch s {
	case LevelNational, LevelProvince, LevelCity, LevelCounty, LevelTownship, LevelDepartment:
		return true
	}
	return false
}

// NationalCode stands for the central government. GB/T 2260 has no code for the country;
// 100000 is the one the ECharts/DataV China map uses, so the dashboard can key on it too.
const NationalCode = "100000"

// Region is one GB/T 2260 division: a province, a prefecture-level city (地级市, 自治州, 地区,
// 盟) or a county-level one (区, 县, 县级市, 旗, and the statistical development zones).
type Region struct {
	Code   string // six digits
	Name   string
	Parent string // "" for provinces
	Level  string // LevelProvince, LevelCity or LevelCounty
}

// Regions is the parsed region table with the index the organ resolver needs. It is
// immutable once built, so one value is shared by every goroutine.
type Regions struct {
	list   []Region
	parent []int32 // index of each region's parent, -1 for provinces
	byCode map[string]int32
	names  nameIndex
	zones  map[string]specialZone // keyed by the matched name
}

//go:embed regions/regions.tsv
var regionsTSV string

//go:embed regions/renames.tsv
var renamesTSV string

// loadRegions parses the embedded tables once, on first use: most commands never resolve an
// organ, and the ~3,300 regions plus their index would otherwise cost every start-up.
var loadRegions = sync.OnceValue(func() *Regions {
	r, err := parseRegions(regionsTSV, renamesTSV)
	if err != nil {
		// The files are embedded and tested: failing here is a build defect, not input.
		panic("data: regions: " + err.Error())
	}
	return r
})

// LoadRegions returns the embedded GB/T 2260 table (parsed on the first call, shared after).
func LoadRegions() *Regions { return loadRegions() }

// ResolveOrgan resolves an organ name with the embedded region table; see Regions.Resolve.
func ResolveOrgan(organ string) Resolution { return loadRegions().Resolve(organ) }

func parseRegions(tsv, renames string) (*Regions, error) {
	r := &Regions{byCode: make(map[string]int32, 3400)}
	for n, line := range strings.Split(tsv, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 || len(f[0]) != 6 || f[1] == "" {
			return nil, fmt.Errorf("regions.tsv line %d: %q", n+1, line)
		}
		switch f[3] {
		case LevelProvince, LevelCity, LevelCounty:
		default:
			return nil, fmt.Errorf("regions.tsv line %d: level %q", n+1, f[3])
		}
		if _, dup := r.byCode[f[0]]; dup {
			return nil, fmt.Errorf("regions.tsv line %d: duplicate code %s", n+1, f[0])
		}
		r.byCode[f[0]] = int32(len(r.list))
		r.list = append(r.list, Region{Code: f[0], Name: f[1], Parent: f[2], Level: f[3]})
	}
	r.parent = make([]int32, len(r.list))
	for i, g := range r.list {
		r.parent[i] = -1
		if g.Parent == "" {
			continue
		}
		p, ok := r.byCode[g.Parent]
		if !ok {
			return nil, fmt.Errorf("regions.tsv: %s has unknown parent %s", g.Code, g.Parent)
		}
		r.parent[i] = p
	}
	old, err := parseRenames(renames, r.byCode)
	if err != nil {
		return nil, err
	}
	if err := r.buildIndex(old); err != nil {
		return nil, err
	}
	return r, nil
}

// parseRenames reads renames.tsv into old name → current region index.
func parseRenames(tsv string, byCode map[string]int32) (map[string]int32, error) {
	m := map[string]int32{}
	for n, line := range strings.Split(tsv, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 {
			return nil, fmt.Errorf("renames.tsv line %d: %q", n+1, line)
		}
		i, ok := byCode[f[1]]
		if !ok {
			return nil, fmt.Errorf("renames.tsv line %d: unknown code %s", n+1, f[1])
		}
		m[f[0]] = i
	}
	return m, nil
}

// Len is the number of regions.
func (r *Regions) Len() int { return len(r.list) }

// All returns the regions in code order. The slice is shared: do not modify it.
func (r *Regions) All() []Region { return r.list }

// Lookup returns the region with the given six-digit code.
func (r *Regions) Lookup(code string) (Region, bool) {
	i, ok := r.byCode[code]
	if !ok {
		return Region{}, false
	}
	return r.list[i], true
}

// Children returns the regions whose parent is code, in code order: the governments a
// supervisor at that region expects reports from.
func (r *Regions) Children(code string) []Region {
	var out []Region
	for _, g := range r.list {
		if g.Parent == code {
			out = append(out, g)
		}
	}
	return out
}

// under reports whether region i lies strictly inside region anc.
func (r *Regions) under(i, anc int32) bool {
	for p := r.parent[i]; p >= 0; p = r.parent[p] {
		if p == anc {
			return true
		}
	}
	return false
}

// names fills the province, city and county names of region i's chain. Districts of the
// four municipalities and counties governed directly by a province have no city.
func (r *Regions) fillNames(res *Resolution, i int32) {
	for ; i >= 0; i = r.parent[i] {
		g := &r.list[i]
		switch g.Level {
		case LevelProvince:
			res.Province = g.Name
		case LevelCity:
			res.City = g.Name
		case LevelCounty:
			res.County = g.Name
		}
	}
}
