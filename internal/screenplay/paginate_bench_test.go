package screenplay

import (
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/fountain"
)

// BenchmarkPaginateFeature parses and paginates Big Fish (a 127-page
// feature), as the app does on every edit; the goal is 20 ms together.
func BenchmarkPaginateFeature(b *testing.B) {
	src := string(corpus.Read(b, "fountain", "samples", "big-fish.fountain"))
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	pages := 0
	for b.Loop() {
		doc := Paginate(fountain.Parse(src), Options{Paper: Letter})
		pages = len(doc.Pages)
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N), "ms/op")
}

// BenchmarkPaginateOnly is Paginate alone on Big Fish, parsed once.
func BenchmarkPaginateOnly(b *testing.B) {
	s := fountain.Parse(string(corpus.Read(b, "fountain", "samples", "big-fish.fountain")))
	b.ReportAllocs()
	for b.Loop() {
		Paginate(s, Options{Paper: Letter})
	}
}

// BenchmarkAnalyze is the report on a paginated Big Fish.
func BenchmarkAnalyze(b *testing.B) {
	s := fountain.Parse(string(corpus.Read(b, "fountain", "samples", "big-fish.fountain")))
	doc := Paginate(s, Options{Paper: Letter})
	b.ReportAllocs()
	for b.Loop() {
		Analyze(s, doc)
	}
}
