package production

import (
	"bytes"
	"encoding/xml"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/fdx"
	"github.com/scriptroom/scriptroom/internal/fountain"
)

const fdxBase = `INT. HOUSE - DAY

Ann waits by the window.

INT. HALL - DAY

Bob runs past.

EXT. YARD - NIGHT

The dog barks at the moon.
`

// fdxNext cuts scene 2, adds a scene after scene 1 and changes a word of
// scene 3.
const fdxNext = `INT. HOUSE - DAY

Ann waits by the window.

EXT. STREET - DAY

A car stops.

EXT. YARD - NIGHT

The dog howls at the moon.
`

// roundTrip writes d as FDX, checks the XML, reads it back and returns
// the script and its production draft.
func roundTrip(t *testing.T, d *Draft, set RevisionSet) (*fountain.Script, *fdx.Production) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteFDX(&buf, d, set); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
	}
	s, rep, err := fdx.Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Production == nil {
		t.Fatalf("no production draft read back: %s", rep)
	}
	return s, rep.Production
}

// checkSame checks that what was read back is what was written: scene
// numbers, the set, the revised runs, the cuts and the locked pages.
func checkSame(t *testing.T, d *Draft, set RevisionSet, s *fountain.Script, got *fdx.Production) {
	t.Helper()
	want := d.FDX(set)
	var wantNums, gotNums []string
	for _, sc := range d.Script.Scenes() {
		wantNums = append(wantNums, sc.Number+" "+fountain.Plain(sc.Heading))
	}
	for _, sc := range s.Scenes() {
		gotNums = append(gotNums, sc.Number+" "+fountain.Plain(sc.Heading))
	}
	if !reflect.DeepEqual(gotNums, wantNums) {
		t.Errorf("scene numbers:\n got %q\nwant %q", gotNums, wantNums)
	}
	if !reflect.DeepEqual(got.Sets, want.Sets) || got.Active != want.Active {
		t.Errorf("sets: got %+v active %d, want %+v active %d", got.Sets, got.Active, want.Sets, want.Active)
	}
	if a := got.Sets[got.Active-1]; a.Name != set.Name || a.Color != set.Color {
		t.Errorf("active set %+v, want name %q colour %q", a, set.Name, set.Color)
	}
	if !reflect.DeepEqual(got.Revised, want.Revised) {
		t.Errorf("revised:\n got %+v\nwant %+v", got.Revised, want.Revised)
	}
	if !reflect.DeepEqual(got.Deleted, want.Deleted) {
		t.Errorf("deleted:\n got %+v\nwant %+v", got.Deleted, want.Deleted)
	}
	if !reflect.DeepEqual(got.LockedPages, want.LockedPages) {
		t.Errorf("locked pages:\n got %+v\nwant %+v", got.LockedPages, want.LockedPages)
	}
	if len(s.Elements) != len(d.Script.Elements) {
		t.Errorf("%d elements read back, %d written", len(s.Elements), len(d.Script.Elements))
	}
}

func TestWriteFDXRoundTrip(t *testing.T) {
	d := Lock(fdxBase, fdxNext, Options{})
	set, err := NewSet("pink", time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	s, got := roundTrip(t, d, set)
	checkSame(t, d, set, s, got)
	text := fountain.Write(s)
	for _, want := range []string{"#1#", "#1A#", "OMITTED #2#", "#3#"} {
		if !strings.Contains(text, want) {
			t.Errorf("read-back text lacks %q:\n%s", want, text)
		}
	}
	// Which text is revised: the new scene whole, the OMITTED heading,
	// and of scene 3's line only the changed word.
	revised := map[string]string{}
	for _, r := range got.Revised {
		txt := []rune(s.Elements[r.Element].Text)
		end := r.End
		if end < 0 {
			end = len(txt)
		}
		revised[string(txt)] += string(txt[r.Start:end]) + "|"
	}
	want := map[string]string{
		"EXT. STREET - DAY": "EXT. STREET - DAY|",
		// Aligned with "Bob runs past." by the diff, which keeps its ".";
		// typed anew, so revised whole.
		"A car stops.":               "A car stops.|",
		"OMITTED":                    "OMITTED|",
		"The dog howls at the moon.": "howl|",
	}
	if !reflect.DeepEqual(revised, want) {
		t.Errorf("revised text:\n got %q\nwant %q", revised, want)
	}
	if got.Sets[1].Color != "Pink" || got.Active != 2 || got.Sets[0].Color != "Blue" {
		t.Errorf("sets %+v active %d: want Blue then Pink, Pink active", got.Sets, got.Active)
	}
}

// TestWriteFDXCorpus exports Big Fish locked and edited (a scene cut, one
// added, pages grown, shrunk and emptied) and reads it back.
func TestWriteFDXCorpus(t *testing.T) {
	base, edited := bigFishEdit(t)
	d := Lock(base, edited, Options{})
	set, err := NewSet("", time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	s, got := roundTrip(t, d, set)
	checkSame(t, d, set, s, got)
	labels := map[string]bool{}
	for _, lp := range got.LockedPages {
		labels[lp.Label] = true
	}
	for _, p := range d.Pages {
		if !labels[p.Label] {
			t.Errorf("locked page %q lost", p.Label)
		}
	}
	if len(got.Revised) == 0 || len(got.Deleted) == 0 {
		t.Errorf("%d revised runs, %d cuts: want some of each", len(got.Revised), len(got.Deleted))
	}
}
