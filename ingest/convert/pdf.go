package convert

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os/exec"
	"strings"
	"unicode/utf8"

	"nianbao/data"
)

// convertPDF runs pdftotext -layout, whose column layout the table extractor reads.
func (c *Converter) convertPDF(parent context.Context, b []byte) (*data.Document, error) {
	ctx, cancel := context.WithTimeout(parent, c.cfg.Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.cfg.PDFToText, "-layout", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(b)
	stdout := &limitedBuffer{limit: int(max(c.cfg.MaxBytes*4, 1<<20))}
	stderr := &limitedBuffer{limit: 64 << 10}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	err := cmd.Run()
	msg := summarize(stderr.buf.String())
	if errors.Is(err, exec.ErrNotFound) || errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("convert: pdf: %s not found; install poppler-utils (apt-get install poppler-utils) or set Config.PDFToText: %w", c.cfg.PDFToText, err)
	}
	if err != nil {
		if perr := parent.Err(); perr != nil {
			return nil, fmt.Errorf("convert: pdf: %w", perr)
		}
		if ctx.Err() != nil {
			// Well-formed PDFs convert in well under a second; minutes mean a pathological file.
			return nil, fmt.Errorf("convert: pdf: pdftotext gave up after %s: %w (%w)", c.cfg.Timeout, ErrCorrupt, ctx.Err())
		}
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			return nil, fmt.Errorf("convert: pdf: run %s: %w", c.cfg.PDFToText, err)
		}
		if stdout.buf.Len() == 0 {
			return nil, fmt.Errorf("convert: pdf: %w: %s", ErrCorrupt, orErr(msg, err))
		}
	}
	out := stdout.buf.Bytes()
	if len(bytes.TrimSpace(bytes.ReplaceAll(out, []byte("\f"), nil))) == 0 {
		if err != nil {
			return nil, fmt.Errorf("convert: pdf: %w: %s", ErrCorrupt, orErr(msg, err))
		}
		return nil, fmt.Errorf("convert: pdf: %w: no text layer (scanned images need OCR)", ErrUnsupported)
	}
	if !utf8.Valid(out) {
		out = bytes.ToValidUTF8(out, []byte("\uFFFD"))
	}
	doc := convertText(out, data.FormatPDF)
	doc.Charset = "utf-8"
	if err != nil {
		doc.Warnings = append(doc.Warnings, "pdf: pdftotext failed part way, text may be incomplete: "+orErr(msg, err))
	} else if msg != "" {
		doc.Warnings = append(doc.Warnings, "pdf: "+msg)
	}
	if stdout.over {
		doc.Warnings = append(doc.Warnings, fmt.Sprintf("pdf: text truncated at %d bytes", stdout.limit))
	}
	return doc, nil
}

func orErr(msg string, err error) string {
	if msg != "" {
		return msg
	}
	return err.Error()
}

// summarize keeps the first distinct lines of a tool's stderr: pdftotext repeats the
// same syntax error for every broken object.
func summarize(s string) string {
	var keep []string
	seen := map[string]bool{}
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || seen[l] {
			continue
		}
		seen[l] = true
		keep = append(keep, l)
		if len(keep) == 3 {
			break
		}
	}
	return strings.Join(keep, "; ")
}

// limitedBuffer keeps the first limit bytes and discards the rest, so a tool's runaway
// output cannot exhaust memory; writes never fail, so the tool is not killed by SIGPIPE.
type limitedBuffer struct {
	buf   bytes.Buffer
	limit int
	over  bool
}

func (w *limitedBuffer) Write(p []byte) (int, error) {
	if room := w.limit - w.buf.Len(); room < len(p) {
		w.over = true
		if room > 0 {
			w.buf.Write(p[:room])
		}
		return len(p), nil
	}
	return w.buf.Write(p)
}
