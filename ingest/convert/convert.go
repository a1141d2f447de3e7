package convert

import (
	"context"
	"errors"
	"fmt"
	"time"

	"nianbao/data"
)

// Errors by kind, so ingest can count failures by what went wrong. Convert wraps them
// with detail; test with errors.Is.
var (
	ErrEmpty       = errors.New("empty input")
	ErrTooLarge    = errors.New("input too large")
	ErrUnsupported = errors.New("unsupported format")
	ErrCorrupt     = errors.New("corrupt input")
)

// Config sets the converter's limits and external tools.
type Config struct {
	// PDFToText is the pdftotext binary; empty means "pdftotext" on PATH.
	PDFToText string
	// MaxBytes refuses larger inputs; 0 means 64 MiB.
	MaxBytes int64
	// Timeout bounds an external converter run; 0 means 30 s.
	Timeout time.Duration
}

// Converter turns raw bytes into documents. It holds no mutable state, so one Converter
// serves any number of goroutines.
type Converter struct {
	cfg Config
}

// New returns a Converter.
func New(cfg Config) *Converter {
	if cfg.PDFToText == "" {
		cfg.PDFToText = "pdftotext"
	}
	if cfg.MaxBytes == 0 {
		cfg.MaxBytes = 64 << 20
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 30 * time.Second
	}
	return &Converter{cfg: cfg}
}

// Convert turns b into a Document. name (a file name or URL path) and contentType (an
// HTTP Content-Type, possibly empty) are hints; the bytes decide. The content type's
// charset is used when the bytes agree with it.
//
// Cell offsets (data.Cell Start/End) are byte offsets into Document.Norm; Document.Span
// maps them back to Text.
func (c *Converter) Convert(ctx context.Context, name, contentType string, b []byte) (*data.Document, error) {
	if len(b) == 0 {
		return nil, fmt.Errorf("convert: %s: %w", label(name), ErrEmpty)
	}
	if int64(len(b)) > c.cfg.MaxBytes {
		return nil, fmt.Errorf("convert: %s: %w: %d bytes, limit %d", label(name), ErrTooLarge, len(b), c.cfg.MaxBytes)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("convert: %w", err)
	}
	k, what := sniff(b)
	switch k {
	case kindPDF:
		return c.convertPDF(ctx, b)
	case kindDOCX:
		return c.convertDOCX(b)
	case kindUnsupported:
		return nil, fmt.Errorf("convert: %s: %w: looks like %s", label(name), ErrUnsupported, what)
	case kindHTML:
		return convertHTMLBytes(b, contentType), nil
	}
	d := decode(b, contentType, false)
	doc := convertText(d.b, data.FormatText)
	doc.Charset = d.charset
	if d.warning != "" {
		doc.Warnings = append(doc.Warnings, "charset: "+d.warning)
	}
	return doc, nil
}

func convertHTMLBytes(b []byte, contentType string) *data.Document {
	d := decode(b, contentType, true)
	doc := convertHTML(d.b)
	doc.Charset = d.charset
	if d.warning != "" {
		doc.Warnings = append([]string{"charset: " + d.warning}, doc.Warnings...)
	}
	return doc
}

func label(name string) string {
	if name == "" {
		return "input"
	}
	return name
}
