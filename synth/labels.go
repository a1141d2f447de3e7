package synth

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
)

// labels is one labels.jsonl line, built in key order so output is byte-stable.
type labels struct {
	keys []string
	vals map[string]*float64
	// uncertain lists keys left unlabelled because the rendering allows several readings.
	uncertain []string
	incons    []string
	notes     []string
	// notReport marks a page that is about disclosure work but is not an annual report.
	notReport bool
}

func newLabels() *labels { return &labels{vals: map[string]*float64{}} }

func (l *labels) set(key string, v float64) {
	if _, ok := l.vals[key]; !ok {
		l.keys = append(l.keys, key)
	}
	l.vals[key] = &v
}

func (l *labels) null(key string) {
	if _, ok := l.vals[key]; !ok {
		l.keys = append(l.keys, key)
	}
	l.vals[key] = nil
}

// drop removes a key and records it as uncertain: absent keys are not scored.
func (l *labels) drop(key string) {
	if _, ok := l.vals[key]; !ok {
		return
	}
	delete(l.vals, key)
	for i, k := range l.keys {
		if k == key {
			l.keys = append(l.keys[:i], l.keys[i+1:]...)
			break
		}
	}
	l.uncertain = append(l.uncertain, key)
}

// write appends the JSON line for report id.
func (l *labels) write(b []byte, id, organ string, year int, template string) []byte {
	b = slices.Grow(b, 40*len(l.keys)+256)
	b = append(b, `{"id":`...)
	b = appendJSONString(b, id)
	b = append(b, `,"organ":`...)
	b = appendJSONString(b, organ)
	b = append(b, `,"year":`...)
	b = strconv.AppendInt(b, int64(year), 10)
	b = append(b, `,"template":`...)
	b = appendJSONString(b, template)
	b = append(b, `,"is_annual_report":`...)
	b = strconv.AppendBool(b, !l.notReport)
	for _, k := range l.keys {
		b = append(b, ',')
		b = appendJSONString(b, k)
		b = append(b, ':')
		if v := l.vals[k]; v == nil {
			b = append(b, "null"...)
		} else {
			b = appendNum(b, *v)
		}
	}
	b = append(b, `,"source_inconsistencies":`...)
	b = appendStrings(b, l.incons)
	b = append(b, `,"unscored_uncertain":`...)
	b = appendStrings(b, l.uncertain)
	if len(l.notes) > 0 {
		b = append(b, `,"notes":`...)
		b = appendJSONString(b, strings.Join(l.notes, " "))
	}
	return append(b, "}\n"...)
}

func appendStrings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

// appendJSONString quotes s for JSON. Keys and names need no escaping, so the common
// case is a plain copy; anything else goes through encoding/json.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			j, _ := json.Marshal(s) // a string always marshals
			return append(b, j...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

func appendNum(b []byte, v float64) []byte {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.AppendInt(b, int64(v), 10)
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

// ftoa prints an amount as reports do: no trailing zeros, at most two decimals.
func ftoa(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// tableLabels labels a template report: 表三 total and applicant columns, the derived
// group totals, 表二's named cells, 表四; and null for the keys of the other template.
func tableLabels(tv *tableVals) *labels {
	l := newLabels()
	val := func(key string, c int) (float64, bool) {
		v, ok := tv.t3[key]
		if !ok {
			return 0, false
		}
		if tv.mark3[key][c] == markSlash {
			return 0, false
		}
		return float64(v[c]), true
	}
	for _, row := range tv.rows {
		for c := range 7 {
			k := row.key + colSuffix[c]
			if v, ok := val(row.key, c); ok {
				l.set(k, v)
			} else {
				l.null(k)
			}
		}
	}
	_, single6 := tv.t3["other_total"]
	for _, g := range groups3 {
		if _, printed := tv.t3[g.total]; printed {
			continue
		}
		for c := range 7 {
			sum, ok := 0.0, true
			for _, p := range g.parts {
				v, good := val(p, c)
				if !good {
					ok = false
					break
				}
				sum += v
			}
			if ok {
				l.set(g.total+colSuffix[c], sum)
			}
		}
	}
	if single6 {
		for _, k := range []string{"other_no_correction", "other_unpaid_fee", "other_other"} {
			l.null(k)
		}
	}
	for _, row := range tv.t2 {
		for i, k := range row.keys {
			if k == "" {
				continue
			}
			if row.cells[i] == "/" {
				l.null(k)
			} else {
				l.set(k, row.vals[i])
			}
			// The 2019 本年新制作 column is also the 2021 本年制发 key (METRICS: one name
			// for documents made in the year).
			if base, ok := strings.CutSuffix(k, "_made"); ok {
				if row.cells[i] == "/" {
					l.null(base + "_issued")
				} else {
					l.set(base+"_issued", row.vals[i])
				}
			}
		}
	}
	other := []string{"regulations_repealed", "regulations_in_force", "normative_repealed", "normative_in_force", "fees_amount_wan"}
	if tv.t2021 {
		other = []string{"regulations_made", "regulations_published", "regulations_public_total", "normative_made",
			"normative_published", "normative_public_total", "procurement_projects", "procurement_amount_yuan"}
	}
	for _, k := range other {
		l.null(k)
	}
	for i, k := range table4Keys {
		if tv.mark4[i] == markSlash {
			l.null(k)
		} else {
			l.set(k, float64(tv.t4[i]))
		}
	}
	l.incons = append(l.incons, tv.incons...)
	return l
}

// table4Keys are 表四's cells in print order.
var table4Keys = func() []string {
	var keys []string
	for _, g := range []string{"reconsideration", "litigation_direct", "litigation_after_review"} {
		for _, c := range []string{"_upheld", "_corrected", "_other", "_pending", "_total"} {
			keys = append(keys, g+c)
		}
	}
	return keys
}()
