package diff

import (
	"bytes"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/corpus"
)

// TestUnifiedFormat checks the exact bytes against what GNU diff prints for
// the same inputs (`diff -u --label a --label b`, or -U0).
func TestUnifiedFormat(t *testing.T) {
	tens := func(repl map[int]string) string {
		s := ""
		for i := 1; i <= 10; i++ {
			if r, ok := repl[i]; ok {
				s += r + "\n"
			} else {
				s += string(rune('0'+i/10)) + string(rune('0'+i%10)) + "\n"
			}
		}
		return s
	}
	tests := []struct {
		name    string
		a, b    string
		context int
		want    string
	}{
		// Empty and identical.
		{"identical", "a\nb\n", "a\nb\n", 3, ""},
		{"both empty", "", "", 3, ""},
		{"into empty", "", "a\n", 3, "--- a\n+++ b\n@@ -0,0 +1 @@\n+a\n"},
		{"all deleted", "a\nb\n", "", 3, "--- a\n+++ b\n@@ -1,2 +0,0 @@\n-a\n-b\n"},

		// Final newline.
		{"newline added", "a\nb", "a\nb\n", 3, "--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"},
		{"newline removed", "a\nb\n", "a\nb", 3, "--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n"},
		{"context without newline", "a\nb\nc", "a\nB\nc", 3, "--- a\n+++ b\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n\\ No newline at end of file\n"},

		// Hunks: joined when at most 2*context lines separate them.
		{"joined at 6 lines apart", tens(nil), tens(map[int]string{2: "two", 9: "nine"}), 3,
			"--- a\n+++ b\n@@ -1,10 +1,10 @@\n 01\n-02\n+two\n 03\n 04\n 05\n 06\n 07\n 08\n-09\n+nine\n 10\n"},
		{"split at 7 lines apart", tens(nil), tens(map[int]string{2: "two", 10: "ten"}), 3,
			"--- a\n+++ b\n@@ -1,5 +1,5 @@\n 01\n-02\n+two\n 03\n 04\n 05\n@@ -7,4 +7,4 @@\n 07\n 08\n 09\n-10\n+ten\n"},

		// Zero context: empty ranges name the line before.
		{"insert, no context", "1\n2\n3\n4\n5\n", "1\n2\n3\nX\n4\n5\n", 0, "--- a\n+++ b\n@@ -3,0 +4 @@\n+X\n"},
		{"delete, no context", "1\n2\n3\n4\n5\n", "1\n2\n4\n5\n", 0, "--- a\n+++ b\n@@ -3 +2,0 @@\n-3\n"},

		// Line endings are content.
		{"crlf to lf", "a\r\nb\r\n", "a\r\nb\n", 3, "--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+b\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Unified("a", "b", tt.a, tt.b, tt.context)
			if got != tt.want {
				t.Fatalf("got:\n%s\nwant:\n%s", got, tt.want)
			}
			if back, err := applyUnified(tt.a, got); err != nil || back != tt.b {
				t.Fatalf("does not apply: %v", err)
			}
		})
	}
}

func TestUnifiedFileTimes(t *testing.T) {
	tm := time.Date(2024, 1, 2, 3, 4, 5, 123456789, time.UTC)
	got := UnifiedFiles(File{Name: "five", Time: tm, Text: "1\n"}, File{Name: "fiveX", Time: tm, Text: "2\n"}, -1)
	want := "--- five\t2024-01-02 03:04:05.123456789 +0000\n+++ fiveX\t2024-01-02 03:04:05.123456789 +0000\n@@ -1 +1 @@\n-1\n+2\n"
	if got != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
}

// patchPairs are corpus pairs (older, newer) that GNU patch must rebuild.
var patchPairs = [][2][]string{
	{{"fountain", "variants", "big-fish.betterfountain-crlf.fountain"}, {"fountain", "samples", "big-fish.fountain"}},
	{{"fountain", "variants", "big-fish.betterfountain-lf.fountain"}, {"fountain", "samples", "big-fish.fountain"}},
	{{"fountain", "variants", "big-fish.fountainjs-latin1.fountain"}, {"fountain", "samples", "big-fish.fountain"}},
	{{"fountain", "variants", "big-fish.jumpcut-no-contd.fountain"}, {"fountain", "samples", "big-fish.fountain"}},
	{{"fountain", "variants", "big-fish.nyousefi-curly-quotes.fountain"}, {"fountain", "samples", "big-fish.fountain"}},
	{{"fountain", "variants", "brick-and-steel.afterwriting-crlf.fountain"}, {"fountain", "samples", "brick-and-steel.fountain"}},
	{{"fountain", "variants", "brick-and-steel.jumpcut.fountain"}, {"fountain", "samples", "brick-and-steel.fountain"}},
	{{"fdx", "rsdoiel", "sample-03.fountain"}, {"versions", "rsdoiel-samples", "sample-03.fountain-repo.fountain"}},
	{{"fdx", "rsdoiel", "sample-04.fountain"}, {"versions", "rsdoiel-samples", "sample-04.fountain-repo.fountain"}},
	{{"fdx", "rsdoiel", "sample-05.fountain"}, {"versions", "rsdoiel-samples", "sample-05.fountain-repo.fountain"}},
	{{"fountain", "samples", "big-fish.fountain"}, {"fountain", "other", "gumshoe.scrambled.fountain"}},
}

