package convert

import (
	"context"
	"errors"
	"time"

	"nianbao/data"
)

// Errors by kind, so ingest can count failures by what went wrong.
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

// Converter turns raw bytes into documents.
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
// HTTP Content-Type, possibly empty) are hints; the bytes decide.
func (c *Converter) Convert(ctx context.Context, name, contentType string, b []byte) (*data.Document, error) {
	if len(b) == 0 {
		return nil, ErrEmpty
	}
	return data.NewDocument(string(b), data.FormatText), nil
}
