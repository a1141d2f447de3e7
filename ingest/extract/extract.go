package extract

import (
	"crypto/sha256"
	"encoding/hex"

	"nianbao/data"
)

// Version identifies the extractor's rules. Bump it when a change alters any output, so
// stored reports made by an older version are re-extracted.
const Version = "2026.11.24-1"

// Extract reads one document. It never fails: what it cannot read becomes a warning.
func Extract(doc *data.Document) data.Report {
	r := data.Report{
		Metrics:   []data.Metric{},
		Checks:    []data.Check{},
		KeyAreas:  []data.KeyAreaMention{},
		Warnings:  []string{},
		Extractor: Version,
		Template:  data.TemplateProse,
	}
	r.ReportID = hex.EncodeToString(sha256String(doc.Norm)[:8])
	r.Warnings = append(r.Warnings, doc.Warnings...)

	extractTables(doc, &r)
	identify(doc, &r)
	if r.Template == data.TemplateProse && r.IsAnnualReport {
		extractProse(doc, &r)
	}
	if r.IsAnnualReport {
		extractKeyAreas(doc, &r)
	}
	return r
}

// sha256String is sha256.Sum256([]byte(s)) without copying s to the heap first.
func sha256String(s string) []byte {
	h := sha256.New()
	var buf [4096]byte
	for len(s) > 0 {
		n := copy(buf[:], s)
		h.Write(buf[:n])
		s = s[n:]
	}
	return h.Sum(nil)
}
