package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/corpus"
)

// BenchmarkCompareVersionsFeature is the Go side of opening the compare
// view on two revisions of Big Fish (127 pages, the pair of
// e2e/compare-feature.test.mjs): Compare.Versions (both texts read from the
// library, compared, packed), then its JSON as Wails encodes the answer.
// Reports compute-ms and json-ms per call, and the answer's bytes.
func BenchmarkCompareVersionsFeature(b *testing.B) {
	dir := filepath.Join(corpus.Dir(b), "versions", "beat-big-fish")
	names, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	sort.Slice(names, func(i, j int) bool { return names[i].Name() < names[j].Name() })
	c := newTestCore(b)
	lib, ed, cmp := NewLibrary(c), NewEditor(c), NewCompare(c)
	sc, err := lib.Create("Big Fish")
	if err != nil {
		b.Fatal(err)
	}
	var ids [2]string
	for i := range ids {
		text, err := os.ReadFile(filepath.Join(dir, names[i].Name()))
		if err != nil {
			b.Fatal(err)
		}
		r, err := ed.Commit(sc.ID, string(text), names[i].Name())
		if err != nil {
			b.Fatal(err)
		}
		ids[i] = string(r.ID)
	}
	var compute, encode time.Duration
	var size int
	b.ReportAllocs()
	for b.Loop() {
		t0 := time.Now()
		got, err := cmp.Versions(sc.ID, ids[0], ids[1])
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		out, err := json.Marshal(got)
		if err != nil {
			b.Fatal(err)
		}
		compute, encode, size = compute+t1.Sub(t0), encode+time.Since(t1), len(out)
	}
	b.ReportMetric(float64(compute.Microseconds())/1000/float64(b.N), "compute-ms")
	b.ReportMetric(float64(encode.Microseconds())/1000/float64(b.N), "json-ms")
	b.ReportMetric(float64(size), "bytes")
}
