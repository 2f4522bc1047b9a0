package fountain

import (
	"strings"
	"testing"
)

// el is a compact expected element: type, text and the fields that matter.
type el struct {
	typ   ElementType
	text  string
	line  int
	end   int
	extra string // "num=1A", "ext=V.O.", "dual", "dualfirst", "depth=2", "forced"
}

func describe(e Element) el {
	var ex []string
	if e.SceneNumber != "" {
		ex = append(ex, "num="+e.SceneNumber)
	}
	if e.Extension != "" {
		ex = append(ex, "ext="+e.Extension)
	}
	if e.Dual {
		ex = append(ex, "dual")
	}
	if e.DualFirst {
		ex = append(ex, "dualfirst")
	}
	if e.Depth != 0 {
		ex = append(ex, "depth="+string(rune('0'+e.Depth)))
	}
	if e.Forced {
		ex = append(ex, "forced")
	}
	return el{e.Type, e.Text, e.Line, e.EndLine, strings.Join(ex, " ")}
}

func TestParseElements(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []el
	}{
		// Line endings and encodings.
		{"CRLF", "INT. A - DAY\r\n\r\nHe sits.\r\n", []el{{SceneHeading, "INT. A - DAY", 1, 1, ""}, {Action, "He sits.", 3, 3, ""}}},
		{"CR only", "INT. A - DAY\r\rHe sits.", []el{{SceneHeading, "INT. A - DAY", 1, 1, ""}, {Action, "He sits.", 3, 3, ""}}},
		{"no final newline", "BOB\nHi", []el{{Character, "BOB", 1, 1, ""}, {Dialogue, "Hi", 2, 2, ""}}},
		{"invalid UTF-8 kept", "caf\xe9\n", []el{{Action, "caf\xe9", 1, 1, ""}}},
		{"byte-order mark", "\ufeffEXT. B - NIGHT\n", []el{{SceneHeading, "EXT. B - NIGHT", 1, 1, ""}}},
		{"empty", "", nil},
		{"blank lines only", "\n\n  \n", nil},

		// Scene headings.
		{"prefixes", "INT. A\n\nEXT B\n\nEST. C\n\nINT./EXT. D\n\nINT/EXT E\n\nI/E F", []el{
			{SceneHeading, "INT. A", 1, 1, ""}, {SceneHeading, "EXT B", 3, 3, ""}, {SceneHeading, "EST. C", 5, 5, ""},
			{SceneHeading, "INT./EXT. D", 7, 7, ""}, {SceneHeading, "INT/EXT E", 9, 9, ""}, {SceneHeading, "I/E F", 11, 11, ""}}},
		{"prefix needs a dot or space", "INTERIOR\n", []el{{Action, "INTERIOR", 1, 1, ""}}},
		{"heading needs a blank line after", "INT. A\nHe sits.", []el{{Character, "INT. A", 1, 1, ""}, {Dialogue, "He sits.", 2, 2, ""}}},
		{"forced heading", ".BINOCULARS POV\n", []el{{SceneHeading, "BINOCULARS POV", 1, 1, "forced"}}},
		{"ellipsis is not forced", "...and so.\n", []el{{Action, "...and so.", 1, 1, ""}}},
		{"scene number", "INT. A - DAY #1A#\n", []el{{SceneHeading, "INT. A - DAY", 1, 1, "num=1A"}}},
		{"scene number with dash and dot", ".B #I-1.#\n", []el{{SceneHeading, "B", 1, 1, "num=I-1. forced"}}},

		// Action.
		{"forced action", "!BOB\nHi", []el{{Action, "BOB\nHi", 1, 2, "forced"}}},
		{"indentation kept", "\tTab\n    Spaces\n", []el{{Action, "\tTab\n    Spaces", 1, 2, ""}}},
		{"two spaces keep action going", "a\n  \nb\n", []el{{Action, "a\n\nb", 1, 3, ""}}},
		{"blank lines split action", "A\n\n\nB\n", []el{{Action, "A", 1, 1, ""}, {Action, "B", 4, 4, ""}}},

		// Characters and dialogue.
		{"cue needs a blank line before", "He waits.\nBOB\nHi", []el{{Action, "He waits.\nBOB\nHi", 1, 3, ""}}},
		{"cue needs a line after", "BOB\n\nHi", []el{{Action, "BOB", 1, 1, ""}, {Action, "Hi", 3, 3, ""}}},
		{"cue needs a letter", "23\nHi", []el{{Action, "23\nHi", 1, 2, ""}}},
		{"lowercase extension", "HANS (on the radio)\nWhat?", []el{{Character, "HANS", 1, 1, "ext=on the radio"}, {Dialogue, "What?", 2, 2, ""}}},
		{"two extensions", "BOB (V.O.) (CONT'D)\nHi", []el{{Character, "BOB", 1, 1, "ext=V.O.) (CONT'D"}, {Dialogue, "Hi", 2, 2, ""}}},
		{"forced character", "@McCoy\nHi", []el{{Character, "McCoy", 1, 1, "forced"}, {Dialogue, "Hi", 2, 2, ""}}},
		{"indented cue", "    BOB\n  Hi", []el{{Character, "BOB", 1, 1, ""}, {Dialogue, "Hi", 2, 2, ""}}},
		{"parentheticals split dialogue", "BOB\n(a)\nOne\nTwo\n(b)\nThree", []el{
			{Character, "BOB", 1, 1, ""}, {Parenthetical, "(a)", 2, 2, ""}, {Dialogue, "One\nTwo", 3, 4, ""},
			{Parenthetical, "(b)", 5, 5, ""}, {Dialogue, "Three", 6, 6, ""}}},
		{"two spaces keep dialogue going", "BOB\nOne\n  \nTwo", []el{{Character, "BOB", 1, 1, ""}, {Dialogue, "One\n\nTwo", 2, 4, ""}}},
		{"dual dialogue", "A\nOne\n\nB ^\n(x)\nTwo", []el{
			{Character, "A", 1, 1, "dualfirst"}, {Dialogue, "One", 2, 2, "dualfirst"},
			{Character, "B", 4, 4, "dual"}, {Parenthetical, "(x)", 5, 5, "dual"}, {Dialogue, "Two", 6, 6, "dual"}}},
		{"dual dialogue sung", "A\n~La la\n\nB ^\nOne\n~Do re", []el{
			{Character, "A", 1, 1, "dualfirst"}, {Lyrics, "La la", 2, 2, "dualfirst"},
			{Character, "B", 4, 4, "dual"}, {Dialogue, "One", 5, 5, "dual"}, {Lyrics, "Do re", 6, 6, "dual"}}},

		// Transitions and centered text.
		{"transition", "He goes.\n\nCUT TO:\n\nINT. B\n", []el{{Action, "He goes.", 1, 1, ""}, {Transition, "CUT TO:", 3, 3, ""}, {SceneHeading, "INT. B", 5, 5, ""}}},
		{"transition must be uppercase", "a\n\nCut to:\n", []el{{Action, "a", 1, 1, ""}, {Action, "Cut to:", 3, 3, ""}}},
		{"forced transition", ">Burn to white.\n", []el{{Transition, "Burn to white.", 1, 1, "forced"}}},
		{"centered", ">THE END<\n> two <\n", []el{{Centered, "THE END\ntwo", 1, 2, ""}}},

		// Lyrics, sections, synopses, page breaks.
		{"lyrics", "~La la\n~Lo lo\n", []el{{Lyrics, "La la\nLo lo", 1, 2, ""}}},
		{"lyrics inside action", "He sings.\n~La la\nShe leaves.", []el{{Action, "He sings.", 1, 1, ""}, {Lyrics, "La la", 2, 2, ""}, {Action, "She leaves.", 3, 3, ""}}},
		{"lyrics inside dialogue", "BOB\nHi.\n~La la\n(sad)\nBye.", []el{{Character, "BOB", 1, 1, ""}, {Dialogue, "Hi.", 2, 2, ""},
			{Lyrics, "La la", 3, 3, ""}, {Dialogue, "(sad)\nBye.", 4, 5, ""}}},
		{"a second parenthetical under the first", "BOB\n(loudly)\n(bouncy)\nHi.", []el{{Character, "BOB", 1, 1, ""},
			{Parenthetical, "(loudly)", 2, 2, ""}, {Parenthetical, "(bouncy)", 3, 3, ""}, {Dialogue, "Hi.", 4, 4, ""}}},
		{"lyric after vertical tab", "\v~La", []el{{Lyrics, "La", 1, 1, ""}}},
		{"sections", "# Act\n\n### Beat\n", []el{{Section, "Act", 1, 1, "depth=1"}, {Section, "Beat", 3, 3, "depth=3"}}},
		{"synopsis", "= It begins.\n", []el{{Synopsis, "It begins.", 1, 1, ""}}},
		{"page break", "A\n\n===\n\n=====\n", []el{{Action, "A", 1, 1, ""}, {PageBreak, "", 3, 3, ""}, {PageBreak, "", 5, 5, ""}}},

		// Notes and boneyard.
		{"standalone note", "[[Fix this.]]\n", []el{{Note, "Fix this.", 1, 1, ""}}},
		{"multi-line note", "[[Fix\nthis.]]\n", []el{{Note, "Fix\nthis.", 1, 2, ""}}},
		{"inline note stays in text", "He runs [[faster]].\n", []el{{Action, "He runs [[faster]].", 1, 1, ""}}},
		{"boneyard across lines", "a\n/* x\ny */\nb\n", []el{{Action, "a\nb", 1, 4, ""}}},
		{"boneyard that hid a blank line separates", "CUT TO:\n/*\nINT. A\n\nB\n*/\nEXT. C - DAY\n", []el{{Transition, "CUT TO:", 1, 1, ""}, {SceneHeading, "EXT. C - DAY", 7, 7, ""}}},
		{"boneyard across blank lines", "A\n\n/*\n\nBOB\nHi\n*/\n\nB\n", []el{{Action, "A", 1, 1, ""}, {Action, "B", 9, 9, ""}}},
		{"unclosed boneyard is text", "A /* b\n", []el{{Action, "A /* b", 1, 1, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Parse(tt.src)
			var got []el
			for _, e := range s.Elements {
				got = append(got, describe(e))
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d elements %+v, want %+v", len(got), got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("element %d: got %+v, want %+v", i, got[i], tt.want[i])
				}
			}
			checkRoundTrip(t, tt.src)
		})
	}
}

