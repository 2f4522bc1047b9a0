// Package atomicfile writes a file so that readers see either the old file
// or the complete new one, never half of it: the data goes to a temporary
// file in the same folder, is synced, and is renamed over the target.
//
// It imports the standard library only.
package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Perm is the mode of the files written: readable by all, like a file a
// user saves from any other app.
const Perm = 0o644

// Write writes data to path atomically. On error path is left as it was and
// no temporary file remains. Errors name path.
func Write(path string, data []byte) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, unlink(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(Perm); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, unlink(err))
	}
	return nil
}

// unlink drops the temporary file's name from a path error, which would
// only confuse a reader: the error already names the target.
func unlink(err error) error {
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
