package screenplay

import (
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/fountain"
)

// textColumns is the printed width of text in Courier columns: two for a
// wide (CJK) character, one for any other.
func textColumns(text string) int {
	n := 0
	for _, r := range text {
		n++
		if isWide(r) {
			n++
		}
	}
	return n
}

// checkDocument asserts the layout invariants of doc for s and returns the
// first broken one, or "".
func checkDocument(s *fountain.Script, doc *Document) string {
	lpp := doc.Layout.LinesPerPage
	got := map[int]*strings.Builder{}
	last := -1
	for _, p := range doc.Pages {
		for _, l := range p.Lines {
			// No line runs past its box.
			text := lineText(l)
			if n := textColumns(text); float64(n) > l.Width*10+1e-6 {
				return "line wider than its box: " + text
			}
			if strings.Contains(text, "\n") {
				return "line with a line break: " + text
			}
			// No page holds more than LinesPerPage rows; only the
			// (MORE)/(CONT'D) of a split speech sit in the margins.
			switch {
			case l.Kind == LineMore && l.Row <= lpp, l.Kind == LineContd && l.Row >= -1:
			case l.Row < 0 || l.Row >= lpp:
				return "line outside the body area: " + text
			}
			if l.Kind != LineText {
				continue
			}
			// Elements are printed in order.
			if l.Element < last && l.Column != ColumnRight {
				return "element printed out of order: " + text
			}
			if l.Column != ColumnRight {
				last = l.Element
			}
			b := got[l.Element]
			if b == nil {
				b = &strings.Builder{}
				got[l.Element] = b
			}
			b.WriteString(text)
		}
	}
	// Page-foot rules: no page ends with a scene heading or a bare cue, and
	// no "(MORE)" sits under a parenthetical.
	for i, p := range doc.Pages {
		if i == len(doc.Pages)-1 || len(p.Lines) == 0 {
			continue
		}
		lastText := Line{Element: -1}
		for _, l := range p.Lines {
			if l.Column != ColumnRight && l.Kind != LineMore {
				lastText = l
			}
		}
		next := doc.Pages[i+1]
		// (An empty scene, a heading right before another, may end a page.)
		headingOnly := lastText.Type == fountain.SceneHeading && len(next.Lines) > 0 && next.Lines[0].Type != fountain.SceneHeading
		cueOnly := lastText.Type == fountain.Character && lastText.Column == ColumnFull
		if headingOnly || cueOnly {
			return "page " + strconv.Itoa(p.Number) + " ends with " + string(lastText.Type) + ": " + lineText(lastText)
		}
		if n := len(p.Lines); p.Lines[n-1].Kind == LineMore && n > 1 && p.Lines[n-2].Type == fountain.Parenthetical {
			return "(MORE) under a parenthetical: " + lineText(p.Lines[n-2])
		}
	}
	// Every printable element's text appears exactly once.
	for i, e := range s.Elements {
		want := squeeze(expectedText(e))
		if g := got[i]; !printed(e.Type) || want == "" {
			if g != nil {
				return "unprintable element printed: " + e.Text
			}
			continue
		}
		g := ""
		if got[i] != nil {
			g = squeeze(got[i].String())
		}
		// A cue may carry Final Draft's automatic "(CONT'D)".
		if e.Type == fountain.Character && g == want+"(CONT'D)" {
			continue
		}
		if g != want {
			return "element " + e.Text + " printed as " + g
		}
	}
	return ""
}

// expectedText is what an element prints as.
func expectedText(e fountain.Element) string {
	t := fountain.Plain(fountain.StripNotes(e.Text))
	switch e.Type {
	case fountain.Character:
		if e.Extension != "" {
			t += " (" + e.Extension + ")"
		}
		return strings.ToUpper(t)
	case fountain.SceneHeading:
		return strings.ToUpper(t)
	}
	return t
}

// squeeze drops all white space, which wrapping moves about.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func TestPaginateProperties(t *testing.T) {
	files := [][]string{
		{"fountain", "samples", "big-fish.fountain"},
		{"fountain", "samples", "brick-and-steel.fountain"},
		{"fountain", "samples", "the-last-birthday-card.fountain"},
		{"fountain", "other", "gumshoe.scrambled.fountain"},
		{"fountain", "other", "mostly-genius.scrambled.fountain"},
		{"fountain", "other", "printing-trouble.fountain"},
		{"fountain", "other", "beat-tutorial.fountain"},
		{"peer-tests", "afterwriting", "jp.fountain"},
		{"peer-tests", "afterwriting", "cyrillic.fountain"},
	}
	for _, f := range files {
		s := fountain.Parse(string(corpus.Read(t, f...)))
		for _, paper := range []Paper{Letter, A4} {
			for _, numbers := range []bool{false, true} {
				doc := Paginate(s, Options{Paper: paper, SceneNumbers: numbers})
				if len(doc.Pages) == 0 {
					t.Errorf("%s on %s: no pages", f[len(f)-1], paper.Name)
				}
				if problem := checkDocument(s, doc); problem != "" {
					t.Errorf("%s on %s: %s", f[len(f)-1], paper.Name, problem)
				}
			}
		}
	}
}

// FuzzPaginate checks the layout invariants on any input.
func FuzzPaginate(f *testing.F) {
	f.Add("INT. HOUSE - DAY\n\nBOB\nHello.  How are you?\n\nALICE ^\nFine.\n\n===\n\n> CUT TO:\n")
	f.Add("BOB\n(beat)\n" + strings.Repeat("Words go here.  ", 200) + "\n")
	f.Add(strings.Repeat("Action that is long enough to wrap over the line.  ", 300))
	f.Add(strings.Repeat("INT. A - DAY\n\n", 80))
	f.Fuzz(func(t *testing.T, src string) {
		if !utf8.ValidString(src) {
			return
		}
		s := fountain.Parse(src)
		doc := Paginate(s, Options{})
		if problem := checkDocument(s, doc); problem != "" {
			t.Fatal(problem)
		}
		Analyze(s, doc)
	})
}
