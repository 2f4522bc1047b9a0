package pdf

import (
	"bytes"
	"errors"
	"math"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/screenplay"
)

// Points per inch, and the width of one Courier 12 pt character in points.
const (
	pt     = 72.0
	charPt = 7.2
)

func TestWritePages(t *testing.T) {
	doc := fixtureDoc()
	pdf := render(t, doc, Options{})
	if n := pageCount(t, pdf); n != 1+len(doc.Pages) {
		t.Fatalf("%d pages, want a title page and %d body pages", n, len(doc.Pages))
	}
	ps := pages(t, pdf)
	tests := []struct {
		name string
		page int // 0 is the title page
		re   string
	}{
		// The title page: emphasis markup is gone, every field printed.
		{"title", 0, `(?m)^\s+BRICK & STEEL$`},
		{"title second line", 0, `(?m)^\s+FULL RETIRED$`},
		{"credit", 0, `(?m)^\s+Written by$`},
		{"author", 0, `(?m)^\s+Stu Maschwitz$`},
		{"source", 0, `(?m)^\s+Story by KTM$`},
		{"contact and draft date", 0, `(?m)^Next Level Productions\s+1/20/2012$`},
		{"contact's last line", 0, `(?m)^Solvang, CA 93463$`},

		// Page 1: no page number, scene numbers on both sides.
		{"scene numbers", 1, `(?m)^1\s+INT\. HOUSE - DAY\s+1$`},
		{"scene number 2A", 1, `(?m)^2A\s+EXT\. RIVER - NIGHT\s+2A$`},
		{"emphasis spans as text", 1, `(?m)^\s+He is very quiet and alone\.$`},
		{"transition at the right", 1, `(?m)^\s{40,}CUT TO:$`},
		{"more", 1, `(?m)^\s+\(MORE\)$`},

		// Pages 2 and 3: numbered; (CONT'D) and dual dialogue are lines.
		{"page number 2", 2, `^\s+2\.\n`},
		{"contd", 2, `(?m)^\s+EDWARD \(CONT'D\)$`},
		{"dual cues side by side", 2, `(?m)^\s+BRICK\s+STEEL$`},
		{"dual speeches side by side", 2, `(?m)^\s*Screw retirement\.\s+Screw retirement too\.$`},
		{"page number 3", 3, `^\s+3\.\n`},
	}
	for _, tt := range tests {
		if !regexp.MustCompile(tt.re).MatchString(ps[tt.page]) {
			t.Errorf("%s: page %d does not match %s:\n%s", tt.name, tt.page, tt.re, ps[tt.page])
		}
	}
	// Nothing else: no page number on the title page or page 1.
	for _, p := range ps[:2] {
		if regexp.MustCompile(`(?m)^\s+1\.$`).MatchString(p) {
			t.Errorf("a page number on the title page or page 1:\n%s", p)
		}
	}
}

// TestWritePositions checks that every line's first word is printed where
// the Line says: on its row, at its X for left alignment, ending at X+Width
// for right alignment, centered in the box for center alignment.
func TestWritePositions(t *testing.T) {
	doc := fixtureDoc()
	ws := words(t, render(t, doc, Options{}))
	for pi, pg := range doc.Pages {
		for _, l := range pg.Lines {
			var text strings.Builder
			for _, s := range l.Spans {
				text.WriteString(s.Text)
			}
			first := strings.Fields(text.String())[0]
			n := float64(utf8.RuneCountInString(text.String()))
			x := l.X * pt
			switch l.Align {
			case screenplay.AlignRight:
				x = (l.X+l.Width)*pt - n*charPt
			case screenplay.AlignCenter:
				x = l.X*pt + (l.Width*pt-n*charPt)/2
			}
			top := (doc.Layout.Top + float64(l.Row)/6) * pt
			if !found(ws, pi+2, first, x, top) {
				t.Errorf("page %d row %d: %q not at x=%.1f top=%.1f", pg.Number, l.Row, first, x, top)
			}
		}
	}
	// Scene numbers: the left one 0.75" left of the action margin, the
	// right one ending 1/8" left of the right margin.
	if !found(ws, 2, "2A", 0.75*pt, pt+10*pt/6) || !found(ws, 2, "2A", 7.375*pt-2*charPt, pt+10*pt/6) {
		t.Errorf("scene numbers of 2A misplaced")
	}
	// The page number ends at 7.25", half an inch from the top.
	if !found(ws, 3, "2.", 7.25*pt-2*charPt, 0.5*pt) {
		t.Errorf("page number misplaced")
	}
}

