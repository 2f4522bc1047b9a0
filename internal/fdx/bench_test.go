package fdx

import (
	"bytes"
	"io"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
)

// largestFDX is the largest FDX file of the corpus: Big Fish as saved by
// Final Draft 11 (378 KB, 2,755 elements).
var largestFDX = []string{"fdx", "jumpcut", "big-fish.fd11.fdx"}

func BenchmarkReadFDX(b *testing.B) {
	data := corpus.Read(b, largestFDX...)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var n int
	for b.Loop() {
		s, _, err := Read(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		n = len(s.Elements)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "elements/s")
}

func BenchmarkWriteFDX(b *testing.B) {
	s, _, err := Read(bytes.NewReader(corpus.Read(b, largestFDX...)))
	if err != nil {
		b.Fatal(err)
	}
	var out bytes.Buffer
	if err := Write(&out, s); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(out.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, s); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(s.Elements))*float64(b.N)/b.Elapsed().Seconds(), "elements/s")
}
