// Package corpus finds the shared test corpus (../shared/corpus beside the
// repository) for tests. A user's clone has no corpus: tests that need it skip
// with a clear message, except under CI=true, where its absence is a failure.
//
// Only tests import this package. It imports the standard library only.
package corpus

import (
	"os"
	"path/filepath"
	"testing"
)

// EnvDir overrides where the corpus is looked for.
const EnvDir = "SCRIPTROOM_CORPUS"

// Dir returns the corpus root, or skips (fails under CI=true) when there is none.
func Dir(t testing.TB) string {
	t.Helper()
	if d, ok := Find(); ok {
		return d
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("test corpus not found: expected ../shared/corpus beside the repository (or $%s); CI must have it", EnvDir)
	}
	t.Skipf("test corpus not found (../shared/corpus beside the repository, or $%s); skipping", EnvDir)
	return ""
}

// Path returns a file or folder inside the corpus, skipping as Dir does when
// there is no corpus, and failing when the corpus lacks that path.
func Path(t testing.TB, rel ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{Dir(t)}, rel...)...)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("corpus file missing: %v", err)
	}
	return p
}

// Read returns a corpus file's bytes.
func Read(t testing.TB, rel ...string) []byte {
	t.Helper()
	b, err := os.ReadFile(Path(t, rel...))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Find looks for the corpus without a test: $SCRIPTROOM_CORPUS, else
// ../shared/corpus beside the directory holding go.mod.
func Find() (string, bool) {
	if d := os.Getenv(EnvDir); d != "" {
		if isDir(d) {
			return d, true
		}
		return "", false
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			c := filepath.Join(filepath.Dir(dir), "shared", "corpus")
			if isDir(c) {
				return c, true
			}
			return "", false
		}
		if filepath.Dir(dir) == dir {
			return "", false
		}
	}
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}
