package crawl

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
)

// archive stores raw bodies by the SHA-256 of their bytes, under dir/ab/cd/<sha>: the same
// bytes found under two URLs, or again on a re-crawl, are stored once.
type archive struct{ dir string }

func (a archive) path(sha string) string {
	return filepath.Join(a.dir, sha[:2], sha[2:4], sha)
}

// put writes b durably (write to a temporary file, fsync, rename) before the frontier
// records the fetch, so a recorded fetch always has its body: after a crash the
// document is stored from here without fetching it again.
func (a archive) put(b []byte) (sha, path string, err error) {
	h := sha256.Sum256(b)
	sha = hex.EncodeToString(h[:])
	path = a.path(sha)
	if _, err := os.Stat(path); err == nil {
		return sha, path, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", "", fmt.Errorf("crawl: archive: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return "", "", fmt.Errorf("crawl: archive: %w", err)
	}
	tmp := f.Name()
	_, werr := f.Write(b)
	if werr == nil {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp, path)
	}
	if werr != nil {
		os.Remove(tmp) //nolint:errcheck // best effort; the write error matters
		return "", "", fmt.Errorf("crawl: archive: %w", werr)
	}
	return sha, path, nil
}

func (a archive) get(sha string) ([]byte, error) {
	b, err := os.ReadFile(a.path(sha))
	if err != nil {
		return nil, fmt.Errorf("crawl: archive: %w", err)
	}
	return b, nil
}
