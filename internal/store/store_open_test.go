package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/scriptroom/scriptroom/internal/model"
)

func TestOpenLockedGivesUpWithinASecond(t *testing.T) {
	path := filepath.Join(t.TempDir(), "library.db")
	first, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	start := time.Now()
	_, err = Open(path, Options{})
	waited := time.Since(start)
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), path) {
		t.Fatalf("second open: %v", err)
	}
	if waited > 3*time.Second {
		t.Fatalf("second open waited %v", waited)
	}
	// Once the first closes, the file opens.
	first.Close()
	again, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	again.Close()
}

func TestOpenCorruptNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	s, err := Open(good, Options{})
	if err != nil {
		t.Fatal(err)
	}
	me := newIdentity(t)
	s.PutIdentity(me)
	s.Close()
	raw, _ := os.ReadFile(good)

	cases := map[string][]byte{
		"garbage":      bytes.Repeat([]byte("not a database "), 1000),
		"text file":    []byte("INT. HOUSE - DAY\n\nThis is a screenplay, not a library.\n"),
		"truncated":    raw[:4096+100],
		"zeroed metas": append(make([]byte, 8192), raw[8192:]...),
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".db")
			if err := os.WriteFile(path, content, 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := Open(path, Options{})
			if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), path) {
				t.Fatalf("open: %v", err)
			}
			after, _ := os.ReadFile(path)
			if !bytes.Equal(after, content) {
				t.Fatal("the damaged file was modified")
			}
		})
	}
}

func TestOpenNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "library.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, u64(SchemaVersion+1)) })
	s.Close()
	before, _ := os.ReadFile(path)
	_, err = Open(path, Options{})
	if !errors.Is(err, ErrNewerSchema) || !strings.Contains(err.Error(), path) {
		t.Fatalf("newer schema: %v", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Fatal("a newer library was modified")
	}
}

// A file written before the schema was versioned (version 0: buckets, no
// meta) is backed up and migrated, keeping its data.
func TestMigrateFromVersionZeroWithBackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "library.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error {
		b, _ := tx.CreateBucket(bucketSettings)
		return b.Put([]byte("theme"), []byte("dark"))
	})
	db.Close()

	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := s.Setting("theme"); err != nil || v != "dark" {
		t.Fatalf("setting after migration = %q, %v", v, err)
	}
	if _, err := s.Scripts(); err != nil {
		t.Fatalf("scripts bucket after migration: %v", err)
	}
	backup, err := bolt.Open(BackupPath(path, 0), 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("backup: %v", err)
	}
	defer backup.Close()
	backup.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketMeta) != nil || string(tx.Bucket(bucketSettings).Get([]byte("theme"))) != "dark" {
			t.Error("the backup is not the file as it was")
		}
		return nil
	})
}

// A later schema step runs once, after a backup, and a failing step leaves
// the file at the version before it.
func TestMigrationSteps(t *testing.T) {
	path := filepath.Join(t.TempDir(), "library.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	me := newIdentity(t)
	sc := newScript(t, s, me)
	s.Close()

	saved, savedCurrent := migrations, currentSchema
	t.Cleanup(func() { migrations, currentSchema = saved, savedCurrent })
	fail := true
	runs := 0
	migrations = append(append([]migration{}, saved...), migration{SchemaVersion, "test step", func(tx *bolt.Tx) error {
		runs++
		if fail {
			return errors.New("disk full")
		}
		return tx.Bucket(bucketSettings).Put([]byte("migrated"), []byte("yes"))
	}})
	currentSchema = SchemaVersion + 1

	if _, err := Open(path, Options{}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("failing step: %v", err)
	}
	fail = false
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.Setting("migrated"); v != "yes" || runs != 2 {
		t.Fatalf("step ran %d times, setting %q", runs, v)
	}
	if got, err := s.Script(sc.ID); err != nil || got.ID != sc.ID {
		t.Fatalf("data lost in migration: %v", err)
	}
	if _, err := os.Stat(BackupPath(path, SchemaVersion)); err != nil {
		t.Fatalf("no backup before the step: %v", err)
	}
	// Opening again runs nothing.
	s.Close()
	s, _ = Open(path, Options{})
	if runs != 2 {
		t.Fatalf("step ran again: %d", runs)
	}
	_ = model.Private
}

// A new library appears in one step, complete: never as a 0-byte file a
// crash could leave behind (which Open refuses as damaged), and with no
// temporary file left beside it.
func TestOpenCreatesLibraryInOneStep(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "library.db")
	// What a process killed while creating leaves: a stray temporary file.
	if err := os.WriteFile(filepath.Join(dir, ".library.db.new-0123456789ab"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Size() == 0 {
		t.Fatalf("library after Open: %v, %v", fi, err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "library.db" && e.Name() != ".library.db.new-0123456789ab" {
			t.Errorf("Open left %s beside the library", e.Name())
		}
	}
	// Opened again: the same library.
	st, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
}
