package diff

import (
	"bytes"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/corpus"
)

// largePair is a 5 MB script (Big Fish over and over, as a long serial
// would repeat its structure) and a copy with 2% of its lines edited,
// scattered throughout.
func largePair(tb testing.TB) (a, b string) {
	tb.Helper()
	one := string(corpus.Read(tb, "fountain", "samples", "big-fish.fountain"))
	var sb strings.Builder
	for sb.Len() < 5<<20 {
		sb.WriteString(one)
	}
	a = sb.String()
	return a, editFraction(a, 0.02, 7)
}

// tool finds a command-line tool the test compares with: it skips when the
// tool is missing, except under CI, which must have it.
func tool(tb testing.TB, name string) string {
	tb.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%s is not installed; CI must have it", name)
		}
		tb.Skipf("%s is not installed; skipping", name)
	}
	return p
}

// writePair writes two texts to files in dir.
func writePair(tb testing.TB, dir, a, b string) (pa, pb string) {
	tb.Helper()
	pa, pb = filepath.Join(dir, "a.fountain"), filepath.Join(dir, "b.fountain")
	if err := os.WriteFile(pa, []byte(a), 0o644); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(pb, []byte(b), 0o644); err != nil {
		tb.Fatal(err)
	}
	return pa, pb
}

// runGit runs git diff --no-index with extra arguments and returns its output;
// exit status 1 means "different", as diff(1).
func runGit(tb testing.TB, git string, args ...string) []byte {
	tb.Helper()
	out, err := exec.Command(git, append([]string{"diff", "--no-index", "--no-color"}, args...)...).Output()
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
		tb.Fatalf("git diff: %v", err)
	}
	return out
}

// countHunks counts the hunk headers of a unified diff.
func countHunks(u []byte) int {
	n := bytes.Count(u, []byte("\n@@ -"))
	if bytes.HasPrefix(u, []byte("@@ -")) {
		n++
	}
	return n
}

// TestLargeHunksNearGit: on a 5 MB script with scattered edits the diff is
// exact (it rebuilds the new text) and has about as many hunks as git's
// (within 20%). Before the histogram diff it was one hunk of
// 148,666 changed lines.
func TestLargeHunksNearGit(t *testing.T) {
	git := tool(t, "git")
	a, b := largePair(t)
	// The work budget, not the clock, bounds it: the same under the race
	// detector as on a quiet machine (the time goal is BenchmarkDiffLarge's).
	u, degraded := UnifiedDiff(File{Name: "a", Text: a}, File{Name: "b", Text: b}, 3)
	if degraded {
		t.Fatal("the 5 MB diff hit its work limit")
	}
	got, err := applyUnified(a, u)
	if err != nil || got != b {
		t.Fatalf("the unified diff does not rebuild the new text: %v", err)
	}
	pa, pb := writePair(t, t.TempDir(), a, b)
	ours, theirs := countHunks([]byte(u)), countHunks(runGit(t, git, pa, pb))
	if theirs == 0 || ours < theirs*8/10 || ours > theirs*12/10 {
		t.Fatalf("%d hunks, git finds %d: not within 20%%", ours, theirs)
	}
	r := Lines(a, b, Options{NoWords: true, Timeout: -1})
	if n := len(r.Changes); n < ours {
		t.Fatalf("Lines finds %d changes in %d hunks", n, ours)
	}
	if rebuilt, err := applyEdits(a, b, r.Edits); err != nil || rebuilt != b {
		t.Fatalf("the edit script does not rebuild the new text: %v", err)
	}
}

