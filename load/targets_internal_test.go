package load

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func fullRow(id string) map[string]any {
	return map[string]any{"report_id": id, "organ": "某县人民政府", "province_code": "360000", "year": float64(2020)}
}

// bareRow is a report whose organ's province is unknown (普陀区 is in two provinces).
func bareRow(id string) map[string]any {
	return map[string]any{"report_id": id, "organ": "普陀区自然资源局", "province_code": nil, "year": float64(2020)}
}

// TestUsable: a sample is the row at its place in the indicators view, or the nearest
// with the organ, province and year its filtered requests need.
func TestUsable(t *testing.T) {
	tests := []struct {
		name string
		rows []map[string]any
		i    int
		want string // "": none
	}{
		{"the row itself", []map[string]any{fullRow("a"), fullRow("b"), fullRow("c")}, 1, "b"},
		{"the next usable", []map[string]any{bareRow("a"), bareRow("b"), fullRow("c")}, 1, "c"},
		{"the previous usable when none follows", []map[string]any{fullRow("a"), bareRow("b"), bareRow("c")}, 2, "a"},
		{"the nearer of two", []map[string]any{fullRow("a"), bareRow("b"), bareRow("c"), bareRow("d"), fullRow("e"), bareRow("f")}, 3, "e"},
		{"none usable", []map[string]any{bareRow("a"), bareRow("b")}, 1, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, ok := usable(tc.rows, tc.i)
			if ok != (tc.want != "") || (ok && r["report_id"] != tc.want) {
				t.Errorf("usable(…, %d) = %v, %v, want %q", tc.i, r["report_id"], ok, tc.want)
			}
		})
	}
}

// TestSampleRow: a page with no usable row sends the sample to the next pages, never to a
// row without a province (its filtered requests were all 400 at 10⁶ reports).
func TestSampleRow(t *testing.T) {
	// pages of 100 rows, numbered from 1; bare pages have no usable row
	view := func(total int, bare ...int) func(string) (page, error) {
		return func(q string) (page, error) {
			_, ps, _ := strings.Cut(q, "page=")
			n, err := strconv.Atoi(ps)
			if err != nil {
				return page{}, err
			}
			var p page
			p.Total = total
			for i := (n - 1) * 100; i < min(total, n*100); i++ {
				id := fmt.Sprint(i)
				if slices.Contains(bare, n) {
					p.Rows = append(p.Rows, bareRow(id))
				} else {
					p.Rows = append(p.Rows, fullRow(id))
				}
			}
			return p, nil
		}
	}
	tests := []struct {
		name    string
		get     func(string) (page, error)
		at      int
		want    string
		wantErr string
	}{
		{"the row at", view(1000), 250, "250", ""},
		{"first of the next page", view(1000, 3), 250, "300", ""},
		{"past two bare pages", view(1000, 3, 4), 250, "400", ""},
		{"bare to the end", view(400, 3, 4), 250, "", "no report"},
		{"empty view", view(0), 0, "", "empty"},
		{"bare for too many pages", view(100000, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23), 250, "", "no report"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := sampleRow(tc.get, tc.at)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("sampleRow = %v, %v; want error %q", r["report_id"], err, tc.wantErr)
				}
				return
			}
			if err != nil || r["report_id"] != tc.want {
				t.Fatalf("sampleRow = %v, %v; want %s", r["report_id"], err, tc.want)
			}
		})
	}
}
