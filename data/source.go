package data

import (
	"context"
	"time"
)

// Source describes one stored document: the raw bytes of a fetched or imported file,
// identified by their SHA-256, with where they came from and how they were read.
type Source struct {
	SHA256      string    `json:"sha256"` // hex of the SHA-256 of the raw bytes
	Path        string    `json:"path,omitempty"`
	URL         string    `json:"url,omitempty"`
	FetchedAt   time.Time `json:"fetched_at,omitzero"`
	HTTPStatus  int       `json:"http_status,omitempty"`
	ContentType string    `json:"content_type,omitempty"`
	Charset     string    `json:"charset,omitempty"` // the encoding the bytes were decoded from
	Format      string    `json:"format,omitempty"`  // FormatHTML, FormatPDF, …
	Size        int64     `json:"size"`
	Parent      string    `json:"parent,omitempty"` // SHA256 of the page an attachment came from
	// ErrorKind and Error say why the document could not be read or converted (ErrorKind
	// is a short class such as "empty" or "corrupt"); both are empty when it was.
	ErrorKind string `json:"error_kind,omitempty"`
	Error     string `json:"error,omitempty"`
}

// Item is the unit a store writes: one document, the extraction records made of it (none
// when it could not be converted), the extractor version that processed it and the
// converted text (Document.Text) that the reports' evidence and offsets refer to.
type Item struct {
	Source    Source
	Reports   []Report
	Extractor string
	Text      string
}

// BulkWriter writes items over few, long transactions, for bulk loads: Write says when
// it committed, making every item written so far durable; Close commits the rest and Abort
// discards it. The database adapter implements it.
type BulkWriter interface {
	Write(ctx context.Context, items []Item) (committed bool, err error)
	Close() error
	Abort() error
}
