package production

import (
	"bytes"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/fdx"
	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/screenplay"
)

// finalDraftPages writes text as a locked Final Draft file whose locked
// pages are not where this package's pagination puts them: every page
// after the first starts a sentence earlier, and the third is "2A" (so
// the pages after it are numbered one less). It returns the file and the
// locked pages it holds, as fdx.Read reads them.
func finalDraftPages(t *testing.T, text string) ([]byte, []fdx.LockedPage) {
	t.Helper()
	d := Lock(text, text, Options{})
	if len(d.Pages) < 5 {
		t.Fatalf("%d pages, want at least 5", len(d.Pages))
	}
	p := d.FDX(RevisionSet{Name: "White", Color: "White"})
	moved := 0
	for k := range p.LockedPages {
		lp := &p.LockedPages[k]
		switch {
		case k == 2:
			lp.Label = "2A"
		case k > 2:
			lp.Label = strconv.Itoa(k)
		}
		if k == 0 {
			continue
		}
		// A sentence earlier, in its paragraph: after the ". " before the
		// one it starts.
		r := []rune(fountain.Plain(d.Script.Elements[lp.Element].Text))
		if lp.Offset < 3 {
			continue
		}
		at := strings.LastIndex(string(r[:lp.Offset-2]), ". ")
		if at < 0 {
			t.Fatalf("page %d: no sentence before offset %d", k+1, lp.Offset)
		}
		lp.Offset = len([]rune(string(r[:lp.Offset-2])[:at+2]))
		moved++
	}
	if moved < 4 {
		t.Fatalf("%d page starts moved, want at least 4", moved)
	}
	var buf bytes.Buffer
	if err := fdx.WriteProduction(&buf, d.Script, p); err != nil {
		t.Fatal(err)
	}
	_, rep, err := fdx.Read(bytes.NewReader(buf.Bytes()))
	if err != nil || rep.Production == nil {
		t.Fatalf("read back: %v", err)
	}
	return buf.Bytes(), rep.Production.LockedPages
}

// longScenes are n scenes of 60 printed lines each: pages break inside
// their paragraphs.
func longScenes(n int) []string {
	var out []string
	for i := 1; i <= n; i++ {
		out = append(out, scene("ROOM "+strconv.Itoa(i), 60))
	}
	return out
}

// TestFromFDXLockedPages: a Final Draft file's locked pages, whose labels
// and starts are not this package's, are the lock's: the draft prints
// them at the file's places with the file's labels, written again as
// FDX they are the file's, and text added flows onto pages lettered
// between the file's.
func TestFromFDXLockedPages(t *testing.T) {
	text := strings.Join(longScenes(8), "")
	raw, want := finalDraftPages(t, text)
	s, rep, err := fdx.Read(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	fd := FromFDX(s, rep.Production)
	if len(fd.Pages) != len(want) || fd.PagesLeft != 0 {
		t.Fatalf("%d pages placed, %d left; the file has %d", len(fd.Pages), fd.PagesLeft, len(want))
	}
	var wantLabels []string
	for _, lp := range want {
		wantLabels = append(wantLabels, lp.Label)
	}
	lk := NewLocked(fd.Base, Options{Pages: fd.Pages})
	d := lk.Draft(fountain.Write(s))
	if got := labels(d); !slices.Equal(got, wantLabels) {
		t.Fatalf("labels %v, want the file's %v", got, wantLabels)
	}
	for k, pg := range d.Doc.Pages {
		at := screenplay.Position{Element: want[k].Element, Offset: want[k].Offset}
		if k > 0 && pg.Start != at {
			t.Errorf("page %s starts at %+v, the file's at %+v", d.Pages[k].Label, pg.Start, at)
		}
		if pg.Label != wantLabels[k] {
			t.Errorf("page %d prints %q, want %q", k+1, pg.Label, wantLabels[k])
		}
	}
	// Written again (FDX), the locked pages are the file's.
	var buf bytes.Buffer
	if err := WriteFDX(&buf, d, RevisionSet{Name: "Blue", Color: "Blue"}); err != nil {
		t.Fatal(err)
	}
	_, rep2, err := fdx.Read(&buf)
	if err != nil || rep2.Production == nil {
		t.Fatalf("read the export back: %v", err)
	}
	if !slices.Equal(rep2.Production.LockedPages, want) {
		t.Errorf("exported locked pages\n %+v\nwant the file's\n %+v", rep2.Production.LockedPages, want)
	}
	if _, err := Write(io.Discard, d, WriteOptions{Set: RevisionSet{Color: "Blue", Date: time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)}}); err != nil {
		t.Fatal(err)
	}

	// Text added on page 2A flows onto 2B; on page 2, whose next page is
	// the file's 2A, onto A2A.
	scenes := longScenes(8)
	grown := strings.Join(scenes, "")
	for _, room := range []string{"ROOM 2 ", "ROOM 4 "} {
		grown = strings.Replace(grown, "INT. "+room+"- DAY", scene("ANNEX OF "+room, 50)+"INT. "+room+"- DAY", 1)
	}
	g := lk.Draft(grown)
	got := labels(g)
	k := 0 // the file's labels, in order, each on a page of its own
	for _, l := range got {
		if k < len(wantLabels) && strings.TrimSuffix(l, "*") == wantLabels[k] {
			k++
		}
	}
	if k != len(wantLabels) || !slices.Contains(got, "A2A*") || !slices.Contains(got, "3A*") {
		t.Errorf("labels %v: want the file's %v in order, pages added after 2 as A2A (2A is the file's) and after 3 as 3A", got, wantLabels)
	}
	t.Logf("grown: %v", got)
}
