package fountain

import (
	"io/fs"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
)

// ParseElements gives Parse's elements whatever array it is handed: none,
// one too small, or one left over from another script (longer, with
// elements of other types), for every Fountain script of the corpus. The
// parses run one after the other, so each reuses the line arrays the one
// before returned.
func TestParseElementsIsParse(t *testing.T) {
	var srcs []string
	err := filepath.WalkDir(corpus.Dir(t), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".fountain") {
			return err
		}
		srcs = append(srcs, string(corpus.Read(t, mustRel(t, p)...)))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) < 10 {
		t.Fatalf("found %d corpus scripts", len(srcs))
	}
	// Some sources with CR line ends and boneyard, which take other paths.
	srcs = append(srcs, "INT. A - DAY\r\rBOB\rHi.\r", "/* gone */\nINT. B - NIGHT\n\nAction. /* hidden\nacross */ shown.\n", "")
	var buf []Element
	for i, src := range srcs {
		want := Parse(src).Elements
		if want == nil {
			t.Fatalf("script %d: Parse gave nil elements", i)
		}
		for _, in := range [][]Element{nil, make([]Element, 1), buf} {
			got := ParseElements(in, src)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("script %d: ParseElements differs from Parse (%d elements, want %d)", i, len(got), len(want))
			}
		}
		buf = ParseElements(buf, src)
	}
}

func mustRel(t *testing.T, p string) []string {
	rel, err := filepath.Rel(corpus.Dir(t), p)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(rel, string(filepath.Separator))
}
