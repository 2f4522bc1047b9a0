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
	for i := range a.Elements {
		// Write adds a mark where plain text would read as another
		// element, but never drops the '!' a writer typed.
		if a.Elements[i].Type == Action && a.Elements[i].Forced && !b.Elements[i].Forced {
			return fmt.Sprintf("element %d: forced action lost its '!'", i)
		}
	}
	if a.Trailer != b.Trailer {
		return fmt.Sprintf("trailer %q, then %q", a.Trailer, b.Trailer)
	}
	return ""
}

// TestRoundTripKeeps holds what a writer typed that Parse→Write keeps
// exactly: the '!' of forced action, and a boneyard block that ends the
// document (Beat keeps its settings there), verbatim.
func TestRoundTripKeeps(t *testing.T) {
	beat := "/* If you're seeing this, you can remove the following stuff - BEAT:\n{\"caretPosition\":12, \"revisionColor\":\"blue\"}\nEND_BEAT */\n"
	tests := []struct {
		name, src, want string
	}{
		{"forced action", "INT. HOUSE - DAY\n\n!BANG!\n\n!He waits.\n", "INT. HOUSE - DAY\n\n!BANG!\n\n!He waits.\n"},
		{"forced action of two lines", "!SHE SCREAMS\nand runs.\n", "!SHE SCREAMS\nand runs.\n"},
		{"a trailing boneyard", "INT. HOUSE - DAY\n\nHe waits.\n\n" + beat, "INT. HOUSE - DAY\n\nHe waits.\n\n" + beat},
		{"a trailing boneyard without a newline", "He waits.\n\n/* x\n\ny */", "He waits.\n\n/* x\n\ny */"},
		{"only a boneyard", "/* notes */\n", "/* notes */\n"},
		{"a title page and a boneyard", "Title: X\n\n/* notes */\n", "Title: X\n\n/* notes */\n"},
		// Not a trailer: boneyard inside the text is still removed.
		{"a boneyard inside the text", "He waits. /* cut */\n\nShe goes.\n", "He waits. \n\nShe goes.\n"},
		{"a boneyard that closes one opened earlier", "A /* x\n\n/* y */\n", "A \n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkRoundTrip(t, tt.src)
			if got := Write(Parse(tt.src)); got != tt.want {
				t.Errorf("Write(Parse(%q)) = %q, want %q", tt.src, got, tt.want)
			}
		})
	}
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