// found reports whether page has word w starting at x (within 0.3 pt) on
// the row whose top is top (Courier's box starts 1 to 2 pt below it).
func found(ws []word, page int, w string, x, top float64) bool {
	for _, c := range ws {
		if c.page == page && c.text == w && math.Abs(c.xMin-x) < 0.3 && c.yMin >= top && c.yMin < top+3 {
			return true
		}
	}
	return false
}

func TestWriteHeader(t *testing.T) {
	ps := pages(t, render(t, fixtureDoc(), Options{Color: "Blue", HeaderText: "Draft 2"}))
	if strings.Contains(ps[0], "Blue") || strings.Contains(ps[0], "Draft 2") {
		t.Errorf("the title page has a header:\n%s", ps[0])
	}
	for i, p := range ps[1:] {
		head := nonBlank(p)[0]
		want := `^\s*Draft 2\s+Blue Rev\.$` // page 1 has no number
		if i > 0 {
			want = `^\s*Draft 2\s+Blue Rev\.\s+` + regexp.QuoteMeta(string(rune('1'+i))+".") + `$`
		}
		if !regexp.MustCompile(want).MatchString(head) {
			t.Errorf("page %d header %q, want %s", i+1, head, want)
		}
	}
	// No colour, no header text: only the page number.
	ps = pages(t, render(t, fixtureDoc(), Options{}))
	if head := nonBlank(ps[2])[0]; strings.TrimSpace(head) != "2." {
		t.Errorf("plain header %q, want 2.", head)
	}
}

func TestWriteMarks(t *testing.T) {
	tests := []struct {
		name    string
		changed []int
		want    map[int][]string // PDF page (0 = title) → the starts of the lines with a "*"
	}{
		{"none", nil, map[int][]string{}},
		{"one action line", []int{5}, map[int][]string{1: {"A quiet house"}}},
		{"a speech wrapped on two lines", []int{16}, map[int][]string{1: {"I was the biggest", "river, and nobody"}}},
		{"a cue, not its speech", []int{6}, map[int][]string{1: {"EDWARD"}}},
		// Both columns of a dual-dialogue row changed: one asterisk.
		{"dual row", []int{26, 29}, map[int][]string{2: {"Screw retirement."}}},
		{"one column of a dual row", []int{28}, map[int][]string{2: {"BRICK"}}},
		// (MORE) and (CONT'D) have no source line and are never marked.
		{"line 0", []int{0}, map[int][]string{}},
		{"scene heading with its number", []int{11}, map[int][]string{1: {"2A"}}},
		{"lines not printed", []int{1, 2, 100}, map[int][]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Marks{Lines: map[int]bool{}}
			for _, l := range tt.changed {
				m.Lines[l] = true
			}
			ps := pages(t, render(t, fixtureDoc(), Options{Marks: m}))
			for i, p := range ps {
				var got []string
				for _, l := range nonBlank(p) {
					if strings.HasSuffix(l, "*") {
						got = append(got, strings.TrimSpace(l))
					}
				}
				want := tt.want[i]
				if len(got) != len(want) {
					t.Fatalf("page %d: marked %q, want lines starting %q", i, got, want)
				}
				for j := range got {
					if !strings.HasPrefix(got[j], want[j]) {
						t.Errorf("page %d: marked %q, want a line starting %q", i, got[j], want[j])
					}
				}
			}
		})
	}
}

// TestWriteMarkPosition checks the asterisk is in the right margin, 1/4"
// right of it: at 7.75", Final Draft's <Revisions Location="7.75">.
func TestWriteMarkPosition(t *testing.T) {
	ws := words(t, render(t, fixtureDoc(), Options{Marks: Marks{Lines: map[int]bool{5: true}}}))
	if !found(ws, 2, "*", 7.75*pt, pt+2*pt/6) {
		t.Errorf("no asterisk at 7.75\" on row 2 of page 1")
	}
}

func TestWritePaper(t *testing.T) {
	tests := []struct {
		paper screenplay.Paper
		size  string // as pdfinfo prints it, in points
	}{
		{screenplay.Letter, "612 x 792"},
		{screenplay.A4, "595.28 x 841.89"},
		{screenplay.Paper{}, "612 x 792"}, // no paper: Letter
	}
	for _, tt := range tests {
		doc := fixtureDoc()
		doc.Layout.Paper = tt.paper
		info := pdfinfo(t, render(t, doc, Options{}))
		if !strings.Contains(info, "Page size:       "+tt.size+" pts") {
			t.Errorf("%q: pdfinfo says\n%s", tt.paper.Name, info)
		}
	}
}

