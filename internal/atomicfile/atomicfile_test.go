package atomicfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "script.fountain")
	// A new file, then a replacement.
	for _, text := range []string{"first\n", "second, longer\n"} {
		if err := Write(p, []byte(text)); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(p)
		if err != nil || string(b) != text {
			t.Fatalf("read %q, %v; want %q", b, err, text)
		}
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != Perm {
		t.Errorf("mode %v, want %v", fi.Mode().Perm(), os.FileMode(Perm))
	}
	// Failures name the target, leave it as it was and leave nothing behind.
	tests := []struct {
		name, path string
		want       []string // one of these
	}{
		{"missing folder", filepath.Join(dir, "no", "x.pdf"), []string{"no such file or directory"}},
		{"target is a folder", dir, []string{"file exists", "is a directory"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Write(tt.path, []byte("x"))
			if err == nil || !strings.Contains(err.Error(), tt.path) {
				t.Fatalf("error %v does not name %s", err, tt.path)
			}
			found := false
			for _, w := range tt.want {
				found = found || strings.Contains(err.Error(), w)
			}
			if !found {
				t.Errorf("error %v, want one of %q", err, tt.want)
			}
		})
	}
	if b, _ := os.ReadFile(p); string(b) != "second, longer\n" {
		t.Errorf("target changed to %q", b)
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %q", left)
	}
}
