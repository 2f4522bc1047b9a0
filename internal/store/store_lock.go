package store

import (
	"errors"
	"io/fs"
	"os"
	"time"
)

// lockPoll is how often a locked file is tried again, as bbolt does.
const lockPoll = 50 * time.Millisecond

// lockedFile opens the library file for bbolt (bolt.Options.OpenFile) and
// takes its lock first, so that the file's size is read under the lock: an
// existing file with no bytes is refused with ErrEmptyFile instead of being
// made into a new library. bbolt's own flock on the same descriptor then
// succeeds at once. Only its first call is the library file. It keeps the file so Open can release the lock after a
// panic inside bolt.Open.
type lockedFile struct {
	timeout time.Duration
	used    bool
	f       *os.File
}

func (l *lockedFile) open(name string, flag int, perm fs.FileMode) (*os.File, error) {
	if l.used {
		// bbolt opens other files with the same function (tx.CopyFile).
		return os.OpenFile(name, flag, perm)
	}
	l.used = true
	created := false
	f, err := os.OpenFile(name, flag&^os.O_CREATE, perm)
	if errors.Is(err, fs.ErrNotExist) && flag&os.O_CREATE != 0 {
		created = true
		f, err = os.OpenFile(name, flag, perm)
	}
	if err != nil {
		return nil, err
	}
	if err := lock(f, l.timeout); err != nil {
		f.Close()
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		unlockClose(f)
		return nil, err
	}
	if fi.Size() == 0 && !created {
		unlockClose(f)
		return nil, ErrEmptyFile
	}
	l.f = f
	return f, nil
}

// release unlocks and closes the file, if open was called and succeeded.
func (l *lockedFile) release() {
	if l != nil && l.f != nil {
		unlockClose(l.f)
		l.f = nil
	}
}
