package screenplay

import (
	"fmt"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/fountain"
)

func TestWrap(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		width int
		want  []string
	}{
		// Word wrap.
		{"fits", "one two", 10, []string{"one two"}},
		{"breaks at a space", "one two three", 8, []string{"one two", "three"}},
		{"keeps two spaces inside", "Yes.  No.", 20, []string{"Yes.  No."}},
		{"drops spaces at a break", "aaaa    bbbb", 6, []string{"aaaa", "bbbb"}},
		{"line breaks", "a\nb", 10, []string{"a", "b"}},
		{"empty paragraph", "a\n\nb", 10, []string{"a", "", "b"}},
		// Hyphens, as Final Draft breaks them.
		{"after a hyphen", "soon-to-be-born son", 11, []string{"soon-to-be-", "born son"}},
		{"hyphen hangs one past", "abcde-fg", 5, []string{"abcde-", "fg"}},
		{"inside a dash", "xx impossible --yes", 14, []string{"xx impossible -", "-yes"}},
		{"trailing dash hangs", "his father--", 11, []string{"his father--"}},
		// A word longer than the line is cut.
		{"long word", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStyled(tt.text, 1, false, false)
			var got []string
			for _, l := range wrap(s, tt.width) {
				got = append(got, string(s.r[l.a:l.b]))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("wrap(%q, %d) = %q, want %q", tt.text, tt.width, got, tt.want)
			}
		})
	}
}

func TestIndentChars(t *testing.T) {
	st := FinalDraftStyle()
	for _, tt := range []struct {
		name string
		in   Indent
		want int
	}{
		{"action runs one into the margin", st.Action, 61},
		{"dialogue", st.Dialogue, 35},
		{"parenthetical", st.Parenthetical, 25},
		{"a half character rounds up", Indent{Left: 2.25, Right: 6.0}, 38},
	} {
		if got := tt.in.chars(); got != tt.want {
			t.Errorf("%s: %d characters, want %d", tt.name, got, tt.want)
		}
	}
}

func TestSentenceEnds(t *testing.T) {
	s := newStyled("Go.  Now! \"Why?\" he said. And then\nmore, and\nThe end.", 1, false, false)
	var got []string
	for _, k := range sentenceEnds(s) {
		got = append(got, strings.SplitN(string(s.r[k:]), " ", 2)[0])
	}
	// Not before "he" (lower case) nor after "then" or "and": a line break
	// cuts only after a full stop.
	if want := "Now!|\"Why?\"|And"; strings.Join(got, "|") != want {
		t.Errorf("sentence starts %q, want %s", got, want)
	}
}

// lineAt finds the first line whose text contains s.
func lineAt(doc *Document, s string) (page int, l Line, ok bool) {
	for _, p := range doc.Pages {
		for _, l := range p.Lines {
			if strings.Contains(lineText(l), s) {
				return p.Number, l, true
			}
		}
	}
	return 0, Line{}, false
}

