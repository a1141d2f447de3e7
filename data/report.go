package data

// Semantic says what kind of statement a value is. A printed 0 and an empty cell are
// different facts about a source, and researchers need to tell them apart.
const (
	SemNumber = "number" // a printed non-zero number
	SemZero   = "zero"   // a printed 0
	SemBlank  = "blank"  // an empty cell in a table that is otherwise filled
	SemNA     = "na"     // "/", "—", 无, 不适用
)

// Methods say how a value was obtained.
const (
	MethodTable2019 = "table2019"
	MethodTable2021 = "table2021"
	MethodProse     = "prose"
	MethodDerived   = "derived"
)

// Templates of the report formats.
const (
	TemplateProse = "prose"
	Template2019  = "t2019"
	Template2021  = "t2021"
)

// Scopes. Any other scope string is the name of a sub-unit (a named county, say).
const (
	ScopeWhole = "whole"
	ScopeOwn   = "own"
)

// Metric is one extracted value with its provenance. Value is nil for "na" cells.
type Metric struct {
	Key      string   `json:"key"`
	Value    *float64 `json:"value"`
	Semantic string   `json:"semantic"`
	Unit     string   `json:"unit"`
	Scope    string   `json:"scope"`
	Method   string   `json:"method"`
	Evidence string   `json:"evidence"`
	Offset   int      `json:"offset"`
	// Approx marks figures the source qualifies (多, 余, 近, 超过).
	Approx bool `json:"approx,omitempty"`
}

// Check is one consistency identity tested against the source, never forced.
type Check struct {
	Name   string `json:"name"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail"`
}

// KeyAreaMention is evidence that a report discusses one key area (重点领域).
type KeyAreaMention struct {
	Area     string `json:"area"`
	Evidence string `json:"evidence"`
	Offset   int    `json:"offset"`
	Count    *int64 `json:"count"`
}

// Report is the extraction record of one document (METRICS.md, "The extraction record").
type Report struct {
	SourcePath      string           `json:"source_path,omitempty"`
	SourceURL       string           `json:"source_url,omitempty"`
	ReportID        string           `json:"report_id"`
	IsAnnualReport  bool             `json:"is_annual_report"`
	Organ           string           `json:"organ"`
	RegionCode      string           `json:"region_code"`
	Province        string           `json:"province"`
	City            string           `json:"city"`
	County          string           `json:"county"`
	Level           string           `json:"level"`
	Year            int              `json:"year"`
	Published       string           `json:"published"`
	Template        string           `json:"template"`
	Metrics         []Metric         `json:"metrics"`
	Checks          []Check          `json:"checks"`
	KeyAreas        []KeyAreaMention `json:"key_areas"`
	KeyAreaCoverage *float64         `json:"key_area_coverage"`
	Warnings        []string         `json:"warnings"`
	Extractor       string           `json:"extractor_version,omitempty"`
}

// Metric returns the first metric with key at the whole scope.
func (r *Report) Metric(key string) (Metric, bool) {
	for _, m := range r.Metrics {
		if m.Key == key && (m.Scope == ScopeWhole || m.Scope == "") {
			return m, true
		}
	}
	return Metric{}, false
}

// Value returns the numeric value of key at the whole scope, if stated.
func (r *Report) Value(key string) (float64, bool) {
	m, ok := r.Metric(key)
	if !ok || m.Value == nil {
		return 0, false
	}
	return *m.Value, true
}

// F returns a pointer to v, for Metric.Value.
func F(v float64) *float64 { return &v }
