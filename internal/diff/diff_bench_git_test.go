package diff

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/corpus"
)

// benchGitWordDiff times `git diff --no-index --word-diff` on the same two
// texts as a benchmark of ours, for comparison in one run. It includes
// starting git, which a user of git pays too.
func benchGitWordDiff(b *testing.B, a, c string) {
	git, err := exec.LookPath("git")
	if err != nil {
		b.Skip("git is not installed")
	}
	dir := b.TempDir()
	pa, pc := filepath.Join(dir, "a.fountain"), filepath.Join(dir, "b.fountain")
	if err := os.WriteFile(pa, []byte(a), 0o644); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(pc, []byte(c), 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(a) + len(c)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cmd := exec.Command(git, "diff", "--no-index", "--word-diff", "--no-color", pa, pc)
		out, err := cmd.Output()
		// Exit status 1 means "different", as diff(1).
		if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
			b.Fatalf("git diff: %v", err)
		}
		if len(out) == 0 {
			b.Fatal("git diff found no differences")
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
}

// BenchmarkGitWordDiffFeature: git's word diff on BenchmarkDiffFeature's
// files (Big Fish and its 5%-edited copy).
func BenchmarkGitWordDiffFeature(b *testing.B) {
	a := string(corpus.Read(b, "fountain", "samples", "big-fish.fountain"))
	benchGitWordDiff(b, a, editFraction(a, 0.05, 42))
}

// BenchmarkGitWordDiffRewrite: git's word diff on BenchmarkDiffRewrite's
// files (Big Fish and gumshoe).
func BenchmarkGitWordDiffRewrite(b *testing.B) {
	a := string(corpus.Read(b, "fountain", "samples", "big-fish.fountain"))
	g := string(corpus.Read(b, "fountain", "other", "gumshoe.scrambled.fountain"))
	benchGitWordDiff(b, a, g)
}

// BenchmarkDiffVsGit: BenchmarkDiffFeature's Compare and git's word diff of
// the same two files, one after the other in each iteration, so both see
// the same machine load; reports both times and x-git, ours ÷ git. Goal:
// x-git ≤ 1.0.
func BenchmarkDiffVsGit(b *testing.B) {
	git := tool(b, "git")
	a := string(corpus.Read(b, "fountain", "samples", "big-fish.fountain"))
	m := editFraction(a, 0.05, 42)
	pa, pm := writePair(b, b.TempDir(), a, m)
	b.ReportAllocs()
	b.ResetTimer()
	var ours, theirs time.Duration
	for i := 0; i < b.N; i++ {
		start := time.Now()
		r := Compare(a, m, Options{})
		ours += time.Since(start)
		if r.Degraded {
			b.Fatal("the comparison hit its work limit")
		}
		start = time.Now()
		if out := runGit(b, git, "--word-diff", pa, pm); len(out) == 0 {
			b.Fatal("git diff found no differences")
		}
		theirs += time.Since(start)
	}
	b.StopTimer()
	b.ReportMetric(float64(ours.Microseconds())/1000/float64(b.N), "ms/ours")
	b.ReportMetric(float64(theirs.Microseconds())/1000/float64(b.N), "ms/git")
	b.ReportMetric(float64(ours)/float64(theirs), "x-git")
}
