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
	srcs = append(srcs, "INT. A - DAY\r\rBOB\rHi.\r", "/* gone */\nINT. B - NIGHT\n\nAction. /* hidden\nacross */ shown.\n", "",
		// A trailing boneyard block (kept apart as the trailer), a byte
		// order mark, CRLF, no final newline.
		"INT. C - DAY\n\nShe waits.\n\n/* Other editor's data\n{\"k\": 1}\n*/\n", "\ufeffINT. D - DAY\n\nHe waits.\n",
		"INT. E - DAY\r\n\r\nThey wait.\r\n", "INT. F - DAY\n\nNo end", "\n\n\n")
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
		for _, in := range [][]Element{nil, buf} {
			if got := ParseElementsOfLines(in, src, cutLines(src)); !reflect.DeepEqual(got, want) {
				t.Fatalf("script %d: ParseElementsOfLines differs from Parse (%d elements, want %d)", i, len(got), len(want))
			}
		}
	}
}

// cutLines cuts s after each "\n", as the diff package's SplitLines does.
func cutLines(s string) []string {
	var out []string
	for len(s) > 0 {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			return append(out, s)
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

func mustRel(t *testing.T, p string) []string {
	rel, err := filepath.Rel(corpus.Dir(t), p)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(rel, string(filepath.Separator))
}
