package production

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/screenplay"
)

// longScript is n scenes of 14 rows each (heading, two blank lines, a
// paragraph of nine lines, ...): a little under four scenes a page.
func longScript(n int) []string {
	var out []string
	for i := 1; i <= n; i++ {
		out = append(out, scene(fmt.Sprintf("ROOM %d", i), 9))
	}
	return out
}

// scene is a scene whose action is lines sentences of one printed line each.
func scene(name string, lines int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "INT. %s - DAY\n\n", name)
	for k := 0; k < lines; k++ {
		fmt.Fprintf(&b, "Line %d of %s goes on and on until the end of this row here. ", k+1, strings.ToLower(name))
	}
	b.WriteString("\n\n")
	return b.String()
}

// labels lists a draft's page labels, with "*" after revised ones.
func labels(d *Draft) []string {
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

// firstLines lists the first printed text of each page.
func firstLines(doc *screenplay.Document) []string {
	var out []string
	for _, p := range doc.Pages {
		for _, l := range p.Lines {
			if l.Kind == screenplay.LineText && len(l.Spans) > 0 {
				out = append(out, l.Spans[0].Text)
				break
			}
		}
	}
	return out
}

func TestLockPages(t *testing.T) {
	sc := longScript(20) // pages 1-5 start at rooms 1, 5, 9, 13, 17
	edit := func(f func([]string) []string) string {
		return strings.Join(f(append([]string(nil), sc...)), "")
	}
	tests := []struct {
		name   string
		new    string
		labels []string
		starts []string // each page's first printed text
	}{
		{"unchanged", edit(func(s []string) []string { return s }),
			[]string{"1", "2", "3", "4", "5"},
			[]string{"INT. ROOM 1 - DAY", "INT. ROOM 5 - DAY", "INT. ROOM 9 - DAY", "INT. ROOM 13 - DAY", "INT. ROOM 17 - DAY"}},

		// Page 2 grows past its end: the rest goes on 2A, page 3 stays.
		{"page grown", edit(func(s []string) []string { s[5] = scene("ROOM 6", 16); return s }),
			[]string{"1", "2*", "2A*", "3", "4", "5"},
			[]string{"INT. ROOM 1 - DAY", "INT. ROOM 5 - DAY", "Line 2 of room 8 goes on and on until the end of this row", "INT. ROOM 9 - DAY", "INT. ROOM 13 - DAY", "INT. ROOM 17 - DAY"}},
		// A new scene on page 2: the same, and it is scene 8A.
		{"scene inserted", edit(func(s []string) []string { return append(s[:8], append([]string{scene("NEW", 9)}, s[8:]...)...) }),
			[]string{"1", "2", "2A*", "3", "4", "5"}, // page 2 prints as it did
			[]string{"INT. ROOM 1 - DAY", "INT. ROOM 5 - DAY", "INT. NEW - DAY", "INT. ROOM 9 - DAY", "INT. ROOM 13 - DAY", "INT. ROOM 17 - DAY"}},
		// Page 3 shrinks and stays short: page 4 starts where it did.
		{"page shrunk", edit(func(s []string) []string { s[9] = scene("ROOM 10", 2); return s }),
			[]string{"1", "2", "3*", "4", "5"},
			[]string{"INT. ROOM 1 - DAY", "INT. ROOM 5 - DAY", "INT. ROOM 9 - DAY", "INT. ROOM 13 - DAY", "INT. ROOM 17 - DAY"}},
		// Every scene of page 4 cut: the page holds their OMITTED headings.
		{"scenes cut", edit(func(s []string) []string { return append(s[:12], s[16:]...) }),
			[]string{"1", "2", "3", "4*", "5"},
			[]string{"INT. ROOM 1 - DAY", "INT. ROOM 5 - DAY", "INT. ROOM 9 - DAY", "OMITTED", "INT. ROOM 17 - DAY"}},
		// The last page's scenes cut: it holds their OMITTED headings.
		{"last page cut", edit(func(s []string) []string { return s[:16] }),
			[]string{"1", "2", "3", "4", "5*"},
			[]string{"INT. ROOM 1 - DAY", "INT. ROOM 5 - DAY", "INT. ROOM 9 - DAY", "INT. ROOM 13 - DAY", "OMITTED"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Lock(strings.Join(sc, ""), tt.new, Options{})
			if got := labels(d); !reflect.DeepEqual(got, tt.labels) {
				t.Errorf("labels %q, want %q", got, tt.labels)
			}
			if got := firstLines(d.Doc); !reflect.DeepEqual(got, tt.starts) {
				t.Errorf("pages start with\n%q, want\n%q", got, tt.starts)
			}
		})
	}
}

// TestLockPagesCutInside cuts most of a scene that filled pages 3 and 4:
// both pages are gone, and the page after them is numbered 3-4.
func TestLockPagesCutInside(t *testing.T) {
	sc := longScript(12)
	sc[4] = scene("ROOM 5", 120) // from page 2 to the top of page 5
	base := strings.Join(sc, "")
	if got := firstLines(Lock(base, base, Options{}).Doc); got[2] != "Line 49 of room 5 goes on and on until the end of this row" {
		t.Fatalf("the fixture no longer breaks page 3 inside the scene: %q", got)
	}
	sc[4] = scene("ROOM 5", 20)
	d := Lock(base, strings.Join(sc, ""), Options{})
	if got, want := labels(d), []string{"1", "2*", "3-4*", "5", "6"}; !reflect.DeepEqual(got, want) {
		t.Errorf("labels %q, want %q", got, want)
	}
}

// TestLockPagesSplitSentence: a page that began inside a paragraph still
// begins at the same sentence when text before it changed.
func TestLockPagesSplitSentence(t *testing.T) {
	sc := longScript(12)
	sc[4] = scene("ROOM 5", 120)
	base := strings.Join(sc, "")
	sc[4] = strings.Replace(sc[4], "Line 10 of room 5", "Line TEN of room 5. "+strings.Repeat("It is said again at much greater length. ", 12)+"Line 10 of room 5", 1)
	d := Lock(base, strings.Join(sc, ""), Options{})
	got := firstLines(d.Doc)
	want := []string{"INT. ROOM 1 - DAY", "INT. ROOM 5 - DAY", "Line 41 of room 5 goes on and on until the end of this row",
		"Line 49 of room 5 goes on and on until the end of this row", "Line 99 of room 5 goes on and on until the end of this row",
		"INT. ROOM 8 - DAY", "INT. ROOM 12 - DAY"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("pages start with\n%q, want\n%q", got, want)
	}
	if got, want := labels(d), []string{"1", "2*", "2A*", "3", "4", "5", "6"}; !reflect.DeepEqual(got, want) {
		t.Errorf("labels %q, want %q", got, want)
	}
}
