//go:build unix

package ingest

import (
	"errors"
	"io/fs"
	"syscall"
)

// source is a file open for reading with system calls alone. os.Open sets every file
// non-blocking and offers it to the runtime's poller, which Linux refuses for a regular
// file, and then sets it blocking again: four fcntl and an epoll_ctl more per file, which
// were a third of the CPU reading a report of 7 KB from the page cache took (30 against
// 20 µs a file, over 10⁵ reports).
type source struct {
	fd   int
	path string
}

func openSource(path string) (source, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if err != nil {
			return source{}, &fs.PathError{Op: "open", Path: path, Err: err}
		}
		return source{fd: fd, path: path}, nil
	}
}

// size is the file's size now, which the read that follows may find changed.
func (s source) size() (int64, error) {
	var st syscall.Stat_t
	for {
		err := syscall.Fstat(s.fd, &st)
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if err != nil {
			return 0, &fs.PathError{Op: "stat", Path: s.path, Err: err}
		}
		return st.Size, nil
	}
}

// read calls read(2) once into b.
func (s source) read(b []byte) (int, error) {
	for {
		n, err := syscall.Read(s.fd, b)
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if err != nil {
			return 0, &fs.PathError{Op: "read", Path: s.path, Err: err}
		}
		return n, nil
	}
}

func (s source) close() error {
	if err := syscall.Close(s.fd); err != nil {
		return &fs.PathError{Op: "close", Path: s.path, Err: err}
	}
	return nil
}
