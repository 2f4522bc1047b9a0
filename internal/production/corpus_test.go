package production

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/fountain"
)

// bigFishEdit is Big Fish (about 127 pages, 192 scenes) edited as a writer
// edits a locked draft, with the edits it made:
//   - scene 12 deleted,
//   - a new scene inserted after scene 16,
//   - a page grown: a long paragraph added to scene 4,
//   - a page shrunk: an action paragraph cut from scene 27,
//   - most of scene 30 (four pages) cut, emptying whole pages.
func bigFishEdit(t testing.TB) (base, edited string) {
	t.Helper()
	base = string(corpus.Read(t, "fountain", "samples", "big-fish.fountain"))
	s := fountain.Parse(base)
	scenes := s.Scenes()
	lines := strings.Split(base, "\n")
	// Each edit replaces source lines [from, to) (1-based from); they are
	// applied from the bottom up so that line numbers hold.
	type edit struct {
		from, to int
		with     []string
	}
	var edits []edit
	sceneEnd := func(k int) int { return scenes[k].Line } // 0-based k: the next heading's line
	// Most of scene 30: its elements from a quarter to four fifths.
	var body []fountain.Element
	for _, e := range s.Elements[scenes[29].Index+1 : scenes[30].Index] {
		body = append(body, e)
	}
	edits = append(edits, edit{body[len(body)/4].Line, body[len(body)*4/5].Line, nil})
	// An action paragraph of scene 27 (not its first).
	for _, e := range s.Elements[scenes[26].Index+2 : scenes[27].Index] {
		if e.Type == fountain.Action {
			edits = append(edits, edit{e.Line, e.EndLine + 2, nil})
			break
		}
	}
	// A new scene after scene 16.
	edits = append(edits, edit{sceneEnd(16), sceneEnd(16), []string{
		"EXT. BLOOM HOUSE - ROOF - NIGHT", "",
		"Edward sits on the roof alone, watching the storm come in over the river.", ""}})
	// Scene 12 deleted.
	edits = append(edits, edit{scenes[11].Line, sceneEnd(12), nil})
	// A long paragraph after scene 4's heading.
	edits = append(edits, edit{scenes[3].Line + 2, scenes[3].Line + 2, []string{
		strings.Repeat("The waiters move between the tables as if nothing at all had happened here. ", 14), ""}})
	for _, e := range edits { // already bottom up
		lines = append(lines[:e.from-1], append(append([]string(nil), e.with...), lines[e.to-1:]...)...)
	}
	edited = strings.Join(lines, "\n")
	if dir := os.Getenv("PRODUCTION_KEEP"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, "big-fish-base.fountain"), []byte(base), 0o644)
		_ = os.WriteFile(filepath.Join(dir, "big-fish-edited.fountain"), []byte(edited), 0o644)
	}
	return base, edited
}

func TestLockBigFish(t *testing.T) {
	base, edited := bigFishEdit(t)
	d := Lock(base, edited, Options{})
	t.Logf("%d pages locked, %d now: %s", d.BasePages, len(d.Pages), strings.Join(labelsOf(d), " "))

	// Every page number of BASE is still there, once and in order: on its
	// own page or in a range.
	next := 1
	var added, merged []string
	for _, p := range d.Pages {
		switch p.Kind {
		case PageAdded:
			added = append(added, p.Label)
			if !strings.HasPrefix(p.Label, strconv.Itoa(next-1)) {
				t.Errorf("added page %s is not after page %d", p.Label, next-1)
			}
			continue
		case PageMerged:
			merged = append(merged, p.Label)
		}
		lo, hi, _ := strings.Cut(p.Label, "-")
		if hi == "" {
			hi = lo
		}
		if lo != strconv.Itoa(next) {
			t.Fatalf("page %s follows page %d", p.Label, next-1)
		}
		n, _ := strconv.Atoi(hi)
		next = n + 1
	}
	if next-1 != d.BasePages {
		t.Errorf("the last page is %d, the locked draft had %d", next-1, d.BasePages)
	}
	// The grown page (scene 4) and the new scene gave A-pages; the cut in
	// scene 30 emptied pages, merged into a range.
	if len(added) < 2 {
		t.Errorf("added pages %q, want at least two (a page grown, a scene inserted)", added)
	}
	if len(merged) == 0 {
		t.Errorf("no merged pages (the cut in scene 30 empties whole pages)")
	}

	// Every scene number of BASE is still there, in order; the deleted one
	// OMITTED, the new one 16A.
	n := 0
	for _, sc := range d.Scenes {
		if sc.Status == SceneNew {
			if sc.Number != "16A" {
				t.Errorf("new scene numbered %s, want 16A", sc.Number)
			}
			continue
		}
		n++
		if sc.Number != strconv.Itoa(n) {
			t.Fatalf("scene %s where %d was", sc.Number, n)
		}
		switch {
		case n == 12 && sc.Status != SceneOmitted:
			t.Errorf("scene 12 is %s, want omitted", sc.Status)
		case n != 12 && sc.Status == SceneOmitted:
			t.Errorf("scene %d omitted", n)
		case (n == 4 || n == 27 || n == 30) && sc.Status != SceneRevised:
			t.Errorf("scene %d is %s, want revised", n, sc.Status)
		}
	}
	if n != 192 {
		t.Errorf("%d of Big Fish's 192 scenes numbered", n)
	}

	// Pages not revised print exactly as they did; few pages are revised.
	revised := d.RevisedLabels()
	if len(revised) > 14 {
		t.Errorf("%d revised pages for five edits: %q", len(revised), revised)
	}
	// Renumbering the same draft against itself changes nothing.
	same := Lock(base, base, Options{})
	if got := same.RevisedLabels(); len(got) != 0 || len(same.Pages) != same.BasePages {
		t.Errorf("BASE against itself: revised %q, %d pages of %d", got, len(same.Pages), same.BasePages)
	}
}

func labelsOf(d *Draft) []string {
	var out []string
	for _, p := range d.Pages {
		l := p.Label
		if p.Revised {
			l += "*"
		}
		out = append(out, l)
	}
	return out
}

var _ = fmt.Sprint
