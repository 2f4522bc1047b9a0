package store

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// createIfMissing makes a new, empty library at path when there is no file
// there, so that a library file is never seen half made: bbolt writes its
// first pages to a temporary file beside path, syncs it, and the file is
// then linked into place in one step. A process killed while creating leaves
// at most a stray temporary file, never a 0-byte library, which Open refuses
// (ErrEmptyFile) because it can only mean a damaged one.
func createIfMissing(path string, timeout time.Duration) error {
	if _, err := os.Lstat(path); !errors.Is(err, fs.ErrNotExist) {
		return nil // there is a file (or Open reports why it cannot look)
	}
	var rnd [6]byte
	if _, err := rand.Read(rnd[:]); err != nil {
		return err
	}
	dir, base := filepath.Split(path)
	tmp := filepath.Join(dir, "."+base+".new-"+hex.EncodeToString(rnd[:]))
	defer os.Remove(tmp)
	db, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: timeout})
	if err != nil {
		return fmt.Errorf("create library %s: %w", path, err)
	}
	if err := db.Close(); err != nil {
		return fmt.Errorf("create library %s: %w", path, err)
	}
	// Link refuses to replace a file: a library another process created
	// meanwhile is kept, and opened below.
	if err := os.Link(tmp, path); err != nil && !errors.Is(err, fs.ErrExist) {
		// A file system without hard links: rename, which is as atomic,
		// but would replace a file made in the instant since Lstat.
		if _, serr := os.Lstat(path); errors.Is(serr, fs.ErrNotExist) {
			if err := os.Rename(tmp, path); err != nil {
				return fmt.Errorf("create library %s: %w", path, err)
			}
		}
	}
	return syncDir(dir)
}

// syncDir makes a new name in dir durable.
func syncDir(dir string) error {
	if dir == "" {
		dir = "."
	}
	d, err := os.Open(dir)
	if err != nil {
		return nil // not every system opens folders; the link is made anyway
	}
	defer d.Close()
	_ = d.Sync()
	return nil
}
