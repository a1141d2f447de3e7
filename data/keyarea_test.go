package data

import (
	"strings"
	"testing"
)

func TestKeyAreasFor(t *testing.T) {
	cases := []struct {
		name   string
		year   int
		status string
		doc    string
		areas  int
		scored bool
	}{
		{"2013 verified, 国办发〔2013〕73号, nine areas", 2013, KeyAreasVerified, "国办发〔2013〕73号", 9, true},
		{"2012 verified, eight areas", 2012, KeyAreasVerified, "国办发〔2012〕26号", 8, true},
		{"2015 verified, nine areas", 2015, KeyAreasVerified, "国办发〔2015〕22号", 9, true},
		{"2014 partial, number unconfirmed, five aspects", 2014, KeyAreasPartial, "", 5, true},
		{"2009 none, statutory baseline only", 2009, KeyAreasNone, "", 13, false},
		{"2023 none, no invented list", 2023, KeyAreasNone, "", 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			y, ok := KeyAreasFor(c.year)
			if !ok {
				t.Fatal("no entry")
			}
			if y.Status != c.status || y.Document != c.doc || len(y.Areas) != c.areas || y.Scored() != c.scored {
				t.Errorf("got status %s doc %q areas %d scored %v", y.Status, y.Document, len(y.Areas), y.Scored())
			}
			if y.Status == KeyAreasNone && y.Baseline == "" {
				t.Errorf("a year without a list must name its baseline")
			}
		})
	}
	if _, ok := KeyAreasFor(2007); ok {
		t.Error("2007 has an entry")
	}
	if ys := KeyAreaYears(); len(ys) != 17 || ys[0] != 2008 || ys[len(ys)-1] != 2024 {
		t.Errorf("years %v", ys)
	}
}

func TestKeyAreasTraps(t *testing.T) {
	// KEYAREAS.md: 属于行政执法案卷 and the bare word 收费 are no evidence for an area.
	for _, year := range KeyAreaYears() {
		y, _ := KeyAreasFor(year)
		for _, a := range y.Areas {
			for _, s := range a.Synonyms {
				if s == "收费" || s == "行政执法" || strings.Contains("属于行政执法案卷", s) {
					t.Errorf("%d/%s: synonym %q matches a trap", year, a.ID, s)
				}
			}
		}
	}
}

func TestLoadKeyAreasRejects(t *testing.T) {
	for name, js := range map[string]string{
		"bad status":   `{"years":[{"year":2013,"status":"complete","areas":[]}]}`,
		"unknown list": `{"years":[{"year":2013,"status":"none","areas_from":"x"}]}`,
		"no synonyms":  `{"years":[{"year":2013,"status":"verified","areas":[{"id":"a","name":"b"}]}]}`,
	} {
		if _, err := loadKeyAreas([]byte(js)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
