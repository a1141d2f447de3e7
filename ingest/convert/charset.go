package convert

import (
	"bytes"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
)

// decoded is input turned into UTF-8.
type decoded struct {
	b       []byte
	charset string
	warning string
}

// decode turns b into UTF-8. The order is: byte order mark, the HTTP Content-Type
// charset, the page's <meta> charset (HTML only), then the bytes themselves. Chinese
// portals often declare one charset and serve another, so a declaration is believed only
// when the bytes agree with it.
func decode(b []byte, contentType string, isHTML bool) decoded {
	switch {
	case bytes.HasPrefix(b, []byte("\xef\xbb\xbf")):
		return decoded{b: validUTF8(b[3:]), charset: "utf-8"}
	case bytes.HasPrefix(b, []byte("\xff\xfe")):
		return decodeWith(b[2:], unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le")
	case bytes.HasPrefix(b, []byte("\xfe\xff")):
		return decodeWith(b[2:], unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be")
	}
	declared := contentTypeCharset(contentType)
	if declared == "" && isHTML {
		declared = metaCharset(b)
	}
	var enc encoding.Encoding
	name := ""
	if declared != "" {
		enc, name = charset.Lookup(declared)
	}
	var st u8stats
	if utf8.Valid(b) {
		st.multi = 1 // only "valid, maybe non-ASCII" matters below; ASCII decodes the same either way
		if isASCII(b) {
			st.multi = 0
		}
	} else {
		// Invalid: the counts matter only to tell damaged UTF-8 from another charset,
		// below, and a GBK page need not pay for them.
		st.invalid = 1
	}
	switch {
	case name == "" || name == "utf-8":
		if st.valid() {
			return decoded{b: b, charset: "utf-8"}
		}
		if st = utf8Stats(b); st.mostlyUTF8() {
			return decoded{b: validUTF8(b), charset: "utf-8", warning: "invalid utf-8 bytes replaced"}
		}
		if gb18030Valid(b) {
			d, _ := decodeGB18030(b, "gb18030")
			if name == "utf-8" {
				d.warning = "declared utf-8 but bytes are gb18030"
			}
			return d
		}
		return decoded{b: validUTF8(b), charset: "utf-8", warning: "bytes are neither utf-8 nor gb18030; invalid bytes replaced"}
	case name == "gbk" || name == "gb18030":
		if st.multi > 0 && st.valid() {
			return decoded{b: b, charset: "utf-8", warning: "declared " + name + " but bytes are utf-8"}
		}
		d, valid := decodeGB18030(b, name)
		if !valid {
			d.warning = "invalid " + name + " bytes replaced"
		}
		return d
	case st.valid() && strings.HasPrefix(name, "utf-16"):
		// A page cannot declare UTF-16 in ASCII; browsers read it as UTF-8.
		return decoded{b: b, charset: "utf-8"}
	case st.multi > 0 && st.valid():
		return decoded{b: b, charset: "utf-8", warning: "declared " + name + " but bytes are utf-8"}
	case (name == "windows-1252" || name == "iso-8859-1") && !st.valid() && gb18030Valid(b):
		// A server default, not the author's choice: Chinese pages are not Latin-1.
		d, _ := decodeGB18030(b, "gb18030")
		d.warning = "declared " + name + " but bytes are gb18030"
		return d
	default:
		return decodeWith(b, enc, name)
	}
}

func decodeWith(b []byte, enc encoding.Encoding, name string) decoded {
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return decoded{b: validUTF8(b), charset: "utf-8", warning: "cannot decode " + name + ": " + err.Error()}
	}
	return decoded{b: validUTF8(out), charset: name}
}

func validUTF8(b []byte) []byte {
	if utf8.Valid(b) {
		return b
	}
	return bytes.ToValidUTF8(b, []byte("\uFFFD"))
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

type u8stats struct{ multi, invalid int }

func (s u8stats) valid() bool { return s.invalid == 0 }

// mostlyUTF8: a stray Latin-1 byte in a UTF-8 page is damage, not a different charset.
// GBK text, read as UTF-8, is invalid far more often than this.
func (s u8stats) mostlyUTF8() bool { return s.multi > 0 && s.invalid*20 < s.multi }

func utf8Stats(b []byte) u8stats {
	var s u8stats
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, w := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && w == 1 {
			s.invalid++
		} else {
			s.multi++
		}
		i += w
	}
	return s
}

// gb18030Valid checks the byte structure of GB18030: ASCII, two-byte pairs (lead
// 81–FE, trail 40–7E or 80–FE) and four-byte sequences (81–FE 30–39 81–FE 30–39).
func gb18030Valid(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c < 0x80:
			i++
		case c == 0x80 || c == 0xff:
			return false
		case i+1 >= len(b):
			return false
		case b[i+1] >= 0x30 && b[i+1] <= 0x39:
			if i+3 >= len(b) || b[i+2] < 0x81 || b[i+2] > 0xfe || b[i+3] < 0x30 || b[i+3] > 0x39 {
				return false
			}
			i += 4
		case (b[i+1] >= 0x40 && b[i+1] <= 0x7e) || (b[i+1] >= 0x80 && b[i+1] <= 0xfe):
			i += 2
		default:
			return false
		}
	}
	return true
}

// indexMeta returns the index of the first "<meta" in s, ignoring ASCII case, or -1.
func indexMeta(s []byte) int {
	for i := 0; ; {
		j := bytes.IndexByte(s[i:], '<')
		if j < 0 {
			return -1
		}
		i += j
		if i+5 <= len(s) && s[i+1]|0x20 == 'm' && s[i+2]|0x20 == 'e' && s[i+3]|0x20 == 't' && s[i+4]|0x20 == 'a' {
			return i
		}
		i++
	}
}

func contentTypeCharset(ct string) string {
	if ct == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(ct)
	if err != nil {
		// Servers send junk like "text/html;;charset=gbk"; find the parameter by hand.
		i := strings.Index(strings.ToLower(ct), "charset=")
		if i < 0 {
			return ""
		}
		v := ct[i+len("charset="):]
		if j := strings.IndexAny(v, "; "); j >= 0 {
			v = v[:j]
		}
		return strings.Trim(v, `"'`)
	}
	return params["charset"]
}

// metaCharset finds <meta charset=…> or <meta http-equiv content="…charset=…"> in the
// head. Browsers look at the first 1024 bytes; portals put long comments and scripts
// first, so this looks further.
func metaCharset(b []byte) string {
	head := b[:min(len(b), 8192)]
	for off := 0; ; {
		i := indexMeta(head[off:])
		if i < 0 {
			return ""
		}
		start := off + i
		end := bytes.IndexByte(head[start:], '>')
		if end < 0 {
			return ""
		}
		// Only the tag is lower-cased: the head of a Chinese page is mostly non-ASCII
		// text, which bytes.ToLower converts rune by rune. '<' and '>' are ASCII, so the
		// tag lower-cases as it would within the whole head.
		tag := bytes.ToLower(head[start : start+end])
		off = start + end
		j := bytes.Index(tag, []byte("charset"))
		if j < 0 {
			continue
		}
		v := bytes.TrimLeft(tag[j+len("charset"):], " \t\r\n")
		if len(v) == 0 || v[0] != '=' {
			continue
		}
		v = bytes.TrimLeft(v[1:], " \t\r\n\"'")
		k := 0
		for k < len(v) && v[k] != '"' && v[k] != '\'' && v[k] != ';' && v[k] != ' ' && v[k] != '/' && v[k] != '>' {
			k++
		}
		if k > 0 {
			return string(v[:k])
		}
	}
}