func TestPaginateElements(t *testing.T) {
	src := "Title: T\n\nINT. HOUSE - DAY\n\nShe *runs* **fast**. [[a note]]\n\nBOB (V.O.)\n(whispers)\nHello.\n\n# Section\n\n= Synopsis\n\n/* boneyard */\n\nCUT TO:\n\n===\n\n.flashback\n\n> THE END <\n"
	s := fountain.Parse(src)
	doc := Paginate(s, Options{SceneNumbers: true})
	if len(doc.Pages) != 2 || len(doc.TitlePage) != 1 {
		t.Fatalf("%d pages and %d title fields, want 2 and 1:\n%s", len(doc.Pages), len(doc.TitlePage), doc.Text())
	}
	if doc.Layout.LinesPerPage != 54 || Paginate(s, Options{Paper: A4}).Layout.LinesPerPage != 58 {
		t.Errorf("rows per page %d, want 54 on Letter and 58 on A4", doc.Layout.LinesPerPage)
	}
	tests := []struct {
		text    string
		page    int
		typ     fountain.ElementType
		x, w    float64
		align   Align
		srcLine int
		number  string
	}{
		{"INT. HOUSE - DAY", 1, fountain.SceneHeading, 1.5, 6.0, AlignLeft, 3, "1"},
		{"She runs fast.", 1, fountain.Action, 1.5, 6.0, AlignLeft, 5, ""},
		{"BOB (V.O.)", 1, fountain.Character, 3.5, 3.75, AlignLeft, 7, ""},
		{"(whispers)", 1, fountain.Parenthetical, 3.0, 2.5, AlignLeft, 8, ""},
		{"Hello.", 1, fountain.Dialogue, 2.5, 3.5, AlignLeft, 9, ""},
		{"CUT TO:", 1, fountain.Transition, 5.5, 1.6, AlignRight, 17, ""},
		{"FLASHBACK", 2, fountain.SceneHeading, 1.5, 6.0, AlignLeft, 21, "2"},
		{"THE END", 2, fountain.Centered, 1.5, 6.0, AlignCenter, 23, ""},
	}
	for _, tt := range tests {
		page, l, ok := lineAt(doc, tt.text)
		if !ok {
			t.Errorf("%q not printed:\n%s", tt.text, doc.Text())
			continue
		}
		if lineText(l) != tt.text || page != tt.page || l.Type != tt.typ || l.X != tt.x || l.Width < tt.w-1e-9 || l.Width > tt.w+1e-9 ||
			l.Align != tt.align || l.SourceLine != tt.srcLine || l.SceneNumber != tt.number || l.Element < 0 {
			t.Errorf("%q: got %+v on page %d", tt.text, l, page)
		}
	}
	// Emphasis spans, markup and notes gone.
	if _, l, _ := lineAt(doc, "She runs"); len(l.Spans) != 5 || !l.Spans[1].Italic || !l.Spans[3].Bold {
		t.Errorf("spans %+v", l.Spans)
	}
	// Not printed: notes, sections, synopses, boneyard.
	for _, gone := range []string{"a note", "Section", "Synopsis", "boneyard"} {
		if _, _, ok := lineAt(doc, gone); ok {
			t.Errorf("%q printed", gone)
		}
	}
}

func TestPaginateBreakRules(t *testing.T) {
	pad := func(n int) string { return strings.Repeat("Padding.\n\n", n) }
	long := "One sentence here that runs on.  Two sentences here that run on.  Three sentences here that run on.  Four here."
	tests := []struct {
		name  string
		src   string
		check func(doc *Document) string
	}{
		{"a heading never ends a page", pad(26) + "INT. LATE - DAY\n\nAction.\n", func(doc *Document) string {
			if p, _, _ := lineAt(doc, "INT. LATE"); p != 2 {
				return "heading on page " + string(rune('0'+p))
			}
			return ""
		}},
		{"a cue never ends a page", pad(26) + "BOB\nHello there, this is a line of dialogue long enough to wrap.\n", func(doc *Document) string {
			if p, _, _ := lineAt(doc, "BOB"); p != 2 {
				return "cue left on page 1"
			}
			return ""
		}},
		{"a transition never starts a page", pad(27) + "> CUT TO:\n", func(doc *Document) string {
			p, _, _ := lineAt(doc, "CUT TO:")
			q, _, _ := lineAt(doc, "Padding.")
			if p != 2 || len(doc.Pages[1].Lines) < 2 || q != 1 {
				return "transition alone at the top"
			}
			return ""
		}},
		{"a speech splits with MORE and CONT'D", pad(25) + "BOB\n" + long + "\n", func(doc *Document) string {
			if len(doc.Pages) != 2 {
				return "not split"
			}
			p1, p2 := doc.Pages[0].Lines, doc.Pages[1].Lines
			if last := p1[len(p1)-1]; last.Kind != LineMore || lineText(last) != "(MORE)" || last.SourceLine != 0 {
				return "no (MORE) at the foot"
			}
			if first := p2[0]; first.Kind != LineContd || lineText(first) != "BOB (CONT'D)" || first.Row != -1 {
				return "no (CONT'D) at the top"
			}
			if t := lineText(p1[len(p1)-2]); !strings.HasSuffix(t, ".") {
				return "split inside a sentence: " + t
			}
			return ""
		}},
		{"a forced page break", "A.\n\n===\n\nB.\n", func(doc *Document) string {
			if p, _, _ := lineAt(doc, "B."); p != 2 || len(doc.Pages) != 2 {
				return "no new page"
			}
			return ""
		}},
		{"dual dialogue side by side", "BOB\nLeft words.\n\nAMY ^\nRight words.\n", func(doc *Document) string {
			_, l, _ := lineAt(doc, "Left words.")
			_, r, _ := lineAt(doc, "Right words.")
			if l.Column != ColumnLeft || r.Column != ColumnRight || l.Row != r.Row || l.X+l.Width > r.X {
				return "columns wrong"
			}
			return ""
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := fountain.Parse(tt.src)
			doc := Paginate(s, Options{})
			if problem := tt.check(doc); problem != "" {
				t.Errorf("%s:\n%s", problem, doc.Text())
			}
			if problem := checkDocument(s, doc); problem != "" {
				t.Error(problem)
			}
		})
	}
}

