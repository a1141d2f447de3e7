package convert

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"

	"nianbao/data"
)

// errBomb stops reading a zip member that inflates past the limit.
var errBomb = errors.New("decompressed size over the limit")

// convertDOCX streams word/document.xml: paragraphs become lines, tables become rows of
// tab-separated cells with a grid as for HTML (w:gridSpan as colspan, w:vMerge as rowspan).
func (c *Converter) convertDOCX(b []byte) (*data.Document, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fmt.Errorf("convert: docx: %w: %v", ErrCorrupt, err)
	}
	var f *zip.File
	for _, zf := range zr.File {
		if zf.Name == "word/document.xml" {
			f = zf
			break
		}
	}
	if f == nil {
		return nil, fmt.Errorf("convert: docx: %w: no word/document.xml", ErrCorrupt)
	}
	// Compressed XML inflates 10–50×; past that it is a zip bomb, not a report.
	limit := min(c.cfg.MaxBytes*8, 1<<30)
	if f.UncompressedSize64 > uint64(limit) {
		return nil, fmt.Errorf("convert: docx: %w: document.xml inflates to %d bytes, limit %d", ErrTooLarge, f.UncompressedSize64, limit)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("convert: docx: %w: %v", ErrCorrupt, err)
	}
	defer rc.Close()
	var bld builder
	err = walkDOCX(&bld, &capReader{r: rc, left: limit})
	switch {
	case errors.Is(err, errBomb):
		return nil, fmt.Errorf("convert: docx: %w: document.xml inflates past %d bytes", ErrTooLarge, limit)
	case err != nil && len(bld.out) == 0:
		return nil, fmt.Errorf("convert: docx: %w: %v", ErrCorrupt, err)
	case err != nil:
		bld.warn("docx: document.xml is damaged, text may be incomplete: " + err.Error())
	}
	doc := data.NewDocument(bld.finish(), data.FormatDOCX)
	bld.resolveTables(doc)
	doc.Meta = parseMeta(doc, 40)
	doc.Meta.Title = textTitle(doc)
	doc.Charset = "utf-8"
	doc.Warnings = append(doc.Warnings, bld.warnings...)
	return doc, nil
}

type capReader struct {
	r    io.Reader
	left int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		return 0, errBomb
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

// docxCell is a w:tc whose properties are still being read: the cell is opened in the
// builder at its first content, once w:tcPr has given its spans.
type docxCell struct {
	open, started bool
	colspan       int
	vcont         bool
}

func walkDOCX(b *builder, r io.Reader) error {
	d := xml.NewDecoder(r)
	d.Strict = false
	var cell docxCell
	inText := false
	depth := 0
	start := func() {
		if cell.open && !cell.started {
			cell.started = true
			b.startCell(cell.colspan, 1, cell.vcont)
		}
	}
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "tbl":
				start()
				depth++
				if depth > maxTableDepth {
					continue
				}
				b.startTable()
				cell = docxCell{}
			case "tr":
				b.startRow()
			case "tc":
				cell = docxCell{open: true, colspan: 1}
			case "gridSpan":
				if n, err := strconv.Atoi(attr(t, "val")); err == nil {
					cell.colspan = n
				}
			case "vMerge":
				v := attr(t, "val")
				cell.vcont = v == "" || v == "continue"
			case "p":
				start()
			case "t":
				start()
				inText = true
			case "tab":
				b.text([]byte(" "))
			case "br", "cr":
				b.breakLine()
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "tbl":
				depth--
				if depth >= maxTableDepth {
					continue
				}
				b.endTable()
				// Back in an outer cell, if any: its remaining paragraphs continue it.
				cell = docxCell{open: b.inCell(), started: b.inCell()}
			case "tr":
				b.endRow()
			case "tc":
				start()
				b.endCell()
				cell = docxCell{}
			case "p":
				b.breakLine()
			case "t":
				inText = false
			}
		case xml.CharData:
			if inText {
				b.text(t)
			}
		}
	}
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
