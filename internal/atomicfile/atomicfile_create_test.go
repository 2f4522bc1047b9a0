package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestCreate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "lib.db")
	init := func(content string) func(string) error {
		return func(tmp string) error { return os.WriteFile(tmp, []byte(content), 0o600) }
	}

	created, err := Create(path, init("first"))
	if err != nil || !created {
		t.Fatalf("Create on no file = %v, %v", created, err)
	}
	// A file already there is kept, and init is not even called.
	created, err = Create(path, func(string) error { t.Fatal("init called for an existing file"); return nil })
	if err != nil || created {
		t.Fatalf("Create on a file = %v, %v", created, err)
	}
	if b, _ := os.ReadFile(path); string(b) != "first" {
		t.Fatalf("file holds %q", b)
	}
	// init failing leaves nothing at path and no temporary file.
	other := filepath.Join(dir, "other.db")
	boom := errors.New("disk full")
	if _, err := Create(other, func(string) error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("Create with a failing init = %v", err)
	}
	if _, err := os.Stat(other); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a failed Create left %s: %v", other, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "lib.db" {
		t.Fatalf("folder holds %v, want only lib.db", entries)
	}
}