// TestGNUPatchRebuildsRandomEdits: random edit scripts on corpus scripts
// (LF and CRLF, word edits, deleted and inserted lines, a missing final
// newline); GNU patch applied to our unified diff rebuilds the new text
// byte for byte.
func TestGNUPatchRebuildsRandomEdits(t *testing.T) {
	patch := tool(t, "patch")
	n := 12
	if *long {
		n = 100
	}
	sources := [][]string{
		{"fountain", "samples", "big-fish.fountain"},
		{"fountain", "samples", "brick-and-steel.fountain"},
		{"fountain", "variants", "big-fish.betterfountain-crlf.fountain"},
		{"fountain", "other", "gumshoe.scrambled.fountain"},
	}
	r := rand.New(rand.NewSource(*seed))
	dir := t.TempDir()
	for i := 0; i < n; i++ {
		src := sources[i%len(sources)]
		a := string(corpus.Read(t, src...))
		b := editFraction(a, []float64{0.001, 0.01, 0.05, 0.3}[r.Intn(4)], r.Int63())
		if r.Intn(3) == 0 {
			b = strings.TrimSuffix(b, "\n")
		}
		u := Unified("a", "b", a, b, r.Intn(5))
		pa, pb := writePair(t, dir, a, "")
		os.Remove(pb)
		cmd := exec.Command(patch, "--batch", "--silent", "-o", pb, pa)
		cmd.Stdin = strings.NewReader(u)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s edit %d: patch failed: %v\n%s", src[len(src)-1], i, err, msg)
		}
		if got, _ := os.ReadFile(pb); string(got) != b {
			t.Fatalf("%s edit %d: patch rebuilt %d bytes, want %d", src[len(src)-1], i, len(got), len(b))
		}
	}
}

// BenchmarkDiffLarge: the unified diff of the 5 MB pair, ours and
// `git diff --no-index` (starting git included) in the same loop; reports
// both times, both hunk counts and x-git (ours ÷ git). Goal: x-git ≤ 2.
func BenchmarkDiffLarge(b *testing.B) {
	git := tool(b, "git")
	a, c := largePair(b)
	pa, pc := writePair(b, b.TempDir(), a, c)
	b.ReportAllocs()
	b.SetBytes(int64(len(a) + len(c)))
	b.ResetTimer()
	var ours, theirs time.Duration
	var hunks, gitHunks int
	for i := 0; i < b.N; i++ {
		start := time.Now()
		u, degraded := UnifiedDiff(File{Name: "a", Text: a}, File{Name: "b", Text: c}, 3)
		ours += time.Since(start)
		if degraded {
			b.Fatal("the 5 MB diff hit its work limit")
		}
		start = time.Now()
		g := runGit(b, git, pa, pc)
		theirs += time.Since(start)
		hunks, gitHunks = countHunks([]byte(u)), countHunks(g)
	}
	b.StopTimer()
	b.ReportMetric(float64(ours.Microseconds())/1000/float64(b.N), "ms/ours")
	b.ReportMetric(float64(theirs.Microseconds())/1000/float64(b.N), "ms/git")
	b.ReportMetric(float64(hunks), "hunks")
	b.ReportMetric(float64(gitHunks), "git-hunks")
	b.ReportMetric(float64(ours)/float64(theirs), "x-git")
}

// TestUnifiedDegradedSaysSo: a unified diff cut short by its work bound
// starts with DegradedNotice, and GNU patch still rebuilds the new text.
func TestUnifiedDegradedSaysSo(t *testing.T) {
	patch := tool(t, "patch")
	a := string(corpus.Read(t, "fountain", "samples", "big-fish.fountain"))
	b := editFraction(a, 0.05, 3) // scattered edits: the diff recurses, and runs out
	oldBase, oldPer := stepsBase, stepsPerLine
	stepsBase, stepsPerLine = 1, 0
	defer func() { stepsBase, stepsPerLine = oldBase, oldPer }()
	u, degraded := UnifiedDiff(File{Name: "a", Text: a}, File{Name: "b", Text: b}, 3)
	if !degraded || !strings.HasPrefix(u, DegradedNotice+"--- a\n") {
		t.Fatalf("degraded %v, output starts %q", degraded, u[:min(len(u), 120)])
	}
	pa, pb := writePair(t, t.TempDir(), a, "")
	os.Remove(pb)
	cmd := exec.Command(patch, "--batch", "--silent", "-o", pb, pa)
	cmd.Stdin = strings.NewReader(u)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("patch failed: %v\n%s", err, msg)
	}
	if got, _ := os.ReadFile(pb); string(got) != b {
		t.Fatal("patch did not rebuild the new text")
	}
}
