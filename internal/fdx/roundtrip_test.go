package fdx

import (
	"bytes"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/textfile"
)

// roundTrip writes s as FDX and reads it back.
func roundTrip(t testing.TB, s *fountain.Script) (*fountain.Script, *Report, []byte) {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, s); err != nil {
		t.Fatalf("Write: %v", err)
	}
	got, rep, err := Read(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatalf("Read(Write(s)): %v\n%s", err, b.String())
	}
	return got, rep, b.Bytes()
}

// diffScripts describes the first difference in the title page or in the
// elements (compared with fountain.SameElement), or returns "". With
// escapes, texts that differ only in backslash escapes that change nothing
// (same fountain.Emphasis spans: "f\\*ck" and "f*ck") count as equal, and
// escapes counts them.
func diffScripts(a, b *fountain.Script, escapes *int) string {
	if len(a.TitlePage) != len(b.TitlePage) {
		return fmt.Sprintf("title page has %d fields, then %d: %q then %q", len(a.TitlePage), len(b.TitlePage), a.TitlePage, b.TitlePage)
	}
	for i := range a.TitlePage {
		x, y := a.TitlePage[i], b.TitlePage[i]
		if escapes != nil && x.Value != y.Value && sameSpans(fountain.Emphasis(x.Value), fountain.Emphasis(y.Value)) {
			*escapes++
			y.Value = x.Value
		}
		if x != y {
			return fmt.Sprintf("title field %d: %q then %q", i, a.TitlePage[i], b.TitlePage[i])
		}
	}
	for i := range min(len(a.Elements), len(b.Elements)) {
		x, y := a.Elements[i], b.Elements[i]
		if escapes != nil && x.Text != y.Text && sameSpans(fountain.Emphasis(x.Text), fountain.Emphasis(y.Text)) {
			*escapes++
			y.Text = x.Text
		}
		if !fountain.SameElement(x, y) {
			return fmt.Sprintf("element %d: %+v then %+v", i, a.Elements[i], b.Elements[i])
		}
	}
	if len(a.Elements) != len(b.Elements) {
		return fmt.Sprintf("%d elements, then %d", len(a.Elements), len(b.Elements))
	}
	return ""
}

// TestRoundTripCorpus checks Fountain → FDX → Fountain on every .fountain
// file of the corpus: the same elements (fountain.SameElement) and the same
// title page. FDX has no escapes, so a text whose backslash escapes change
// nothing comes back with the escapes Read needs, not the author's; those
// are counted and logged, and the rest must be exact.
func TestRoundTripCorpus(t *testing.T) {
	dir := corpus.Dir(t)
	n, exact, escapeOnly := 0, 0, 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".fountain") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		n++
		t.Run(rel, func(t *testing.T) {
			dec, err := textfile.Decode(corpus.Read(t, rel))
			if err != nil {
				t.Fatal(err)
			}
			want := fountain.Parse(dec.Text)
			got, _, out := roundTrip(t, want)
			esc := 0
			if d := diffScripts(want, got, &esc); d != "" {
				t.Errorf("round trip differs: %s\n--- FDX (first 3000 bytes):\n%.3000s", d, out)
				return
			}
			if esc > 0 {
				escapeOnly++
				t.Logf("%d texts differ only in redundant escapes", esc)
				return
			}
			exact++
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 {
		t.Fatalf("only %d .fountain files in the corpus", n)
	}
	t.Logf("%d files: %d exact, %d equal up to redundant escapes", n, exact, escapeOnly)
}

// Lyrics sung inside a dual-dialogue speech stay in its column; a lyric
// block of its own after the pair stays out of it.
func TestRoundTripSungDualDialogue(t *testing.T) {
	src := "INT. HALL - DAY\n\nANNA\n~La la la\n\nBEN ^\nStop.\n~Do re mi\n\n~A song for everyone\n"
	s := fountain.Parse(src)
	got, _, raw := roundTrip(t, s)
	if d := diffScripts(s, got, nil); d != "" {
		t.Fatalf("round trip: %s\n%s", d, raw)
	}
	for i, e := range got.Elements {
		want := s.Elements[i]
		if e.DualFirst != want.DualFirst {
			t.Errorf("element %d %s %q: dual_first %v, want %v", i, e.Type, e.Text, e.DualFirst, want.DualFirst)
		}
	}
	last := got.Elements[len(got.Elements)-1]
	if last.Type != fountain.Lyrics || last.Dual || last.DualFirst {
		t.Errorf("the lyric block after the pair = %+v, want plain lyrics", last)
	}
	if n := bytes.Count(raw, []byte("<DualDialogue>")); n != 1 {
		t.Errorf("%d <DualDialogue> blocks, want 1", n)
	}
}