// TestGNUPatchRebuilds runs GNU patch on our unified diffs of corpus pairs
// (and the beat-big-fish revision chain) and checks it rebuilds the newer
// file byte for byte.
func TestGNUPatchRebuilds(t *testing.T) {
	patch, err := exec.LookPath("patch")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("GNU patch is not installed; CI must have it")
		}
		t.Skip("GNU patch is not installed; skipping")
	}
	pairs := append([][2][]string(nil), patchPairs...)
	chain := versionChain(t)
	for i := 0; i+1 < len(chain); i++ {
		pairs = append(pairs, [2][]string{{"versions", "beat-big-fish", chain[i]}, {"versions", "beat-big-fish", chain[i+1]}})
	}
	dir := t.TempDir()
	for _, p := range pairs {
		name := filepath.Join(p[0]...) + " -> " + filepath.Join(p[1]...)
		t.Run(name, func(t *testing.T) {
			a, b := corpus.Read(t, p[0]...), corpus.Read(t, p[1]...)
			u := Unified("a/"+p[0][len(p[0])-1], "b/"+p[1][len(p[1])-1], string(a), string(b), 3)
			if u == "" {
				t.Fatal("no differences found")
			}
			src := filepath.Join(dir, "old")
			out := filepath.Join(dir, "new")
			if err := os.WriteFile(src, a, 0o644); err != nil {
				t.Fatal(err)
			}
			os.Remove(out)
			cmd := exec.Command(patch, "--batch", "--silent", "-o", out, src)
			cmd.Stdin = bytes.NewReader([]byte(u))
			if msg, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("patch failed: %v\n%s", err, msg)
			}
			got, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, b) {
				t.Fatalf("patch rebuilt %d bytes, want the newer file's %d", len(got), len(b))
			}
		})
	}
	// Random pairs with CRLF, Unicode and missing final newlines.
	r := rand.New(rand.NewSource(*seed))
	for i := 0; i < 30; i++ {
		a := randomText(r, 40)
		b := mutate(r, a)
		u := Unified("a", "b", a, b, 3)
		if u == "" {
			continue
		}
		src, out := filepath.Join(dir, "ra"), filepath.Join(dir, "rb")
		if err := os.WriteFile(src, []byte(a), 0o644); err != nil {
			t.Fatal(err)
		}
		os.Remove(out)
		cmd := exec.Command(patch, "--batch", "--silent", "-o", out, src)
		cmd.Stdin = bytes.NewReader([]byte(u))
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("random pair %d: patch failed: %v\n%s\na=%q\nb=%q\n%s", i, err, msg, a, b, u)
		}
		if got, _ := os.ReadFile(out); string(got) != b {
			t.Fatalf("random pair %d: patch rebuilt %q, want %q", i, got, b)
		}
	}
}

// versionChain lists the beat-big-fish revisions, oldest first.
func versionChain(t testing.TB) []string {
	t.Helper()
	entries, err := os.ReadDir(corpus.Path(t, "versions", "beat-big-fish"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names // ReadDir sorts by name; names start with vN-date
}

// TestUnifiedMatchesGNUDiff: on the real revision chains our output is byte
// for byte what `diff -u` prints (same alignment, same hunks).
func TestUnifiedMatchesGNUDiff(t *testing.T) {
	gnu, err := exec.LookPath("diff")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("GNU diff is not installed; CI must have it")
		}
		t.Skip("GNU diff is not installed; skipping")
	}
	chain := versionChain(t)
	var pairs [][2]string
	for i := 0; i+1 < len(chain); i++ {
		pairs = append(pairs, [2]string{
			corpus.Path(t, "versions", "beat-big-fish", chain[i]),
			corpus.Path(t, "versions", "beat-big-fish", chain[i+1]),
		})
	}
	for _, n := range []string{"03", "04", "05"} {
		pairs = append(pairs, [2]string{
			corpus.Path(t, "fdx", "rsdoiel", "sample-"+n+".fountain"),
			corpus.Path(t, "versions", "rsdoiel-samples", "sample-"+n+".fountain-repo.fountain"),
		})
	}
	for _, p := range pairs {
		out, err := exec.Command(gnu, "-u", "--label", "a", "--label", "b", p[0], p[1]).Output()
		if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
			t.Fatalf("diff %s %s: %v", p[0], p[1], err)
		}
		a, _ := os.ReadFile(p[0])
		b, _ := os.ReadFile(p[1])
		if got := Unified("a", "b", string(a), string(b), 3); got != string(out) {
			t.Errorf("%s -> %s: ours differs from GNU diff\nours:\n%s\nGNU:\n%s", filepath.Base(p[0]), filepath.Base(p[1]), got, out)
		}
	}
}
