package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestWriteColumns(t *testing.T) {
	tests := []struct {
		name string
		rows [][]string
		want string
	}{
		{"ascii", [][]string{{"a", "b"}, {"ccc", "d"}}, "a    b\nccc  d\n"},
		{"chinese names take two cells each", [][]string{{"organ", "year"}, {"洪泽区人民政府", "2023"}}, "organ           year\n洪泽区人民政府  2023\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := writeColumns(&b, tt.rows); err != nil {
				t.Fatal(err)
			}
			if b.String() != tt.want {
				t.Errorf("got\n%s\nwant\n%s", strings.ReplaceAll(b.String(), " ", "·"), strings.ReplaceAll(tt.want, " ", "·"))
			}
		})
	}
}
