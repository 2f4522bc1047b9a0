package production

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/fdx"
	"github.com/scriptroom/scriptroom/internal/fountain"
)

// TestLockSets: a change made in the Blue set keeps its Blue mark when the
// Pink set adds a scene and cuts one; each page carries the newest set
// that marked it; clearing at the Pink set's start drops the Blue marks.
func TestLockSets(t *testing.T) {
	scenes := longScript(12)
	base := strings.Join(scenes, "")
	blueText := strings.Replace(base, "Line 3 of room 2 goes", "Line 3 of room 2 now runs", 1)
	pinkScenes := append([]string{}, scenes...)
	pinkScenes[1] = strings.Replace(pinkScenes[1], "Line 3 of room 2 goes", "Line 3 of room 2 now runs", 1)
	pinkScenes[7] += scene("ATTIC", 3)
	pinkScenes[10] = "" // ROOM 11 cut
	pinkText := strings.Join(pinkScenes, "")

	day := func(d int) time.Time { return time.Date(2026, 12, d, 0, 0, 0, 0, time.UTC) }
	blue, _ := NewSet("Blue", day(6))
	pink, _ := NewSet("Pink", day(9))
	sets := []SetText{{blue, base}, {pink, blueText}}
	d := LockSets(base, pinkText, sets, nil, Options{})

	setOfText := func(d *Draft, sub string) int {
		t.Helper()
		for i, l := range strings.Split(d.Text, "\n") {
			if strings.Contains(l, sub) {
				k, ok := d.SetOfLine(i + 1)
				if !ok {
					return -1
				}
				return k
			}
		}
		t.Fatalf("no line with %q", sub)
		return 0
	}
	if k := setOfText(d, "now runs"); k != 0 {
		t.Errorf("Blue's change belongs to set %d, want 0", k)
	}
	if k := setOfText(d, "INT. ATTIC"); k != 1 {
		t.Errorf("Pink's new scene belongs to set %d, want 1", k)
	}
	if k := setOfText(d, "OMITTED"); k != 1 {
		t.Errorf("Pink's cut belongs to set %d, want 1", k)
	}
	if k := setOfText(d, "INT. ROOM 5"); k != -1 {
		t.Errorf("an unchanged heading is marked, set %d", k)
	}
	var bluePages, pinkPages []string
	for _, p := range d.Pages {
		switch {
		case p.Revised && p.Set == 0:
			bluePages = append(bluePages, p.Label)
		case p.Revised && p.Set == 1:
			pinkPages = append(pinkPages, p.Label)
		case p.Revised:
			t.Errorf("page %s revised without a set", p.Label)
		}
	}
	if len(bluePages) != 1 || bluePages[0] != "1" || len(pinkPages) == 0 {
		t.Fatalf("blue pages %v, pink pages %v; want 1 Blue page (1) and some Pink", bluePages, pinkPages)
	}

	// Printed: the revised pages only are Pink's, one header each.
	var all, only bytes.Buffer
	opts := WriteOptions{Sets: []RevisionSet{blue, pink}}
	if _, err := Write(&all, d, opts); err != nil {
		t.Fatal(err)
	}
	opts.RevisedOnly = true
	if _, err := Write(&only, d, opts); err != nil {
		t.Fatal(err)
	}
	if all.Len() <= only.Len() {
		t.Errorf("revised pages only (%d bytes) not smaller than the whole script (%d)", only.Len(), all.Len())
	}

	// Cleared at Pink's start: Blue's mark is gone, Pink's stay.
	c := LockSets(base, pinkText, sets, &blueText, Options{})
	if k := setOfText(c, "now runs"); k != -1 {
		t.Errorf("after clearing, Blue's change is marked (set %d)", k)
	}
	if k := setOfText(c, "INT. ATTIC"); k != 1 {
		t.Errorf("after clearing, Pink's new scene belongs to set %d, want 1", k)
	}
	for _, p := range c.Pages {
		if p.Label == "1" && p.Marked {
			t.Errorf("page 1 still marked after clearing: %+v", p)
		}
	}
	// The numbers do not depend on the sets.
	if got, want := labels(c), labels(Lock(base, pinkText, Options{})); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Logf("labels with clearing %v, without %v", got, want)
	}
}

