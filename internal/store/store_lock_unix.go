//go:build unix

package store

import (
	"io/fs"
	"os"
	"syscall"
	"time"
)

// lock takes the file's exclusive lock, waiting up to timeout.
func lock(f *os.File, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return nil
		}
		if err != syscall.EWOULDBLOCK {
			return &fs.PathError{Op: "lock", Path: f.Name(), Err: err}
		}
		if time.Now().After(deadline) {
			return ErrLocked
		}
		time.Sleep(lockPoll)
	}
}

// unlockClose releases the lock explicitly: a memory map of the file left by
// a panic inside bolt.Open would otherwise keep it held after Close.
func unlockClose(f *os.File) {
	_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	_ = f.Close()
}
