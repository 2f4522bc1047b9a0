package fountain

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
)

// checkRoundTrip fails when Parse(Write(Parse(src))) differs from Parse(src).
func checkRoundTrip(t testing.TB, src string) {
	t.Helper()
	a := Parse(src)
	out := Write(a)
	b := Parse(out)
	if d := diffScripts(a, b); d != "" {
		t.Fatalf("round trip differs: %s\n--- written:\n%s", d, out)
	}
}

// diffScripts describes the first difference Write promises to avoid.
func diffScripts(a, b *Script) string {
	if len(a.TitlePage) != len(b.TitlePage) {
		return fmt.Sprintf("title page has %d fields, then %d", len(a.TitlePage), len(b.TitlePage))
	}
	for i := range a.TitlePage {
		if a.TitlePage[i] != b.TitlePage[i] {
			return fmt.Sprintf("title field %d: %q then %q", i, a.TitlePage[i], b.TitlePage[i])
		}
	}
	for i := range min(len(a.Elements), len(b.Elements)) {
		if !SameElement(a.Elements[i], b.Elements[i]) {
			return fmt.Sprintf("element %d: %+v then %+v", i, a.Elements[i], b.Elements[i])
		}
	}
	if len(a.Elements) != len(b.Elements) {
		return fmt.Sprintf("%d elements, then %d", len(a.Elements), len(b.Elements))
	}
	return ""
}

func TestRoundTripCorpus(t *testing.T) {
	dir := corpus.Dir(t)
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".fountain") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		src := string(corpus.Read(t, rel))
		n++
		t.Run(rel, func(t *testing.T) {
			checkRoundTrip(t, src)
			checkLines(t, src, Parse(src))
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no .fountain files in the corpus")
	}
}

// checkLines fails when an element's lines are out of the source's range or
// out of order.
func checkLines(t testing.TB, src string, s *Script) {
	t.Helper()
	_, total := splitLines(src)
	prev := 0
	for i, e := range s.Elements {
		if e.Line < 1 || e.EndLine < e.Line || e.EndLine > total || e.Line <= prev {
			t.Fatalf("element %d %+v: lines out of range (source has %d lines, previous ended at %d)", i, e, total, prev)
		}
		prev = e.EndLine
	}
}
