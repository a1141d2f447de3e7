package convert

import (
	"bytes"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestDecodeGB18030 compares the table decoder with the x/text one it stands in for.
func TestDecodeGB18030(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
	}{
		{"empty", nil},
		{"ascii", []byte("<p>2019</p>")},
		{"pairs", []byte("\xd5\xfe\xb8\xae\xd0\xc5\xcf\xa2 2019")}, // 政府信息
		{"euro byte", []byte("a\x80b")},
		{"four-byte sequence", []byte("\x81\x30\x81\x30x")},
		{"lone lead at the end", []byte("ab\xd5")},
		{"bad trail", []byte("\xd5\x7fz")},
		{"0xff", []byte("\xffz")},
		{"unassigned pair", []byte("\xa2\xa0")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { checkGB18030(t, tc.in) })
	}
	t.Run("every pair", func(t *testing.T) {
		for c0 := 0x80; c0 <= 0xff; c0++ {
			for c1 := 0; c1 <= 0xff; c1++ {
				checkGB18030(t, []byte{'<', byte(c0), byte(c1), '>'})
			}
		}
	})
}

func checkGB18030(t *testing.T, in []byte) {
	t.Helper()
	want := decodeWith(in, simplifiedchinese.GB18030, "gbk")
	got, valid := decodeGB18030(in, "gbk")
	if !bytes.Equal(got.b, want.b) || got.charset != want.charset || got.warning != want.warning {
		t.Fatalf("decode %x = %q %q %q, want %q %q %q", in, got.b, got.charset, got.warning, want.b, want.charset, want.warning)
	}
	if valid != gb18030Valid(in) {
		t.Fatalf("decode %x: valid %v, gb18030Valid %v", in, valid, !valid)
	}
}
