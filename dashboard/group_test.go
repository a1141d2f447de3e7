package dashboard

import "testing"

func TestGroupName(t *testing.T) {
	tests := []struct {
		name, lang, group, want string
	}{
		{"peer group: level and province", "zh", "city:320000", "江苏省 · 市级"},
		{"peer group in English", "en", "county:350000", "福建省 · county"},
		{"parent group: a bare region code", "zh", "320800", "淮安市"},
		{"unresolved organ", "zh", "unresolved:report:147dcebdd4b02be6", "未识别地区"},
		{"unknown code", "zh", "city:999999", "未识别地区"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := groupName(tt.lang, tt.group); got != tt.want {
				t.Errorf("groupName(%q) = %q, want %q", tt.group, got, tt.want)
			}
		})
	}
}