// TestWriteFDXSets: a production draft with two sets read back from its
// FDX keeps both sets (dated in their names), each revised run in the set
// that made it, the locked pages and the OMITTED scene.
func TestWriteFDXSets(t *testing.T) {
	scenes := longScript(12)
	base := strings.Join(scenes, "")
	blueText := strings.Replace(base, "Line 3 of room 2 goes", "Line 3 of room 2 now runs", 1)
	pinkText := strings.Replace(blueText, scene("ROOM 11", 9), "", 1) + scene("ATTIC", 3)
	blue, _ := NewSet("Blue", time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC))
	pink, _ := NewSet("Pink", time.Date(2026, 12, 9, 0, 0, 0, 0, time.UTC))
	d := LockSets(base, pinkText, []SetText{{blue, base}, {pink, blueText}}, nil, Options{})
	var buf bytes.Buffer
	if err := WriteFDXSets(&buf, d, []RevisionSet{blue, pink}, pink); err != nil {
		t.Fatal(err)
	}
	s, rep, err := fdx.Read(&buf)
	if err != nil || rep.Production == nil {
		t.Fatalf("read back: %v %v", err, rep)
	}
	p := rep.Production
	if len(p.Sets) != 2 || p.Sets[0].Name != "Blue Rev. 12/06/26" || p.Sets[1].Name != "Pink Rev. 12/09/26" || p.Active != 2 {
		t.Fatalf("sets %+v active %d", p.Sets, p.Active)
	}
	bySet := map[int]string{}
	for _, r := range p.Revised {
		txt := []rune(fountain.Plain(s.Elements[r.Element].Text))
		end := r.End
		if end < 0 || end > len(txt) {
			end = len(txt)
		}
		bySet[r.Set] += string(txt[r.Start:end]) + "|"
	}
	if !strings.Contains(bySet[1], "now run") || strings.Contains(bySet[2], "now run") || !strings.Contains(bySet[2], "ATTIC") {
		t.Errorf("revised runs by set: %v", bySet)
	}
	omitted := false
	for _, e := range s.Elements {
		if e.Type == fountain.SceneHeading && strings.Contains(e.Text, "OMITTED") && e.SceneNumber == "11" {
			omitted = true
		}
	}
	if !omitted || len(p.LockedPages) != len(d.Pages) {
		t.Errorf("omitted scene 11 read back: %v; locked pages %d, want %d", omitted, len(p.LockedPages), len(d.Pages))
	}
}

// TestLockSetsProperties: on random edits, one set started at the lock
// marks exactly what Lock marks, all in that set; a second set started at
// the edited text marks nothing new, and clearing at it leaves no mark.
func TestLockSetsProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(*seed, 1))
	blue := RevisionSet{Name: "Blue", Color: "Blue"}
	pink := RevisionSet{Name: "Pink", Color: "Pink"}
	for run := 0; run < 30; run++ {
		var sc []string
		for i := 1; i <= 8+rng.IntN(12); i++ {
			sc = append(sc, randomScene(rng, fmt.Sprintf("ROOM %d", i)))
		}
		base := strings.Join(sc, "")
		for k := 0; k < 1+rng.IntN(4); k++ {
			i := rng.IntN(len(sc))
			if rng.IntN(2) == 0 && len(sc) > 1 {
				sc = append(sc[:i], sc[i+1:]...)
			} else {
				sc = append(sc[:i], append([]string{randomScene(rng, fmt.Sprintf("NEW %d", k))}, sc[i:]...)...)
			}
		}
		next := strings.Join(sc, "")
		name := fmt.Sprintf("seed %d run %d", *seed, run)
		plain := Lock(base, next, Options{})
		one := LockSets(base, next, []SetText{{blue, base}}, nil, Options{})
		if !reflect.DeepEqual(plain.Marks, one.Marks) || !reflect.DeepEqual(plain.Rows, one.Rows) {
			t.Fatalf("%s: one set marks %v, Lock marks %v", name, keys(one.Marks), keys(plain.Marks))
		}
		for l := range one.Marks {
			if k, ok := one.SetOfLine(l); !ok || k != 0 {
				t.Fatalf("%s: line %d in set %d (%v), want 0", name, l, k, ok)
			}
		}
		two := LockSets(base, next, []SetText{{blue, base}, {pink, next}}, nil, Options{})
		for l := range two.Marks {
			if k, _ := two.SetOfLine(l); k != 0 {
				t.Fatalf("%s: line %d is Pink's, but Pink changed nothing", name, l)
			}
		}
		cleared := LockSets(base, next, []SetText{{blue, base}, {pink, next}}, &next, Options{})
		if len(cleared.Marks) != 0 {
			t.Fatalf("%s: marks %v left after clearing at the text itself", name, keys(cleared.Marks))
		}
		if !reflect.DeepEqual(labels(cleared), labelsWithoutRevised(plain)) {
			t.Errorf("%s: clearing changed the page numbers: %v, want %v", name, labels(cleared), labelsWithoutRevised(plain))
		}
	}
}

func keys(m map[int]bool) []int {
	var out []int
	for k := range m {
		out = append(out, k)
	}
	return out
}