func TestWriteEdgeCases(t *testing.T) {
	if _, err := Write(&bytes.Buffer{}, nil, Options{}); !errors.Is(err, ErrNilDocument) {
		t.Errorf("nil document: %v, want ErrNilDocument", err)
	}
	// An empty script is one blank page.
	pdf := render(t, &screenplay.Document{Layout: fixtureLayout}, Options{})
	if n := pageCount(t, pdf); n != 1 {
		t.Errorf("empty document: %d pages, want 1", n)
	}
	// A title page alone, with unknown keys ignored.
	doc := &screenplay.Document{Layout: fixtureLayout, TitlePage: []fountain.TitleField{{Key: "Format", Value: "screenplay"}, {Key: "title", Value: "Alone"}}}
	ps := pages(t, render(t, doc, Options{}))
	if len(ps) != 1 || !strings.Contains(ps[0], "ALONE") || strings.Contains(ps[0], "screenplay") {
		t.Errorf("title page alone: %q", ps)
	}
	// Tabs print as spaces, control characters not at all.
	doc = &screenplay.Document{Layout: fixtureLayout, Pages: []screenplay.Page{{Number: 1, Lines: []screenplay.Line{action(0, 1, "a\tb\x01c")}}}}
	ps = pages(t, render(t, doc, Options{}))
	if got := strings.TrimSpace(ps[0]); got != "a bc" {
		t.Errorf("tab and control character: %q, want \"a bc\"", got)
	}
}

// TestWriteCoreFont checks that Windows-1252 text uses the core Courier
// font, embedding no font file, and keeps its accents and curly quotes.
func TestWriteCoreFont(t *testing.T) {
	doc := &screenplay.Document{Layout: fixtureLayout, Pages: []screenplay.Page{{Number: 1, Lines: []screenplay.Line{
		action(0, 1, "Café “déjà vu” — naïve €5"),
	}}}}
	pdf := render(t, doc, Options{Fonts: []Font{}})
	if !bytes.Contains(pdf, []byte("/BaseFont /Courier")) || bytes.Contains(pdf, []byte("/FontFile2")) {
		t.Errorf("not the core Courier font")
	}
	if got := strings.TrimSpace(pages(t, pdf)[0]); got != "Café “déjà vu” — naïve €5" {
		t.Errorf("text %q", got)
	}
}

// TestTitlePageRows checks where the title page's parts go: the title on
// the row 4" from the top, the first part under it four rows lower, the
// author two rows under the credit, the source five rows under the author,
// the bottom blocks from 9" down.
func TestTitlePageRows(t *testing.T) {
	tests := []struct {
		name   string
		fields []fountain.TitleField
		want   map[string]float64 // first word → the top of its row, in inches
	}{
		{"all parts", []fountain.TitleField{{Key: "Title", Value: "Big Fish"}, {Key: "Credit", Value: "written by"},
			{Key: "Author", Value: "John August"}, {Key: "Source", Value: "based on the novel"}, {Key: "Draft date", Value: "2003"}, {Key: "Contact", Value: "Agent"}},
			map[string]float64{"BIG": 4, "written": 4 + 4.0/6, "John": 5, "based": 5 + 5.0/6, "2003": 9, "Agent": 9}},
		{"no credit", []fountain.TitleField{{Key: "Title", Value: "Big Fish"}, {Key: "Author", Value: "John August"}},
			map[string]float64{"BIG": 4, "John": 4 + 4.0/6}},
		// A title of several lines keeps its case, as Final Draft prints
		// 'GUY TEXT' over 'Pilot: "The Power Betas"'.
		{"two-line title", []fountain.TitleField{{Key: "Title", Value: "GUY TEXT\nPilot: \"The Power Betas\""}, {Key: "Credit", Value: "by"}},
			map[string]float64{"GUY": 4, "Pilot:": 4 + 1.0/6, "by": 4 + 5.0/6}},
		// The draft date alone sits at the foot of the page (Final Draft's
		// title-page-cast-page-reference.pdf).
		{"draft date alone", []fountain.TitleField{{Key: "Title", Value: "X"}, {Key: "Draft date", Value: "First Draft\nMarch 17, 2021"}},
			map[string]float64{"First": 10 - 2.0/6, "March": 10 - 1.0/6}},
		// A long contact moves up to end an inch above the page's foot.
		{"long contact", []fountain.TitleField{{Key: "Title", Value: "X"}, {Key: "Contact", Value: "a\nb\nc\nd\ne\nf\ng\nh\ni\nlast"}},
			map[string]float64{"a": 10 - 10.0/6, "last": 10 - 1.0/6}},
	}
	for _, tt := range tests {
		doc := &screenplay.Document{Layout: fixtureLayout, TitlePage: tt.fields}
		ws := words(t, render(t, doc, Options{}))
		if strings.Contains(tt.name, "title") {
			for _, c := range ws {
				if c.text == "PILOT:" || c.text == "\"THE" {
					t.Errorf("%s: the title was put in capitals", tt.name)
				}
			}
		}
		for w, top := range tt.want {
			ok := false
			for _, c := range ws {
				ok = ok || (c.text == w && c.yMin >= top*pt && c.yMin < top*pt+3)
			}
			if !ok {
				t.Errorf("%s: %q not on the row %.3f\" from the top", tt.name, w, top)
			}
		}
	}
}

