package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime/debug"
	"sync"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/scriptroom/scriptroom/internal/atomicfile"
	"github.com/scriptroom/scriptroom/internal/model"
)

// Options tune a store. The zero value is the right choice for the app.
type Options struct {
	// LockTimeout is how long Open waits for another process to release the
	// file; 0 means DefaultLockTimeout.
	LockTimeout time.Duration
	// SnapshotEvery stores every Nth revision of a script in full; 0 means
	// DefaultSnapshotEvery.
	SnapshotEvery int
}

const (
	// DefaultLockTimeout keeps the "library is open elsewhere" answer under
	// a second, so a second window never seems to hang.
	DefaultLockTimeout = time.Second
	// DefaultSnapshotEvery bounds reconstruction to one snapshot and at most
	// 49 deltas, while a snapshot (~50 KB compressed for a feature) costs
	// about 1 KB a revision.
	DefaultSnapshotEvery = 50
	// allocSize is how much the file grows at a time: bbolt's 16 MB default
	// would make a new library 16 MB; 256 KB keeps it close to its content.
	allocSize = 256 * 1024
)

// Store is an open library file.
type Store struct {
	db            *bolt.DB
	path          string
	snapshotEvery int

	lastMu sync.Mutex
	last   map[model.ScriptID]lastText
}

// Open opens the library at path, creating it when it does not exist, and
// migrates an older layout after copying the file to a backup.
//
// On every failure the file is closed and its lock released before Open
// returns, so the next Open gives the same answer, never ErrLocked.
func Open(path string, opts Options) (st *Store, err error) {
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = DefaultLockTimeout
	}
	if opts.SnapshotEvery <= 0 {
		opts.SnapshotEvery = DefaultSnapshotEvery
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("open library %s: it is a folder", path)
	}
	// bbolt panics on some damaged files, and reading a page past the end
	// of a truncated file faults (SIGBUS): while opening, a fault is a
	// panic, and a panic is a damaged file.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	var (
		lf *lockedFile
		db *bolt.DB
	)
	defer func() {
		if r := recover(); r != nil {
			st, err = nil, fmt.Errorf("open library %s: %w (%v)", path, ErrCorrupt, r)
		}
		if err == nil {
			return
		}
		// Release the lock whatever failed. After a panic inside bolt.Open
		// there is no *bolt.DB, only the file it was given; its memory map
		// is left behind, but the lock and the descriptor are not.
		if db != nil {
			_ = db.Close()
		} else {
			lf.release()
		}
	}()
	// A new library appears complete or not at all, so a 0-byte file can
	// only be a damaged one (ErrEmptyFile), never a crash while creating.
	if _, err := atomicfile.Create(path, func(tmp string) error {
		db, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: opts.LockTimeout})
		if err != nil {
			return err
		}
		return db.Close()
	}); err != nil {
		return nil, fmt.Errorf("open library %s: %w", path, err)
	}
	lf = &lockedFile{timeout: opts.LockTimeout}
	db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: opts.LockTimeout, OpenFile: lf.open})
	if err != nil {
		switch {
		case errors.Is(err, ErrEmptyFile):
			return nil, fmt.Errorf("open library %s: %w: restore it from a backup, or move it aside to start a new library", path, err)
		case errors.Is(err, ErrLocked), errors.Is(err, berrors.ErrTimeout):
			return nil, fmt.Errorf("open library %s: %w", path, ErrLocked)
		case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum),
			errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrInvalidMapping),
			!isOSError(err):
			// bbolt's other refusals ("file size too small", ...) are about
			// the content too.
			return nil, fmt.Errorf("open library %s: %w (%v)", path, ErrCorrupt, err)
		}
		return nil, fmt.Errorf("open library %s: %w", path, err)
	}
	db.AllocSize = allocSize
	s := &Store{db: db, path: path, snapshotEvery: opts.SnapshotEvery}
	if err := s.check(); err != nil {
		return nil, fmt.Errorf("open library %s: %w (%v)", path, ErrCorrupt, err)
	}
	if err := s.migrate(); err != nil {
		return nil, fmt.Errorf("open library %s: %w", path, err)
	}
	return s, nil
}

// Close closes the file. Further calls fail with ErrClosed.
func (s *Store) Close() error {
	if s.db == nil {
		return ErrClosed
	}
	err := s.db.Close()
	s.db = nil
	return err
}

// Path is the library file's path.
func (s *Store) Path() string { return s.path }

// Check runs bbolt's consistency check over the whole file.
func (s *Store) Check() error {
	if s.db == nil {
		return ErrClosed
	}
	return s.check()
}

// check runs bbolt's consistency check inside a write transaction that it
// rolls back: the check reads the free-page list, which only the writer's
// lock keeps still, so under a read transaction a concurrent commit would
// show up as false "unreachable unfreed" pages (and a data race).
func (s *Store) check() error {
	tx, err := s.db.Begin(true)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	var errs []error
	for err := range tx.Check() {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// isOSError reports whether err comes from the operating system (permission,
// missing folder, disk), not from the file's content.
func isOSError(err error) bool {
	var pe *fs.PathError
	var errno syscall.Errno
	return errors.As(err, &pe) || errors.As(err, &errno)
}

func (s *Store) view(fn func(tx *bolt.Tx) error) error {
	if s.db == nil {
		return ErrClosed
	}
	return s.db.View(fn)
}

func (s *Store) update(fn func(tx *bolt.Tx) error) error {
	if s.db == nil {
		return ErrClosed
	}
	return s.db.Update(fn)
}
