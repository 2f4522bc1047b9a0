package relay

import (
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// lockWait is how long opening the relay log waits for another process
// holding it.
const lockWait = 2 * time.Second

// checkLog makes sure that the relay log at path, when it exists, is whole,
// before it is opened for writing: opening a damaged bbolt file for writing
// can panic, crash on a memory fault, or write over what is left of it. The
// check opens the file read-only and reads every page the log reaches, so a
// damaged file is reported (wrapping ErrDamaged) and left as it was. A
// missing file is fine: OpenBolt makes a new log.
func checkLog(path string) (err error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("relay log %s: %w", path, err)
	case fi.IsDir():
		return fmt.Errorf("relay log %s is a folder", path)
	case fi.Size() == 0:
		// bbolt would make a new log in it; an empty file is no relay's
		// log, and may be one that lost its content.
		return damaged(path, errors.New("the file is empty (0 bytes)"))
	}
	// bbolt panics on some damaged pages, and reading a page past the end
	// of a truncated file faults: both become errors here.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = damaged(path, fmt.Errorf("%v", r))
		}
	}()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: lockWait, PreLoadFreelist: true})
	if err != nil {
		return openError(path, err)
	}
	defer db.Close()
	return db.View(func(tx *bolt.Tx) error {
		// The header's page count must fit in the file, or reading the
		// last pages would fault.
		if tx.Size() > fi.Size() {
			return damaged(path, fmt.Errorf("truncated: the file has %d bytes, its header says %d", fi.Size(), tx.Size()))
		}
		if tx.Bucket(bucketMeta) == nil || tx.Bucket(bucketRooms) == nil {
			return damaged(path, errors.New("it is not a Scriptroom relay log (its buckets are missing)"))
		}
		// Read every key and value, here, where a fault is recovered; then
		// bbolt's own check (page ids, double frees, unreachable pages).
		var sum uint32
		var walk func(b *bolt.Bucket) error
		walk = func(b *bolt.Bucket) error {
			c := b.Cursor()
			for k, v := c.First(); k != nil; k, v = c.Next() {
				sum = crc32.Update(crc32.Update(sum, crc32.IEEETable, k), crc32.IEEETable, v)
				if v == nil {
					if err := walk(b.Bucket(k)); err != nil {
						return err
					}
				}
			}
			return nil
		}
		err := tx.ForEach(func(_ []byte, b *bolt.Bucket) error { return walk(b) })
		if err != nil {
			return damaged(path, err)
		}
		var errs []string
		for err := range tx.Check() {
			errs = append(errs, err.Error())
		}
		if len(errs) > 0 {
			return damaged(path, fmt.Errorf("%s%s", errs[0], more(len(errs)-1)))
		}
		return nil
	})
}

// openError describes bbolt's refusal to open path.
func openError(path string, err error) error {
	var pe *fs.PathError
	var errno syscall.Errno
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return fmt.Errorf("relay log %s: %w", path, ErrLogLocked)
	case errors.As(err, &pe), errors.As(err, &errno):
		if !errors.Is(err, berrors.ErrInvalid) {
			return fmt.Errorf("open relay log %s: %w", path, err)
		}
	}
	// Everything else bbolt refuses (bad magic or checksum, file too
	// small, ...) is about the content.
	return damaged(path, err)
}

// damaged wraps ErrDamaged with what was found, on one line.
func damaged(path string, why error) error {
	what := strings.Join(strings.Fields(why.Error()), " ")
	return fmt.Errorf("%s: %w (%s); the file was not changed: restore it from a backup, see \"A damaged log\" in docs/relay.md", path, ErrDamaged, what)
}

func more(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(", and %d more", n)
}
