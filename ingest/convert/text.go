package convert

import (
	"bytes"

	"nianbao/data"
)

// convertText keeps decoded text verbatim except for line ends: the table extractor
// rebuilds tables from the layout itself (pdftotext columns, crawler runs), so spaces,
// form feeds and blank lines are information and offsets must stay true to them.
func convertText(b []byte, format string) *data.Document {
	doc := data.NewDocument(string(normalizeNewlines(b)), format)
	doc.Meta = parseMeta(doc, 40)
	doc.Meta.Title = textTitle(doc)
	return doc
}

func normalizeNewlines(b []byte) []byte {
	if bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] != '\r' {
			out = append(out, b[i])
			continue
		}
		out = append(out, '\n')
		if i+1 < len(b) && b[i+1] == '\n' {
			i++
		}
	}
	return out
}
