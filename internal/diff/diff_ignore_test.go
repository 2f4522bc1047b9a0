package diff

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
)

// TestLineEndingsAndBOMCompareSame: an LF script against its CRLF copy, and
// against a copy with a byte order mark, has no changes and no scene
// changes, with one notice each (before, every line of the CRLF copy was
// changed).
func TestLineEndingsAndBOMCompareSame(t *testing.T) {
	a := string(corpus.Read(t, "fountain", "samples", "big-fish.fountain"))
	for name, b := range map[string]string{
		"crlf":     strings.ReplaceAll(a, "\n", "\r\n"),
		"bom":      bom + a,
		"crlf+bom": bom + strings.ReplaceAll(a, "\n", "\r\n"),
	} {
		t.Run(name, func(t *testing.T) {
			for _, pair := range [][2]string{{a, b}, {b, a}} {
				r := Compare(pair[0], pair[1], Options{})
				if len(r.Changes) != 0 || r.Stats.Equal != len(SplitLines(a)) {
					t.Fatalf("%d changes, stats %+v; want none", len(r.Changes), r.Stats)
				}
				if len(r.Summary.Changes) != 0 || r.Summary.PreambleChanged {
					t.Fatalf("scene summary %+v; want no scene changes", r.Summary)
				}
				if want := strings.Count(name, "+") + 1; len(r.Notices) != want {
					t.Fatalf("notices %q; want %d", r.Notices, want)
				}
			}
		})
	}
	// A CRLF script against itself needs no notice; a real edit still shows.
	crlf := strings.ReplaceAll(a, "\n", "\r\n")
	if r := Compare(crlf, crlf, Options{}); len(r.Notices) != 0 {
		t.Fatalf("notices %q for two CRLF texts", r.Notices)
	}
	edited := strings.Replace(crlf, "CUT TO BLACK.", "FADE OUT.", 1)
	if r := Compare(a, edited, Options{}); len(r.Changes) != 1 || r.Stats.Changed != 1 {
		t.Fatalf("%d changes, stats %+v; want the one edit", len(r.Changes), r.Stats)
	}
}

// noisy returns big-fish with tool metadata added (an inline note in a
// heading, a note paragraph, a trailing boneyard block), white-space edits,
// and one real edit.
func noisy(a string) string {
	b := strings.Replace(a, "INT.  WILL'S BEDROOM - NIGHT (1973)\n", "INT.  WILL'S BEDROOM - NIGHT (1973) [[check the year]]\n", 1)
	b = strings.Replace(b, "SANDRA\nHoney, it's still your night.\n", "[[Sandra should be softer here.]]\n\nSANDRA\nHoney, it's still your night.\n", 1)
	b = strings.Replace(b, "Will can't articulate his anger.  He just leaves.", "Will can't   articulate his anger. He just leaves.  ", 1)
	b = strings.Replace(b, "CUT TO BLACK.", "FADE OUT.", 1)
	return b + "\n/* Beat metadata\n{ \"revision\": 4, \"colors\": [\"blue\"] }\n*/\n"
}

// TestIgnoreNotesBoneyardWhitespace: with notes, boneyard and white space
// ignored, only the real edit is a change and a scene change; the left-out
// lines are rows marked Ignored, and every line still has its row.
func TestIgnoreNotesBoneyardWhitespace(t *testing.T) {
	a := strings.TrimSuffix(string(corpus.Read(t, "fountain", "samples", "big-fish.fountain")), "\n") + "\n"
	b := noisy(a)
	all := Compare(a, b, Options{})
	if len(all.Changes) < 4 {
		t.Fatalf("without --ignore, %d changes; want the noise to show", len(all.Changes))
	}
	ig := Ignore{Notes: true, Boneyard: true, Whitespace: true}
	r := Compare(a, b, Options{Ignore: ig})
	if len(r.Changes) != 1 || r.Stats.Changed != 1 || r.Stats.Inserted+r.Stats.Deleted != 0 {
		t.Fatalf("changes %+v, stats %+v; want only the real edit", r.Changes, r.Stats)
	}
	if c := r.Rows[r.Changes[0].FirstRow]; c.LeftText != "CUT TO BLACK." || c.RightText != "FADE OUT." {
		t.Fatalf("the change is %q -> %q", c.LeftText, c.RightText)
	}
	if r.Stats.Ignored == 0 {
		t.Fatal("no row is marked ignored")
	}
	for _, row := range r.Rows {
		if row.Ignored && row.Kind == RowEqual {
			t.Fatalf("an equal row is marked ignored: %+v", row)
		}
	}
	checkRows(t, a, b, r)
	s := r.Summary
	if len(s.Changes) != 1 || s.Changes[0].Kind != SceneModified || s.OutlineChanged || s.PreambleChanged {
		t.Fatalf("scene summary %+v; want the one modified scene", s)
	}
	// Each switch alone leaves the others' noise in.
	for _, one := range []Ignore{{Notes: true}, {Boneyard: true}, {Whitespace: true}} {
		if n := len(Compare(a, b, Options{Ignore: one}).Changes); n <= 1 || n >= len(all.Changes) {
			t.Fatalf("ignore %+v: %d changes; want between 1 and %d", one, n, len(all.Changes))
		}
	}
}

func TestParseIgnore(t *testing.T) {
	ig, err := ParseIgnore("notes, Boneyard,whitespace")
	if err != nil || ig != (Ignore{Notes: true, Boneyard: true, Whitespace: true}) {
		t.Fatalf("got %+v, %v", ig, err)
	}
	if ig, err := ParseIgnore(""); err != nil || ig != (Ignore{}) {
		t.Fatalf("empty: %+v, %v", ig, err)
	}
	_, err = ParseIgnore("notes,bonyard")
	if !errors.Is(err, ErrUnknownIgnore) || !strings.Contains(err.Error(), `"bonyard"`) {
		t.Fatalf("err %v; want ErrUnknownIgnore naming the word", err)
	}
}

// TestSummarizeIsComparesSummary: Summarize gives Compare's scene summary
// and notices, with and without Ignore.
func TestSummarizeIsComparesSummary(t *testing.T) {
	a := strings.TrimSuffix(string(corpus.Read(t, "fountain", "samples", "big-fish.fountain")), "\n") + "\n"
	b := strings.ReplaceAll(noisy(a), "\n", "\r\n")
	for _, opts := range []Options{{}, {Ignore: Ignore{Notes: true, Boneyard: true}}} {
		c, s := Compare(a, b, opts), Summarize(a, b, opts)
		if !reflect.DeepEqual(c.Summary, s.Summary) || !reflect.DeepEqual(c.Notices, s.Notices) {
			t.Fatalf("%+v: Summarize %+v %q, Compare %+v %q", opts, s.Summary, s.Notices, c.Summary, c.Notices)
		}
	}
}