// TestTitlePageDraftDate places the draft date as Final Draft 11 does in
// the corpus's two title pages: lines that fit start 2.5" from the page's
// right edge (title-pages-multi-reference.pdf: "First Draft" at 6.0"), and
// when one is longer every line ends at the right margin
// (title-page-cast-page-reference.pdf: "2ND REVISED NETWORK DRAFT" and
// "February 6th, 2022" both end at 7.5").
func TestTitlePageDraftDate(t *testing.T) {
	tests := []struct {
		name  string
		date  string
		left  map[string]float64 // word → where it starts, in inches
		right map[string]float64 // word → where it ends
	}{
		{"short lines", "First Draft\nMarch 17, 2021", map[string]float64{"First": 6, "March": 6}, nil},
		{"a long line", "2ND REVISED NETWORK DRAFT\nFebruary 6th, 2022", nil, map[string]float64{"DRAFT": 7.5, "2022": 7.5}},
	}
	for _, tt := range tests {
		doc := &screenplay.Document{Layout: fixtureLayout, TitlePage: []fountain.TitleField{
			{Key: "Title", Value: "X"}, {Key: "Draft date", Value: tt.date}, {Key: "Contact", Value: "Agent"}}}
		ws := words(t, render(t, doc, Options{}))
		for w, x := range tt.left {
			found := false
			for _, c := range ws {
				found = found || (c.text == w && math.Abs(c.xMin-x*pt) < 1)
			}
			if !found {
				t.Errorf("%s: %q does not start at %.2f\"", tt.name, w, x)
			}
		}
		for w, x := range tt.right {
			found := false
			for _, c := range ws {
				found = found || (c.text == w && math.Abs(c.xMax-x*pt) < 1)
			}
			if !found {
				t.Errorf("%s: %q does not end at %.2f\"", tt.name, w, x)
			}
		}
	}
}

// TestTitlePageNotesPage prints prose notes (a cast list, a writers' note)
// on a page of their own after the title page, as Final Draft does, instead
// of running off the title page's corner.
func TestTitlePageNotesPage(t *testing.T) {
	cast := "THE GUYS\n**ALAN**\t\tLate 30s, anxious unemployed stay-at-home dad. Book smart, over-thinker, tries to be the perfect modern man.\n**VIK**\t\tLate 30s, works in sales."
	doc := &screenplay.Document{Layout: fixtureLayout, TitlePage: []fountain.TitleField{
		{Key: "Title", Value: "Guy Text"}, {Key: "Notes", Value: cast}},
		Pages: []screenplay.Page{{Number: 1, Lines: []screenplay.Line{action(0, 1, "INT. HOUSE - DAY")}}}}
	pdf := render(t, doc, Options{})
	ps := pages(t, pdf)
	if len(ps) != 3 {
		t.Fatalf("%d pages, want the title page, the notes and the script", len(ps))
	}
	if strings.Contains(ps[0], "ALAN") || !strings.Contains(ps[1], "ALAN") || !strings.Contains(ps[1], "THE GUYS") {
		t.Errorf("notes not on their own page: %q", ps[:2])
	}
	for _, c := range words(t, pdf) {
		if c.page == 2 && (c.xMin < 1.5*pt-1 || c.xMax > 7.6*pt) {
			t.Errorf("%q runs outside the text area (%.0f–%.0f pt)", c.text, c.xMin, c.xMax)
		}
	}
	// The wrapped description stays under the text after the tabs.
	for _, c := range words(t, pdf) {
		if c.page == 2 && c.text == "over-thinker," || c.page == 2 && c.text == "smart," {
			if c.xMin < 1.5*pt+10*charWidth*pt-1 {
				t.Errorf("%q starts at %.0f pt, left of the description's column", c.text, c.xMin)
			}
		}
	}
}