// TestStyleFontAndMargins applies an element's font style (a bold,
// underlined scene heading, as a Final Draft file may set it) to its lines,
// over the text's own emphasis, and the style's margins to the page.
func TestStyleFontAndMargins(t *testing.T) {
	st := FinalDraftStyle()
	st.SceneHeading.Bold, st.SceneHeading.Underline = true, true
	st.Action.Caps = true
	st.Top, st.Bottom = 0.5, 0.5
	doc := Paginate(fountain.Parse("int. house - day\n\nShe *waits*.\n"), Options{Style: &st})
	if doc.Layout.Top != 0.5 || doc.Layout.Bottom != 0.5 || doc.Layout.LinesPerPage != 60 {
		t.Errorf("layout %+v, want half-inch margins and 60 rows", doc.Layout)
	}
	ls := doc.Pages[0].Lines
	if len(ls) != 2 {
		t.Fatalf("lines %+v", ls)
	}
	for _, s := range ls[0].Spans {
		if !s.Bold || !s.Underline || s.Text != strings.ToUpper(s.Text) {
			t.Errorf("heading span %+v", s)
		}
	}
	var b strings.Builder
	italic := false
	for _, s := range ls[1].Spans {
		b.WriteString(s.Text)
		italic = italic || (s.Italic && s.Text == "WAITS")
		if s.Bold || s.Underline {
			t.Errorf("action span %+v", s)
		}
	}
	if b.String() != "SHE WAITS." || !italic {
		t.Errorf("action %q (%+v)", b.String(), ls[1].Spans)
	}
	// The default style adds nothing.
	plain := Paginate(fountain.Parse("INT. HOUSE - DAY\n"), Options{})
	if s := plain.Pages[0].Lines[0].Spans[0]; s.Bold || s.Underline || plain.Layout.LinesPerPage != 54 {
		t.Errorf("default heading %+v, %d rows", s, plain.Layout.LinesPerPage)
	}
}

// TestDoubleSpacedDialogue leaves the blank row of double-spaced dialogue
// (a multicam script's) before each line, as Final Draft prints it: one
// blank row under the cue, none after the speech's last line.
func TestDoubleSpacedDialogue(t *testing.T) {
	st := FinalDraftStyle()
	st.Dialogue.Spacing = 2
	doc := Paginate(fountain.Parse("BOB\nOne line of speech that is long enough to wrap onto a second line.\n\nHe sits.\n"), Options{Style: &st})
	var rows []int
	for _, l := range doc.Pages[0].Lines {
		rows = append(rows, l.Row)
	}
	// Cue at 0, speech at 2 and 4, one blank row (action's space before), action at 6.
	if fmt.Sprint(rows) != "[0 2 4 6]" {
		t.Errorf("rows %v, want [0 2 4 6]", rows)
	}
}
