package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Create makes a new file at path when there is none, in one step: init
// writes it complete (and durably) at a temporary path in the same folder,
// which is then linked into place. A process killed while creating leaves
// at most a stray ".NAME.*.new" file, never a half-made or empty file at
// path. A file that is at path already, or that another process links there
// meanwhile, is kept; created says whether this call made it. Errors name
// path.
func Create(path string, init func(tmp string) error) (created bool, err error) {
	if _, err := os.Lstat(path); !errors.Is(err, fs.ErrNotExist) {
		return false, nil // a file is there (or the caller's open says why not)
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.new")
	if err != nil {
		return false, fmt.Errorf("create %s: %w", path, unlink(err))
	}
	tmp := f.Name()
	f.Close()
	defer os.Remove(tmp)
	if err := init(tmp); err != nil {
		return false, fmt.Errorf("create %s: %w", path, err)
	}
	// Link refuses to replace a file, so a file made meanwhile is kept.
	switch err := os.Link(tmp, path); {
	case err == nil:
		created = true
	case errors.Is(err, fs.ErrExist):
		return false, nil
	default:
		// A file system without hard links: rename is as atomic, but
		// would replace a file made in the instant since Lstat.
		if _, serr := os.Lstat(path); !errors.Is(serr, fs.ErrNotExist) {
			return false, nil
		}
		if err := os.Rename(tmp, path); err != nil {
			return false, fmt.Errorf("create %s: %w", path, unlink(err))
		}
		created = true
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync() // make the new name durable where folders can be synced
		d.Close()
	}
	return created, nil
}