// labelsWithoutRevised is labels without the revised pages' "*" of
// pages revised for their marks only.
func labelsWithoutRevised(d *Draft) []string {
	var out []string
	for _, p := range d.Pages {
		l := p.Label
		if p.Revised && p.Kind != PageLocked {
			l += "*"
		}
		out = append(out, l)
	}
	return out
}

// TestFromFDXRoundTrip: a production draft with two sets written as FDX
// and read back is taken apart into the texts its sets started from; laid
// out again, it has the same scene numbers and page labels, and each mark
// in the same set.
func TestFromFDXRoundTrip(t *testing.T) {
	scenes := longScript(12)
	base := strings.Join(scenes, "")
	blueText := strings.Replace(base, scene("ROOM 11", 9), "", 1) + scene("ATTIC", 3)
	pinkText := strings.Replace(blueText, "INT. ROOM 4 - DAY", "INT. CELLAR - NIGHT\n\nDark and damp.\n\nINT. ROOM 4 - DAY", 1)
	blue, _ := NewSet("Blue", time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC))
	pink, _ := NewSet("Pink", time.Date(2026, 12, 9, 0, 0, 0, 0, time.UTC))
	d := LockSets(base, pinkText, []SetText{{blue, base}, {pink, blueText}}, nil, Options{})
	var buf bytes.Buffer
	if err := WriteFDXSets(&buf, d, []RevisionSet{blue, pink}, pink); err != nil {
		t.Fatal(err)
	}
	s, rep, err := fdx.Read(&buf)
	if err != nil || rep.Production == nil {
		t.Fatalf("read back: %v", err)
	}
	got := FromFDX(s, rep.Production)
	if len(got.Sets) != 2 || got.Sets[0].Set.Name != "Blue" || got.Sets[1].Set.Name != "Pink" ||
		!got.Sets[1].Set.Date.Equal(pink.Date) || got.Sets[0].Set.Color != "Blue" || got.Kept != 0 {
		t.Fatalf("sets %+v kept %d", got.Sets, got.Kept)
	}
	if strings.Contains(got.Base, "ATTIC") || strings.Contains(got.Base, "CELLAR") || !strings.Contains(got.Sets[1].From, "ATTIC") || strings.Contains(got.Sets[1].From, "CELLAR") {
		t.Fatalf("the texts before the sets hold the wrong scenes:\nbase %q\nbefore Pink %q", got.Base, got.Sets[1].From)
	}
	again := LockSets(got.Base, fountain.Write(s), got.Sets, nil, Options{Pages: got.Pages})
	if len(got.Pages) != len(d.Pages) || got.PagesLeft != 0 {
		t.Errorf("%d locked pages placed in the locked draft (%d left), want %d", len(got.Pages), got.PagesLeft, len(d.Pages))
	}
	for k := range min(len(again.Doc.Pages), len(d.Doc.Pages)) {
		if a, b := again.Doc.Pages[k].Start, d.Doc.Pages[k].Start; a != b {
			t.Errorf("page %s starts at %+v read back, %+v written", d.Pages[k].Label, a, b)
		}
	}
	// The numbers and headings are the same; the OMITTED scene is one of
	// the base's now (its old text is not in the file), so it is unmarked.
	sceneNums := func(d *Draft) string {
		var out []string
		for _, sc := range d.Scenes {
			out = append(out, sc.Number+" "+sc.Heading)
		}
		return strings.Join(out, "|")
	}
	if a, b := sceneNums(again), sceneNums(d); a != b {
		t.Errorf("scenes read back %v, written %v", a, b)
	}
	// The file's pages are the lock's, its A-pages too: the labels are
	// the same, and a page is revised when marked or its text is not the
	// locked draft's page's (1A, which only took text page 1 passed on,
	// is a page of the lock now, not one added).
	plain := func(d *Draft) string {
		var out []string
		for _, p := range d.Pages {
			out = append(out, p.Label)
		}
		return strings.Join(out, " ")
	}
	if a, b := plain(again), plain(d); a != b {
		t.Errorf("pages read back %v, written %v", a, b)
	}
	for k := range min(len(again.Pages), len(d.Pages)) {
		if again.Pages[k].Marked != d.Pages[k].Marked {
			t.Errorf("page %s marked %v read back, %v written", d.Pages[k].Label, again.Pages[k].Marked, d.Pages[k].Marked)
		}
	}
	for _, want := range []struct {
		text string
		set  int
	}{{"INT. ATTIC", 0}, {"INT. CELLAR", 1}, {"Dark and damp.", 1}} {
		for i, l := range strings.Split(again.Text, "\n") {
			if strings.Contains(l, want.text) {
				if k, ok := again.SetOfLine(i + 1); !ok || k != want.set {
					t.Errorf("%q: set %d (%v), want %d", want.text, k, ok, want.set)
				}
			}
		}
	}
}
