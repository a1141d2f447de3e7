package analytics

import "nianbao/data"

// ExpectedGovernments lists the governments that should publish a summary report under
// region code: the region's own government and those of the regions directly under it
// (a province's cities, a city's counties), from the GB/T 2260 table. It is what
// Params.Expected takes for completeness. Townships are not in the table, so they are
// never expected. An unknown code gives nil.
func ExpectedGovernments(regions *data.Regions, code string) []Government {
	self, ok := regions.Lookup(code)
	if !ok {
		return nil
	}
	var province string
	if p, ok := regions.Lookup(code[:2] + "0000"); ok {
		province = p.Name
	}
	out := []Government{{Code: self.Code, Name: self.Name + "人民政府", Level: self.Level, Province: province}}
	for _, r := range regions.Children(code) {
		out = append(out, Government{Code: r.Code, Name: r.Name + "人民政府", Level: r.Level, Province: province})
	}
	return out
}
