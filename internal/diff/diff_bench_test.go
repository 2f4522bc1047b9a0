package diff

import (
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/corpus"
)

// editFraction edits that share of a text's lines with a fixed seed: a word
// replaced, a line deleted, or a line inserted.
func editFraction(text string, frac float64, seed int64) string {
	r := rand.New(rand.NewSource(seed))
	lines := SplitLines(text)
	out := make([]string, 0, len(lines)+len(lines)/10)
	for _, l := range lines {
		if r.Float64() >= frac {
			out = append(out, l)
			continue
		}
		switch r.Intn(3) {
		case 0: // replace a word
			w := strings.Fields(lineText(l))
			if len(w) == 0 {
				out = append(out, "An inserted line of action.\n")
				out = append(out, l)
				continue
			}
			w[r.Intn(len(w))] = "EDITED"
			out = append(out, strings.Join(w, " ")+"\n")
		case 1: // delete
		default: // insert before
			out = append(out, "A new line, written in revision.\n", l)
		}
	}
	return strings.Join(out, "")
}

// BenchmarkDiffFeature: Big Fish against a copy with 5% of its lines edited,
// the full pipeline (line alignment, word level, elements, scene summary).
// Goal: no slower than BenchmarkGitWordDiffFeature in the same run (see
// BenchmarkDiffVsGit for both in one loop).
func BenchmarkDiffFeature(b *testing.B) {
	a := string(corpus.Read(b, "fountain", "samples", "big-fish.fountain"))
	m := editFraction(a, 0.05, 42)
	b.SetBytes(int64(len(a) + len(m)))
	b.ReportAllocs()
	b.ResetTimer()
	var r *Result
	for i := 0; i < b.N; i++ {
		r = Compare(a, m, Options{})
	}
	b.StopTimer()
	if r.Degraded {
		b.Log("the comparison hit its work limit")
	}
	b.ReportMetric(float64(r.Stats.Changed+r.Stats.Inserted+r.Stats.Deleted), "changedrows")
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/op")
}

// BenchmarkDiffRewrite: two unrelated feature scripts (Big Fish against
// gumshoe), the full pipeline. Goal: at most 100 ms/op with the exact result.
//
// The work budgets cut a pathological comparison short with a coarser,
// degraded result, so the time alone could meet the goal by construction:
// every degraded comparison is counted (`degraded`) and fails the
// benchmark, and a worst case over the goal is reported as a miss.
func BenchmarkDiffRewrite(b *testing.B) {
	const goal = 100 * time.Millisecond
	a := string(corpus.Read(b, "fountain", "samples", "big-fish.fountain"))
	g := string(corpus.Read(b, "fountain", "other", "gumshoe.scrambled.fountain"))
	b.SetBytes(int64(len(a) + len(g)))
	b.ReportAllocs()
	b.ResetTimer()
	var worst time.Duration
	degraded := 0
	for i := 0; i < b.N; i++ {
		start := time.Now()
		r := Compare(a, g, Options{})
		if d := time.Since(start); d > worst {
			worst = d
		}
		if r.Degraded {
			degraded++
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(worst.Microseconds())/1000, "worst-ms")
	b.ReportMetric(float64(degraded), "degraded")
	if degraded > 0 {
		// A failed benchmark prints no metrics: the message carries them.
		b.Errorf("goal missed: %d of %d comparisons hit the work bound and returned a degraded result (worst %v)", degraded, b.N, worst)
	}
	if worst > goal {
		b.Logf("goal missed: the worst comparison took %v (goal %v)", worst, goal)
	}
}

// BenchmarkMergeFeature: a three-way merge of two 5%-edited copies of Big
// Fish.
func BenchmarkMergeFeature(b *testing.B) {
	a := string(corpus.Read(b, "fountain", "samples", "big-fish.fountain"))
	x, y := editFraction(a, 0.05, 1), editFraction(a, 0.05, 2)
	b.ReportAllocs()
	b.ResetTimer()
	var m MergeResult
	for i := 0; i < b.N; i++ {
		m = Merge(a, x, y)
	}
	b.StopTimer()
	b.ReportMetric(float64(len(m.Conflicts)), "conflicts")
}

// BenchmarkUnifiedFeature: `diff -u` of Big Fish against the 5%-edited copy.
func BenchmarkUnifiedFeature(b *testing.B) {
	a := string(corpus.Read(b, "fountain", "samples", "big-fish.fountain"))
	m := editFraction(a, 0.05, 42)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = Unified("a", "b", a, m, 3)
	}
}

// BenchmarkScenesFeature: the scene summary alone (`scriptroom diff
// --format scenes`) of Big Fish against the 5%-edited copy.
func BenchmarkScenesFeature(b *testing.B) {
	a := string(corpus.Read(b, "fountain", "samples", "big-fish.fountain"))
	m := editFraction(a, 0.05, 42)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = Summarize(a, m, Options{})
	}
}

// BenchmarkCompareViewFeature: what the compare view receives for
// BenchmarkDiffFeature's pair, made without rows (CompareView).
func BenchmarkCompareViewFeature(b *testing.B) {
	a := string(corpus.Read(b, "fountain", "samples", "big-fish.fountain"))
	m := editFraction(a, 0.05, 42)
	b.SetBytes(int64(len(a) + len(m)))
	b.ReportAllocs()
	b.ResetTimer()
	var v *View
	for i := 0; i < b.N; i++ {
		v = CompareView(a, m, Options{})
	}
	b.StopTimer()
	b.ReportMetric(float64(len(v.Runs)), "runs")
}

// BenchmarkCompareThenViewFeature: the same view packed from Compare's
// rows, for comparison with BenchmarkCompareViewFeature.
func BenchmarkCompareThenViewFeature(b *testing.B) {
	a := string(corpus.Read(b, "fountain", "samples", "big-fish.fountain"))
	m := editFraction(a, 0.05, 42)
	b.SetBytes(int64(len(a) + len(m)))
	b.ReportAllocs()
	b.ResetTimer()
	var v *View
	for i := 0; i < b.N; i++ {
		v = Compare(a, m, Options{}).View()
	}
	b.StopTimer()
	b.ReportMetric(float64(len(v.Runs)), "runs")
}
