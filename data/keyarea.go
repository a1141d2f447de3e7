package data

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
)

// Statuses of a year's key-area list, as KEYAREAS.md grades its sources.
const (
	// KeyAreasVerified: the GO document's number, date and complete area list were read.
	KeyAreasVerified = "verified"
	// KeyAreasPartial: the list is incomplete (only a summary or the first sections read).
	KeyAreasPartial = "partial"
	// KeyAreasNone: no GO key-area document was found. Areas, if any, are the statutory
	// baseline the year falls under, not a list a report can be scored against.
	KeyAreasNone = "none"
)

// KeyArea is one key area (重点领域) of a year's list.
type KeyArea struct {
	// ID is the stable ascii id of KEYAREAS.md ("fiscal_budget").
	ID string `json:"id"`
	// Covers lists further ids the document folds into this area (2013 names
	// 财政预算决算和“三公”经费 as one area: fiscal_budget covering three_public_expenses).
	Covers []string `json:"covers,omitempty"`
	// Name is the display name reports and labels use for the area in that year.
	Name string `json:"name"`
	// Synonyms are the phrasings (simplified Chinese) that count as the report
	// discussing the area; matched literally.
	Synonyms []string `json:"synonyms"`
	// Exclude are phrases that, around a synonym, show the match is not about the area
	// (a 表三 row 属于行政执法案卷 is not 行政执法公示).
	Exclude []string `json:"exclude,omitempty"`
}

// KeyAreaYear is the key-area reference of one report year: the State Council General
// Office document written early in year+1 (or during the year) and the areas it names.
type KeyAreaYear struct {
	Year   int    `json:"year"`
	Status string `json:"status"`
	// Document is the document number (国办发〔2013〕73号); empty when unconfirmed.
	Document  string `json:"document,omitempty"`
	Title     string `json:"title,omitempty"`
	Signed    string `json:"signed,omitempty"`
	Published string `json:"published,omitempty"`
	// Baseline names the statute a year without a GO list falls back to.
	Baseline string `json:"baseline,omitempty"`
	// Continued are ids of a "keep doing" list that is not part of the year's areas.
	Continued []string  `json:"continued,omitempty"`
	Note      string    `json:"note,omitempty"`
	Areas     []KeyArea `json:"areas"`
	AreasFrom string    `json:"areas_from,omitempty"`
}

// Scored reports whether a report of this year can be given a key-area coverage: only
// a GO list (verified or partial) is something a report was asked to cover.
func (y KeyAreaYear) Scored() bool {
	return y.Status != KeyAreasNone && len(y.Areas) > 0
}

//go:embed keyareas.json
var keyAreasJSON []byte

var keyAreaYears = mustLoadKeyAreas(keyAreasJSON)

func mustLoadKeyAreas(b []byte) map[int]KeyAreaYear {
	m, err := loadKeyAreas(b)
	if err != nil {
		panic("data: keyareas.json: " + err.Error())
	}
	return m
}

func loadKeyAreas(b []byte) (map[int]KeyAreaYear, error) {
	var f struct {
		Years []KeyAreaYear        `json:"years"`
		Lists map[string][]KeyArea `json:"lists"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, err
	}
	m := make(map[int]KeyAreaYear, len(f.Years))
	for _, y := range f.Years {
		if y.AreasFrom != "" {
			l, ok := f.Lists[y.AreasFrom]
			if !ok {
				return nil, fmt.Errorf("year %d: unknown list %q", y.Year, y.AreasFrom)
			}
			y.Areas = l
		}
		switch y.Status {
		case KeyAreasVerified, KeyAreasPartial, KeyAreasNone:
		default:
			return nil, fmt.Errorf("year %d: status %q", y.Year, y.Status)
		}
		if _, dup := m[y.Year]; dup {
			return nil, fmt.Errorf("year %d twice", y.Year)
		}
		seen := map[string]bool{}
		for _, a := range y.Areas {
			if a.ID == "" || a.Name == "" || len(a.Synonyms) == 0 {
				return nil, fmt.Errorf("year %d: incomplete area %+v", y.Year, a)
			}
			if seen[a.ID] {
				return nil, fmt.Errorf("year %d: area %s twice", y.Year, a.ID)
			}
			seen[a.ID] = true
		}
		m[y.Year] = y
	}
	return m, nil
}

// KeyAreasFor returns the key-area reference of report year year. The slices are
// shared: callers must not modify them.
func KeyAreasFor(year int) (KeyAreaYear, bool) {
	y, ok := keyAreaYears[year]
	return y, ok
}

// KeyAreaYears returns the report years that have a reference entry, ascending.
func KeyAreaYears() []int {
	ys := make([]int, 0, len(keyAreaYears))
	for y := range keyAreaYears {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	return ys
}

// ScoredKeyAreas returns, as two parallel lists, the (report year, area name) pairs of
// every year whose key-area list is scored: the shape the coverage SQL takes as arguments
// (analytics' coverage view and the serving table Refresh builds from it).
func ScoredKeyAreas() (years []int32, areas []string) {
	for _, y := range KeyAreaYears() {
		ky, ok := KeyAreasFor(y)
		if !ok || !ky.Scored() {
			continue
		}
		for _, a := range ky.Areas {
			years = append(years, int32(y))
			areas = append(areas, a.Name)
		}
	}
	return years, areas
}
