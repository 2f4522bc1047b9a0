package screenplay

import (
	"fmt"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/fountain"
)

// breaksScript is one heading and three action paragraphs (elements 1-3)
// of four sentences each, a speech (cue 4, dialogue 5) and a last action (6).
const breaksScript = `INT. HALL - DAY

One. Two. Three. Four.

Five. Six. Seven. Eight.

Nine. Ten. Eleven. Twelve.

BOB
Hello there. How are you today? I am fine.

The end.
`

// starts lists each page's Start and first text.
func starts(doc *Document) string {
	var out []string
	for _, p := range doc.Pages {
		first := ""
		for _, l := range p.Lines {
			if l.Kind == LineText {
				for _, s := range l.Spans {
					first += s.Text
				}
				break
			}
		}
		out = append(out, fmt.Sprintf("%d/%d %s", p.Start.Element, p.Start.Offset, first))
	}
	return strings.Join(out, " | ")
}

func TestPaginateBreaks(t *testing.T) {
	s := fountain.Parse(breaksScript)
	tests := []struct {
		name   string
		breaks []Position
		want   string
	}{
		{"none", nil, "0/0 INT. HALL - DAY"},
		// A break at an element's start: a new page there.
		{"before an element", []Position{{2, 0}}, "0/0 INT. HALL - DAY | 2/0 Five. Six. Seven. Eight."},
		// Inside a paragraph: at the sentence end at or after it.
		{"inside a paragraph", []Position{{2, 6}}, "0/0 INT. HALL - DAY | 2/6 Six. Seven. Eight."},
		{"mid-word moves on", []Position{{2, 7}}, "0/0 INT. HALL - DAY | 2/11 Seven. Eight."},
		// No sentence end after it: the page breaks after the paragraph.
		{"past the last sentence", []Position{{2, 21}}, "0/0 INT. HALL - DAY | 3/0 Nine. Ten. Eleven. Twelve."},
		// At a speech's first paragraph: before its cue.
		{"at a speech", []Position{{5, 0}}, "0/0 INT. HALL - DAY | 4/0 BOB"},
		// Inside a speech: split with (MORE) and (CONT'D).
		{"inside a speech", []Position{{5, 13}}, "0/0 INT. HALL - DAY | 5/13 How are you today? I am fine."},
		// Several, and two at one place make one page.
		{"several", []Position{{2, 0}, {3, 0}, {3, 0}, {6, 0}},
			"0/0 INT. HALL - DAY | 2/0 Five. Six. Seven. Eight. | 3/0 Nine. Ten. Eleven. Twelve. | 6/0 The end."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := Paginate(s, Options{Breaks: tt.breaks})
			if got := starts(doc); got != tt.want {
				t.Errorf("pages\n got %s\nwant %s", got, tt.want)
			}
		})
	}
	// (MORE) and (CONT'D) around a speech cut by a break.
	doc := Paginate(s, Options{Breaks: []Position{{5, 13}}})
	var kinds []LineKind
	for _, p := range doc.Pages {
		for _, l := range p.Lines {
			if l.Kind != LineText {
				kinds = append(kinds, l.Kind)
			}
		}
	}
	if fmt.Sprint(kinds) != "[more contd]" {
		t.Errorf("lines around the cut speech: %v", kinds)
	}
}
