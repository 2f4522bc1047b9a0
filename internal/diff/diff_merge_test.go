package diff

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/fountain"
)

// TestMergeLaws checks on random texts: merge(base, x, base) = x,
// merge(base, base, y) = y and merge(base, x, x) = x, all clean.
func TestMergeLaws(t *testing.T) {
	n := 3000
	if *long {
		n = 50000
	}
	r := rand.New(rand.NewSource(*seed))
	for i := 0; i < n; i++ {
		base := randomText(r, 15)
		x := mutate(r, base)
		if i%10 == 0 {
			x = randomText(r, 15)
		}
		for _, c := range []struct {
			name               string
			ours, theirs, want string
		}{
			{"merge(base, x, base)", x, base, x},
			{"merge(base, base, x)", base, x, x},
			{"merge(base, x, x)", x, x, x},
		} {
			m := Merge(base, c.ours, c.theirs)
			if m.Text != c.want || !m.Clean || len(m.Conflicts) != 0 {
				t.Fatalf("pair %d: %s: got %q (clean %v), want %q\nbase=%q", i, c.name, m.Text, m.Clean, c.want, base)
			}
		}
	}
}

// paragraphs makes a Fountain-like base of n blank-separated elements.
func paragraphs(r *rand.Rand, n int) []string {
	ps := make([]string, n)
	for i := range ps {
		switch i % 3 {
		case 0:
			ps[i] = fmt.Sprintf("INT. ROOM %d - DAY\n", i)
		case 1:
			ps[i] = fmt.Sprintf("Action paragraph %d, %s.\nIt goes on %d.\n", i, randomLine(r), r.Intn(1000))
		default:
			ps[i] = fmt.Sprintf("CHARACTER %d\n(beat)\nWords number %d, %s.\n", i, i, randomLine(r))
		}
	}
	return ps
}

func join(ps []string) string { return strings.Join(ps, "\n") }

// TestMergeSeparateRegions: edits to different elements, even neighbours
// (separated by their blank line), merge without conflict into both edits.
func TestMergeSeparateRegions(t *testing.T) {
	r := rand.New(rand.NewSource(*seed))
	for i := 0; i < 500; i++ {
		ps := paragraphs(r, 12)
		base := join(ps)
		x := r.Intn(len(ps) - 1)
		y := x + 1 + r.Intn(len(ps)-x-1)
		ours := append([]string(nil), ps...)
		theirs := append([]string(nil), ps...)
		want := append([]string(nil), ps...)
		ours[x] = editParagraph(r, ps[x])
		theirs[y] = editParagraph(r, ps[y])
		want[x], want[y] = ours[x], theirs[y]
		m := Merge(base, join(ours), join(theirs))
		if !m.Clean || m.Text != join(want) {
			t.Fatalf("case %d: edits to elements %d and %d: clean=%v\ngot:\n%s\nwant:\n%s", i, x, y, m.Clean, m.Text, join(want))
		}
		// And in the other order.
		m = Merge(base, join(theirs), join(ours))
		if !m.Clean || m.Text != join(want) {
			t.Fatalf("case %d swapped: clean=%v", i, m.Clean)
		}
	}
}

func editParagraph(r *rand.Rand, p string) string {
	switch r.Intn(3) {
	case 0:
		return strings.Replace(p, " ", " edited ", 1)
	case 1:
		return p + "An added line.\n"
	default:
		ls := SplitLines(p)
		return strings.Join(ls[:len(ls)-1], "") + "Rewritten last line.\n"
	}
}

