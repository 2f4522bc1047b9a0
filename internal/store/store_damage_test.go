package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// writtenLibrary makes a library with an identity and enough scripts to span
// many pages, closes it and returns its bytes.
func writtenLibrary(t *testing.T, path string) []byte {
	t.Helper()
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	me := newIdentity(t)
	if err := s.PutIdentity(me); err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		newScript(t, s, me)
		if err := s.PutSetting(fmt.Sprintf("k%03d", i), strings.Repeat("v", 500)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// flipPageHeaders inverts the flags of every page header after the two meta
// pages, except the pages in keep.
func flipPageHeaders(raw []byte, pageSize int, keep ...uint64) []byte {
	out := bytes.Clone(raw)
	for off := 2 * pageSize; off+16 <= len(out); off += pageSize {
		if slices.Contains(keep, uint64(off/pageSize)) {
			continue
		}
		out[off+8] ^= 0xff
		out[off+9] ^= 0xff
	}
	return out
}

// A damaged file (bbolt panics or faults on some) is an error naming the
// file, is never written to, and releases its lock: opening it again says
// "damaged", not "open in another Scriptroom".
func TestOpenDamagedReleasesLock(t *testing.T) {
	dir := t.TempDir()
	raw := writtenLibrary(t, filepath.Join(dir, "good.db"))
	pageSize := os.Getpagesize()
	freelist := []uint64{binary.LittleEndian.Uint64(raw[16+32:]), binary.LittleEndian.Uint64(raw[pageSize+16+32:])}
	metaFreelist := func(b []byte) []byte {
		// Point both meta pages' freelist at a branch page: bbolt panics
		// ("invalid freelist page") while opening.
		out := bytes.Clone(b)
		for _, m := range []int{0, pageSize} {
			meta := out[m+16:]
			binary.LittleEndian.PutUint64(meta[32:], 3)
			h := fnv.New64a()
			h.Write(meta[:56])
			binary.LittleEndian.PutUint64(meta[56:], h.Sum64())
		}
		return out
	}
	cases := map[string][]byte{
		"truncated to half":    raw[:len(raw)/2],
		"flipped page headers": flipPageHeaders(raw, pageSize),
		// The freelist pages read, so bolt.Open succeeds and the check fails.
		"flipped data page headers": flipPageHeaders(raw, pageSize, freelist...),
		"freelist on a data page":   metaFreelist(raw),
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "library.db")
			if err := os.WriteFile(path, content, 0o600); err != nil {
				t.Fatal(err)
			}
			for attempt := 1; attempt <= 2; attempt++ {
				s, err := Open(path, Options{})
				if err == nil {
					s.Close()
					t.Fatalf("open %d: a damaged file opened", attempt)
				}
				if !errors.Is(err, ErrCorrupt) || errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), path) {
					t.Fatalf("open %d: %v", attempt, err)
				}
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(after, content) {
				t.Fatal("the damaged file was modified")
			}
		})
	}
}

// An empty (0-byte) library file is reported, never made into a new library
// with a new identity.
func TestOpenEmptyFileRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "library.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for attempt := 1; attempt <= 2; attempt++ {
		s, err := Open(path, Options{})
		if err == nil {
			s.Close()
			t.Fatalf("open %d: an empty file opened as a library", attempt)
		}
		if !errors.Is(err, ErrEmptyFile) || !strings.Contains(err.Error(), path) {
			t.Fatalf("open %d: %v", attempt, err)
		}
	}
	if fi, err := os.Stat(path); err != nil || fi.Size() != 0 {
		t.Fatalf("the empty file was changed: %v, %v", fi, err)
	}
	// A file that does not exist yet is still created.
	fresh := filepath.Join(filepath.Dir(path), "new.db")
	s, err := Open(fresh, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}

// addSteps appends migration steps after the current schema for one test.
func addSteps(t *testing.T, steps ...func(tx *bolt.Tx) error) {
	t.Helper()
	saved, savedCurrent := migrations, currentSchema
	t.Cleanup(func() { migrations, currentSchema = saved, savedCurrent })
	migrations = append([]migration{}, saved...)
	for i, run := range steps {
		migrations = append(migrations, migration{SchemaVersion + i, fmt.Sprintf("test step %d", i+1), run})
	}
	currentSchema = SchemaVersion + len(steps)
}

// A migration that fails, by an error or a bbolt panic, after an earlier
// step committed, leaves the file byte for byte as it was (put back from its
// backup), releases the lock, and says what failed and where the copy is.
func TestFailedMigrationRestoresFile(t *testing.T) {
	cases := map[string]func(tx *bolt.Tx) error{
		"error": func(*bolt.Tx) error { return errors.New("disk full") },
		"panic": func(*bolt.Tx) error { panic("assertion failed: page 12 already freed") },
	}
	for name, failing := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "library.db")
			before := writtenLibrary(t, path)
			addSteps(t,
				func(tx *bolt.Tx) error {
					// A committed step that changes many pages.
					b := tx.Bucket(bucketSettings)
					for i := range 200 {
						if err := b.Put(fmt.Appendf(nil, "k%03d", i), []byte("migrated")); err != nil {
							return err
						}
					}
					return nil
				},
				failing,
			)
			for attempt := 1; attempt <= 2; attempt++ {
				s, err := Open(path, Options{})
				if err == nil {
					s.Close()
					t.Fatalf("open %d: the failing migration was not reported", attempt)
				}
				msg := err.Error()
				if errors.Is(err, ErrLocked) || !strings.Contains(msg, path) || !strings.Contains(msg, "test step 2") ||
					!strings.Contains(msg, "as it was") || !strings.Contains(msg, BackupPath(path, SchemaVersion)) {
					t.Fatalf("open %d: %v", attempt, err)
				}
				if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
					t.Fatalf("open %d: the file was left changed by the failed migration", attempt)
				}
			}
			if backup, _ := os.ReadFile(BackupPath(path, SchemaVersion)); !bytes.Equal(backup, before) {
				t.Fatal("the backup is not the file as it was")
			}
			// Without the failing step the file opens, with its data.
			migrations, currentSchema = migrations[:SchemaVersion+1], SchemaVersion+1
			s, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if v, err := s.Setting("k007"); err != nil || v != "migrated" {
				t.Fatalf("after the migration: %q, %v", v, err)
			}
			if _, err := s.Identity(); err != nil {
				t.Fatal(err)
			}
		})
	}
}
