package pdf

import (
	"io"
	"testing"

	"github.com/scriptroom/scriptroom/internal/screenplay"
)

// BenchmarkWriteBigFish prints Big Fish (a title page and about 120 pages)
// with scene numbers and revision marks on every tenth line. Goal: well
// under a second for a feature, so export never feels slow.
func BenchmarkWriteBigFish(b *testing.B) {
	src, doc := paginate(b, screenplay.Options{SceneNumbers: true}, "fountain", "samples", "big-fish.fountain")
	marks := Marks{Lines: map[int]bool{}}
	for i := 1; i < len(src)/40; i += 10 {
		marks.Lines[i] = true
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := Write(io.Discard, doc, Options{Marks: marks, Color: "Blue"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(doc.Pages))*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkWriteCyrillic prints afterwriting's Cyrillic script, which
// embeds a TrueType font (finding, parsing and subsetting it).
func BenchmarkWriteCyrillic(b *testing.B) {
	_, doc := paginate(b, screenplay.Options{}, "peer-tests", "afterwriting", "cyrillic.fountain")
	b.ResetTimer()
	for b.Loop() {
		if _, err := Write(io.Discard, doc, Options{}); err != nil {
			b.Skip(err) // no system font here
		}
	}
}