func TestParseTitlePage(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []TitleField
	}{
		{"keys with spaces and indented values", "Title:\n   Big\n\tFish\nDraft date: 1/2\n\nINT. A\n",
			[]TitleField{{"Title", "Big\nFish"}, {"Draft date", "1/2"}}},
		{"only at the start", "INT. A\n\nTitle: no\n", nil},
		{"FADE IN: is not a key", "FADE IN:\n\nINT. A\n", nil},
		{"known uppercase key", "TITLE: Loud\n", []TitleField{{"TITLE", "Loud"}}},
		{"an unindented line ends the title page", "Contact:\n    Here\nNot a value.\nStill: no\n", []TitleField{{"Contact", "Here"}}},
		{"unindented lines under an empty key (Beat)", "Contact:\nme@example.com\nFinland\nNotes:\nDraft\n\nINT. A\n",
			[]TitleField{{"Contact", "me@example.com\nFinland"}, {"Notes", "Draft"}}},
		{"an unindented line after an indented one ends it", "Contact:\n    Here\nThere\n", []TitleField{{"Contact", "Here"}}},
		{"an unindented line after an inline value ends it", "Title: A\nSome action.\n", []TitleField{{"Title", "A"}}},
		{"two spaces are an empty value line", "Notes:\n    a\n  \n    b\n", []TitleField{{"Notes", "a\n\nb"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Parse(tt.src)
			if len(s.TitlePage) != len(tt.want) {
				t.Fatalf("got %+v, want %+v", s.TitlePage, tt.want)
			}
			for i := range tt.want {
				if s.TitlePage[i] != tt.want[i] {
					t.Errorf("field %d: got %+v, want %+v", i, s.TitlePage[i], tt.want[i])
				}
			}
			checkRoundTrip(t, tt.src)
		})
	}
}

