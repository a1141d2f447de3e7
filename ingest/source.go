package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"nianbao/data"
	"nianbao/ingest/extract"
)

// Doc is a document held in memory rather than in a file: what a crawler fetched. Source
// carries its URL, HTTP status, content type, parent and fetch time; SHA256 and Size are
// filled from Bytes when empty.
type Doc struct {
	Source data.Source
	Bytes  []byte
}

// Item converts and extracts one in-memory document, exactly as Run does a file, and
// returns the item to store with the error kind when it could not be converted (the item
// then records the failure; only a cancelled ctx returns an error). The caller stores the
// item (Store.SaveBatch), so a crawler can batch documents with its own bookkeeping.
func (ing *Ingester) Item(ctx context.Context, d Doc) (item data.Item, errKind string, err error) {
	src := d.Source
	if src.SHA256 == "" {
		h := sha256.Sum256(d.Bytes)
		src.SHA256 = hex.EncodeToString(h[:])
	}
	src.Size = int64(len(d.Bytes))
	item = data.Item{Source: src, Extractor: extract.Version}
	name := src.URL
	if name == "" {
		name = src.Path
	}
	defer func() {
		if p := recover(); p != nil {
			errKind = KindPanic
			item.Reports, item.Text = nil, ""
			item.Source.ErrorKind, item.Source.Error = KindPanic, fmt.Sprintf("ingest: %s: panic: %v", name, p)
		}
	}()
	doc, cerr := ing.conv.Convert(ctx, name, src.ContentType, d.Bytes)
	if cerr != nil {
		if ctx.Err() != nil {
			return item, "", fmt.Errorf("ingest: %w", context.Cause(ctx))
		}
		errKind = errorKind(cerr)
		item.Source.ErrorKind, item.Source.Error = errKind, cerr.Error()
		return item, errKind, nil
	}
	item.Source.Format, item.Source.Charset = doc.Format, doc.Charset
	rep := extract.Extract(doc)
	rep.SourcePath, rep.SourceURL = src.Path, src.URL
	item.Reports = []data.Report{rep}
	item.Text = doc.Text
	return item, "", nil
}

// Store returns the store the Ingester saves into.
func (ing *Ingester) Store() Store { return ing.store }
