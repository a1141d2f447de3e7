package load

import "testing"

// TestUsable: a sample is the row at its place in the indicators view, or the nearest
// with the organ, province and year its filtered requests need.
func TestUsable(t *testing.T) {
	full := func(id string) map[string]any {
		return map[string]any{"report_id": id, "organ": "某县人民政府", "province_code": "360000", "year": float64(2020)}
	}
	bare := func(id string) map[string]any {
		return map[string]any{"report_id": id, "organ": nil, "province_code": nil, "year": float64(2020)}
	}
	tests := []struct {
		name string
		rows []map[string]any
		i    int
		want string
	}{
		{"the row itself", []map[string]any{full("a"), full("b"), full("c")}, 1, "b"},
		{"the next usable", []map[string]any{bare("a"), bare("b"), full("c")}, 1, "c"},
		{"the previous usable when none follows", []map[string]any{full("a"), bare("b"), bare("c")}, 2, "a"},
		{"the nearer of two", []map[string]any{full("a"), bare("b"), bare("c"), bare("d"), full("e"), bare("f")}, 3, "e"},
		{"none usable: the row itself", []map[string]any{bare("a"), bare("b")}, 1, "b"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := usable(tc.rows, tc.i)["report_id"]; got != tc.want {
				t.Errorf("usable(…, %d) = %v, want %s", tc.i, got, tc.want)
			}
		})
	}
}
