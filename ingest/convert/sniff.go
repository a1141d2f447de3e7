package convert

import (
	"archive/zip"
	"bytes"
	"strings"
)

type kind uint8

const (
	kindText kind = iota
	kindHTML
	kindPDF
	kindDOCX
	kindUnsupported
)

// signatures of formats we recognise but cannot read.
var signatures = []struct {
	magic string
	what  string
}{
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE compound file (old .doc/.xls/.ppt or .wps)"},
	{"\x89PNG\r\n\x1a\n", "a PNG image"},
	{"\xff\xd8\xff", "a JPEG image"},
	{"GIF87a", "a GIF image"},
	{"GIF89a", "a GIF image"},
	{"II*\x00", "a TIFF image"},
	{"MM\x00*", "a TIFF image"},
	{"Rar!\x1a\x07", "a RAR archive"},
	{"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"},
	{"\x1f\x8b", "gzip data"},
	{"{\\rtf", "an RTF document"},
	{"%!PS", "a PostScript file"},
	{"\x00\x00\x01\x00", "an icon"},
	{"OggS", "Ogg media"},
	{"ID3", "an MP3 file"},
}

// sniff decides the format from the bytes; what describes an unsupported one.
func sniff(b []byte) (k kind, what string) {
	head := b[:min(len(b), 1024)]
	if bytes.Contains(head, []byte("%PDF-")) {
		return kindPDF, ""
	}
	if bytes.HasPrefix(b, []byte("PK\x03\x04")) || bytes.HasPrefix(b, []byte("PK\x05\x06")) {
		return sniffZip(b)
	}
	for _, s := range signatures {
		if bytes.HasPrefix(b, []byte(s.magic)) {
			return kindUnsupported, s.what
		}
	}
	if len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP" {
		return kindUnsupported, "a WebP image"
	}
	if bytes.HasPrefix(b, []byte("\xff\xfe")) || bytes.HasPrefix(b, []byte("\xfe\xff")) {
		// UTF-16 text has NULs everywhere; its BOM says what it is.
		if looksHTML(bytes.ReplaceAll(b[:min(len(b), 64<<10)], []byte{0}, nil)) {
			return kindHTML, ""
		}
		return kindText, ""
	}
	if binary(b) {
		return kindUnsupported, "binary data (NUL or control bytes)"
	}
	if looksHTML(b) {
		return kindHTML, ""
	}
	return kindText, ""
}

func sniffZip(b []byte) (kind, string) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return kindUnsupported, "a damaged zip archive"
	}
	what := "a zip archive"
	for _, f := range zr.File {
		switch {
		case f.Name == "word/document.xml":
			return kindDOCX, ""
		case strings.HasPrefix(f.Name, "xl/"):
			what = "an XLSX spreadsheet"
		case strings.HasPrefix(f.Name, "ppt/"):
			what = "a PPTX presentation"
		case f.Name == "mimetype" || strings.HasPrefix(f.Name, "Contents/") || f.Name == "content.xml":
			what = "an OpenDocument or OFD file"
		}
	}
	return kindUnsupported, what
}

// binary looks at the first 8 KB: text has no NULs and few control bytes.
func binary(b []byte) bool {
	head := b[:min(len(b), 8192)]
	ctl := 0
	for _, c := range head {
		if c >= 0x20 {
			continue // nearly every byte: one test
		}
		switch {
		case c == 0:
			return true
		case c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b:
			ctl++
		}
	}
	return ctl*20 > len(head)
}

// htmlTags open elements that only HTML has; one strong tag or two weak ones make a page.
var (
	strongTags = []string{"html", "body", "head", "!doctype", "table", "meta", "title"}
	weakTags   = []string{"p", "div", "br", "span", "td", "tr", "font", "h1", "h2", "h3", "li", "a", "strong", "b", "center", "section", "article"}
)

func looksHTML(b []byte) bool {
	s := b[:min(len(b), 64<<10)]
	weak := 0
	for i := 0; i < len(s); {
		j := bytes.IndexByte(s[i:], '<')
		if j < 0 {
			return false
		}
		i += j + 1
		if i < len(s) && s[i] == '/' {
			i++
		}
		name := tagName(s[i:])
		if name == "" {
			continue
		}
		for _, t := range strongTags {
			if name == t {
				return true
			}
		}
		for _, t := range weakTags {
			if name == t {
				weak++
				if weak >= 2 {
					return true
				}
			}
		}
	}
	return false
}

// tagName returns the lower-cased name at the start of s if a tag delimiter follows it.
func tagName(s []byte) string {
	n := 0
	for n < len(s) && n < 10 && (s[n] == '!' && n == 0 || s[n] >= 'a' && s[n] <= 'z' || s[n] >= 'A' && s[n] <= 'Z' || s[n] >= '0' && s[n] <= '9') {
		n++
	}
	if n == 0 || n >= len(s) {
		return ""
	}
	switch s[n] {
	case '>', ' ', '\t', '\n', '\r', '/', '\f':
		for _, t := range strongTags {
			if len(t) == n && bytes.EqualFold(s[:n], []byte(t)) {
				return t
			}
		}
		for _, t := range weakTags {
			if len(t) == n && bytes.EqualFold(s[:n], []byte(t)) {
				return t
			}
		}
	}
	return ""
}
