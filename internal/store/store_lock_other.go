//go:build !unix

package store

import (
	"os"
	"time"
)

// lock leaves locking to bbolt where there is no flock (Windows: bbolt takes
// LockFileEx on the same handle right after); the empty-file check still runs.
func lock(f *os.File, timeout time.Duration) error { return nil }

// unlockClose closes the file, which releases bbolt's lock with it.
func unlockClose(f *os.File) { _ = f.Close() }