func TestScenesAndWords(t *testing.T) {
	s := Parse("Cold open.\n\nINT. A - DAY #1#\n\nBOB\nHi *there*.\n\n[[note]]\n\nEXT. B - NIGHT\n\nRain. [[wet]]\n")
	sc := s.Scenes()
	want := []Scene{{"INT. A - DAY", "1", 1, 3, 8}, {"EXT. B - NIGHT", "", 5, 10, 12}}
	if len(sc) != len(want) {
		t.Fatalf("got %+v, want %+v", sc, want)
	}
	for i := range want {
		if sc[i] != want[i] {
			t.Errorf("scene %d: got %+v, want %+v", i, sc[i], want[i])
		}
	}
	// "Cold open." 2 + "INT. A DAY" 3 + BOB 1 + "Hi there." 2 + "EXT. B NIGHT" 3
	// + "Rain." 1: the dashes of headings are not words.
	if n := CountWords(s); n != 12 {
		t.Errorf("CountWords = %d, want 12", n)
	}
}

func TestDualPartner(t *testing.T) {
	s := Parse("A\nOne\n\nB ^\nTwo\n\nC\nThree\n")
	for i, want := range []int{2, 2, 0, 0, -1, -1} {
		if got := s.DualPartner(i); got != want {
			t.Errorf("DualPartner(%d) = %d, want %d", i, got, want)
		}
	}
}

func TestTitlePageLines(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want int
	}{
		{"", 0},
		{"INT. HOUSE - DAY\n\nHello.\n", 0},
		{"Title: X\n\nINT. HOUSE - DAY\n", 1},
		// Leading blank lines count; an indented value is the title page's.
		{"\n\nTitle: X\nNotes:\n\tone\n\ttwo\n\nINT. HOUSE - DAY\n", 6},
		// Beat's bare key takes unindented lines.
		{"Title: X\nContact:\nme@example.com\n+1 555\n\nAction.\n", 4},
		// An unindented line that is not a key starts the script.
		{"Title: X\nAction at once.\n", 1},
		{"Title: X\r\nAuthor: Y\r\n\r\nAction.\r\n", 2},
	} {
		if got := TitlePageLines(tc.src); got != tc.want {
			t.Errorf("TitlePageLines(%q) = %d, want %d", tc.src, got, tc.want)
		}
	}
}