func TestMergeConflicts(t *testing.T) {
	base := "INT. KITCHEN - DAY\n\nEDWARD\n(smiling)\nI caught the fish.\nWith my hands.\n\nWILL\nSure you did.\n"
	ours := "INT. KITCHEN - DAY\n\nEDWARD\n(smiling)\nI caught the big fish.\nWith my hands.\n\nWILL\nSure you did.\n"
	theirs := "INT. KITCHEN - DAY\n\nEDWARD\n(smiling)\nI caught a whale.\nWith my hands.\n\nWILL\nSure you did, Dad.\n"

	tests := []struct {
		name string
		opts MergeOptions
		want string
	}{
		// The conflict covers Edward's whole speech, not one line of it;
		// Will's line, changed by theirs only, merges cleanly.
		{"whole speech", MergeOptions{},
			"INT. KITCHEN - DAY\n\n<<<<<<< ours\nEDWARD\n(smiling)\nI caught the big fish.\nWith my hands.\n=======\nEDWARD\n(smiling)\nI caught a whale.\nWith my hands.\n>>>>>>> theirs\n\nWILL\nSure you did, Dad.\n"},
		{"with base and labels", MergeOptions{ShowBase: true, OursLabel: "main", TheirsLabel: "proposal", BaseLabel: "v1"},
			"INT. KITCHEN - DAY\n\n<<<<<<< main\nEDWARD\n(smiling)\nI caught the big fish.\nWith my hands.\n||||||| v1\nEDWARD\n(smiling)\nI caught the fish.\nWith my hands.\n=======\nEDWARD\n(smiling)\nI caught a whale.\nWith my hands.\n>>>>>>> proposal\n\nWILL\nSure you did, Dad.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := MergeWith(base, ours, theirs, tt.opts)
			if m.Text != tt.want {
				t.Fatalf("got:\n%s\nwant:\n%s", m.Text, tt.want)
			}
			if m.Clean || len(m.Conflicts) != 1 {
				t.Fatalf("want one conflict, got %d", len(m.Conflicts))
			}
			c := m.Conflicts[0]
			if c.BaseStart != 3 || c.BaseEnd != 6 || c.OursStart != 3 || c.OursEnd != 6 || c.TheirsStart != 3 || c.TheirsEnd != 6 || c.Line != 3 {
				t.Fatalf("conflict ranges %+v", c)
			}
			if c.Scene != "INT. KITCHEN - DAY" {
				t.Fatalf("scene %q", c.Scene)
			}
			want := []fountain.ElementType{fountain.Character, fountain.Parenthetical, fountain.Dialogue}
			if fmt.Sprint(c.Elements) != fmt.Sprint(want) {
				t.Fatalf("elements %v, want %v", c.Elements, want)
			}
			if c.Base != "EDWARD\n(smiling)\nI caught the fish.\nWith my hands.\n" {
				t.Fatalf("base %q", c.Base)
			}
		})
	}
}

func TestMergeEdgeCases(t *testing.T) {
	tests := []struct {
		name               string
		base, ours, theirs string
		want               string
		clean              bool
	}{
		// Both add different text to an empty base.
		{"both add", "", "a\n", "b\n", "<<<<<<< ours\na\n=======\nb\n>>>>>>> theirs\n", false},
		// Same insertion on both sides is taken once.
		{"same insert", "a\n\nc\n", "a\n\nb\n\nc\n", "a\n\nb\n\nc\n", "a\n\nb\n\nc\n", true},
		// A side without a final newline gets one before the marker.
		{"no final newline", "a", "b", "c", "<<<<<<< ours\nb\n=======\nc\n>>>>>>> theirs\n", false},
		// One deletes, the other leaves alone.
		{"delete one side", "a\n\nb\n\nc\n", "a\n\nc\n", "a\n\nb\n\nc\n", "a\n\nc\n", true},
		// CRLF kept as is.
		{"crlf", "a\r\n\r\nb\r\n", "A\r\n\r\nb\r\n", "a\r\n\r\nB\r\n", "A\r\n\r\nB\r\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Merge(tt.base, tt.ours, tt.theirs)
			if m.Text != tt.want || m.Clean != tt.clean {
				t.Fatalf("got %q clean=%v, want %q clean=%v", m.Text, m.Clean, tt.want, tt.clean)
			}
		})
	}
}

// FuzzMerge checks the merge laws on fuzzed texts.
func FuzzMerge(f *testing.F) {
	f.Add("a\nb\n", "a\nB\n", "A\nb\n")
	f.Add("x", "", "y\r\n")
	f.Fuzz(func(t *testing.T, base, x, y string) {
		if m := Merge(base, base, y); m.Text != y || !m.Clean {
			t.Fatal("merge(base, base, y) != y")
		}
		if m := Merge(base, x, x); m.Text != x || !m.Clean {
			t.Fatal("merge(base, x, x) != x")
		}
		m := Merge(base, x, y)
		if m.Clean != (len(m.Conflicts) == 0) {
			t.Fatal("Clean disagrees with Conflicts")
		}
	})
}

// TestMergeBigFishHalves: two writers edit 5% of the lines of Big Fish, one
// in the first half and one in the second; the merge is clean and holds both.
func TestMergeBigFishHalves(t *testing.T) {
	base := string(corpus.Read(t, "fountain", "samples", "big-fish.fountain"))
	d := newDoc(base)
	cut := d.scenes[len(d.scenes)/2].start
	lines := SplitLines(base)
	const margin = 3 // lines left alone on each side of the cut
	first := strings.Join(lines[:cut-margin], "")
	mid := strings.Join(lines[cut-margin:cut+margin], "")
	second := strings.Join(lines[cut+margin:], "")
	for s := int64(0); s < 5; s++ {
		e1, e2 := editFraction(first, 0.05, *seed+s), editFraction(second, 0.05, *seed+100+s)
		ours, theirs, want := e1+mid+second, first+mid+e2, e1+mid+e2
		for _, m := range []MergeResult{Merge(base, ours, theirs), Merge(base, theirs, ours)} {
			if !m.Clean {
				t.Fatalf("seed %d: %d conflicts, first %+v", s, len(m.Conflicts), m.Conflicts[0])
			}
			if m.Text != want {
				t.Fatalf("seed %d: merged text differs from both edits applied:\n%s", s, Unified("want", "got", want, m.Text, 3))
			}
		}
	}
}
