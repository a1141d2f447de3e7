//go:build !unix

package ingest

import (
	"errors"
	"io"
	"os"
)

// source is a file open for reading (see open_unix.go for why it is not *os.File there).
type source struct{ f *os.File }

func openSource(path string) (source, error) {
	f, err := os.Open(path)
	return source{f: f}, err
}

func (s source) size() (int64, error) {
	fi, err := s.f.Stat()
	if err != nil {
		return 0, err
	}
	return fi.Size(), nil
}

// read reads once into b; 0 bytes and no error at the end of the file, as read(2).
func (s source) read(b []byte) (int, error) {
	n, err := s.f.Read(b)
	if errors.Is(err, io.EOF) {
		return n, nil
	}
	return n, err
}

func (s source) close() error { return s.f.Close() }
