package store

import (
	"fmt"
	"io"
	"os"

	bolt "go.etcd.io/bbolt"
)

// SchemaVersion is the layout this code reads and writes (buckets.go).
const SchemaVersion = 3

// migration moves a file from schema version `from` to from+1.
type migration struct {
	from int
	name string
	run  func(tx *bolt.Tx) error
}

// migrations lists every step, in order. migrations[i].from == i.
var migrations = []migration{
	{0, "create the buckets of schema 1", func(tx *bolt.Tx) error {
		for _, b := range topBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	}},
	{1, "create the sync buckets (outbox, cursors, events)", func(tx *bolt.Tx) error {
		for _, b := range syncBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		outbox := tx.Bucket(bucketOutbox)
		for _, sub := range [][]byte{subSeq, subIDs} {
			if _, err := outbox.CreateBucketIfNotExists(sub); err != nil {
				return err
			}
		}
		return nil
	}},
	{2, "create the production bucket", func(tx *bolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists(bucketProduction)
		return err
	}},
}

// currentSchema is SchemaVersion; tests raise it to exercise migrations.
var currentSchema = SchemaVersion

// schemaOf reads the file's schema version: 0 when it has no meta bucket.
func schemaOf(tx *bolt.Tx) (int, bool, error) {
	empty := true
	_ = tx.ForEach(func([]byte, *bolt.Bucket) error { empty = false; return nil })
	m := tx.Bucket(bucketMeta)
	if m == nil {
		return 0, empty, nil
	}
	v, ok := fromU64(m.Get(keySchema))
	if !ok {
		return 0, false, fmt.Errorf("%w: the schema version is unreadable", ErrCorrupt)
	}
	return int(v), false, nil
}

// BackupPath is where the file is copied before migrating from version v.
func BackupPath(path string, v int) string {
	return fmt.Sprintf("%s.schema-%d.bak", path, v)
}

// migrate brings the file to currentSchema. A new, empty file is set up
// directly; an older file is first copied byte for byte to BackupPath, then
// migrated step by step, each step in its own transaction, so an
// interruption leaves a file at a known version. When a step fails (an
// error or a panic), the file is put back as it was from the backup, while
// this process still holds its lock, and the error says so.
func (s *Store) migrate() (err error) {
	var v int
	var empty bool
	if err := s.db.View(func(tx *bolt.Tx) (err error) {
		v, empty, err = schemaOf(tx)
		return err
	}); err != nil {
		return err
	}
	if v > currentSchema {
		return fmt.Errorf("%w (file schema %d, this version reads up to %d): update Scriptroom", ErrNewerSchema, v, currentSchema)
	}
	if v == currentSchema {
		return nil
	}
	if !empty {
		backup := BackupPath(s.path, v)
		if err := copyFile(s.path, backup); err != nil {
			return fmt.Errorf("back up before migrating to schema %d: %w", currentSchema, err)
		}
		defer func() {
			r := recover()
			if r != nil {
				err = fmt.Errorf("migrate schema %d to %d (%s): %w (%v)", v, v+1, migrations[v].name, ErrCorrupt, r)
			}
			if err == nil {
				return
			}
			if rerr := copyFile(backup, s.path); rerr != nil {
				err = fmt.Errorf("%w; putting the file back from %s failed too (%v): copy that file over the library", err, backup, rerr)
				return
			}
			err = fmt.Errorf("%w; the file is as it was (a copy is at %s)", err, backup)
		}()
	}
	for ; v < currentSchema; v++ {
		m := migrations[v]
		err := s.db.Update(func(tx *bolt.Tx) error {
			if err := m.run(tx); err != nil {
				return err
			}
			meta, err := tx.CreateBucketIfNotExists(bucketMeta)
			if err != nil {
				return err
			}
			return meta.Put(keySchema, u64(uint64(v+1)))
		})
		if err != nil {
			return fmt.Errorf("migrate schema %d to %d (%s): %w", v, v+1, m.name, err)
		}
	}
	return nil
}

// copyFile writes src's bytes to dst (created or truncated) and syncs it.
// The library file is copied this way under its lock, while no transaction
// writes, so the copy is the file byte for byte; copying the backup back
// writes into the locked file in place, keeping the lock.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	n, err := io.Copy(out, in)
	if err == nil {
		err = out.Truncate(n)
	}
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}
