package fdx

import (
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/fountain"
)

// doc wraps paragraphs (and anything else) in a minimal FDX document.
func doc(content string, rest ...string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<FinalDraft DocumentType="Script" Template="No" Version="5">
<Content>` + content + `</Content>` + strings.Join(rest, "") + `</FinalDraft>`
}

// para is one paragraph of the given type holding plain text.
func para(typ, text string) string {
	return `<Paragraph Type="` + typ + `"><Text>` + text + `</Text></Paragraph>`
}

// el is a compact element description for table tests: "type|text", with
// "|ext=…", "|num=…", "|depth=N", "|dual", "|first" appended when set.
func el(e fountain.Element) string {
	s := string(e.Type) + "|" + e.Text
	if e.Extension != "" {
		s += "|ext=" + e.Extension
	}
	if e.SceneNumber != "" {
		s += "|num=" + e.SceneNumber
	}
	if e.Depth != 0 {
		s += "|depth=" + string(rune('0'+e.Depth))
	}
	if e.Dual {
		s += "|dual"
	}
	if e.DualFirst {
		s += "|first"
	}
	if e.Forced {
		s += "|forced"
	}
	return s
}

func els(s *fountain.Script) []string {
	out := make([]string, len(s.Elements))
	for i, e := range s.Elements {
		out[i] = el(e)
	}
	return out
}

func TestReadParagraphs(t *testing.T) {
	tests := []struct {
		name    string
		content string
		rest    string
		want    []string
		report  string // a substring of the report, or "" for an empty report
	}{
		// The standard elements map one to one.
		{"heading with number", `<Paragraph Type="Scene Heading" Number="12A"><Text>INT. HOUSE - DAY</Text></Paragraph>`, "",
			[]string{"scene_heading|INT. HOUSE - DAY|num=12A"}, ""},
		{"dialogue block", para("Character", "BOB (V.O.)") + para("Parenthetical", "(softly)") + para("Dialogue", "Hi."), "",
			[]string{"character|BOB|ext=V.O.", "parenthetical|(softly)", "dialogue|Hi."}, ""},
		{"transition", para("Transition", "CUT TO:"), "", []string{"transition|CUT TO:"}, ""},
		{"multi-line action", para("Action", "One.\nTwo."), "", []string{"action|One.\nTwo."}, ""},
		// Types without a Fountain equivalent.
		{"shot", para("Shot", "ANGLE ON BOB"), "", []string{"scene_heading|ANGLE ON BOB|forced"}, `"Shot" read as a forced scene heading`},
		{"general", para("General", "Note to self."), "", []string{"action|Note to self."}, `"General" read as action`},
		{"cast list", para("Cast List", "BOB"), "", []string{"action|BOB"}, `"Cast List" read as action`},
		{"new act", `<Paragraph Type="New Act"><Text Style="Underline">ACT ONE</Text></Paragraph>`, "",
			[]string{"centered|_ACT ONE_"}, `"New Act" read as centered text`},
		{"end of act", para("End of Act", "END OF ACT ONE"), "", []string{"centered|END OF ACT ONE"}, `"End of Act" read as centered text`},
		{"unknown type", para("Flashback", "Years ago."), "", []string{"action|Years ago."}, `unknown paragraph type "Flashback" kept as action`},
		{"custom centered type", para("Title Card", "PARIS, 1920"), `<ElementSettings Type="Title Card"><ParagraphSpec Alignment="Center"/></ElementSettings>`,
			[]string{"centered|PARIS, 1920"}, `unknown paragraph type "Title Card" kept as centered text`},
		{"page break from settings", para("Action", "One.") + para("New Act", "ACT TWO") + `<Paragraph Type="New Act" StartsNewPage="No"><Text>ACT THREE</Text></Paragraph>`,
			`<ElementSettings Type="New Act"><ParagraphSpec Alignment="Center" StartsNewPage="Yes"/></ElementSettings>`,
			[]string{"action|One.", "page_break|", "centered|ACT TWO", "centered|ACT THREE"}, `"New Act" read as centered text (2×)`},
		{"lyrics", para("Lyrics", "La la la") + para("Lyric", "Lo lo"), "", []string{"lyrics|La la la", "lyrics|Lo lo"}, ""},
		{"outline", para("Outline 2", "Act one") + para("Outline Body", "They meet."), "",
			[]string{"section|Act one|depth=2", "synopsis|They meet."}, ""},
		{"centered action", `<Paragraph Type="Action" Alignment="Center"><Text>THE END</Text></Paragraph>`, "",
			[]string{"centered|THE END"}, ""},
		{"page break", para("Action", "One.") + `<Paragraph Type="Action" StartsNewPage="Yes"><Text>Two.</Text></Paragraph>`, "",
			[]string{"action|One.", "page_break|", "action|Two."}, ""},
		{"empty paragraph", para("Action", "") + para("Action", "One."), "", []string{"action|One."}, "skipped: empty paragraph"},
		// Emphasis.
		{"styles", `<Paragraph Type="Action"><Text Style="Bold">B</Text><Text> </Text><Text Style="Italic">I</Text><Text> </Text><Text Style="Bold+Italic+Underline">BIU</Text></Paragraph>`, "",
			[]string{"action|**B** *I* _***BIU***_"}, ""},
		{"nested", `<Paragraph Type="Action"><Text Style="Bold">bold </Text><Text Style="Bold+Italic">both</Text><Text Style="Bold"> bold</Text></Paragraph>`, "",
			[]string{"action|**bold *both* bold**"}, ""},
		{"space at a style's edge", `<Paragraph Type="Action"><Text Style="Bold">FADE IN: </Text><Text>Night.</Text></Paragraph>`, "",
			[]string{"action|**FADE IN:** Night."}, ""},
		{"literal stars", para("Action", "Dial *69 now*."), "", []string{`action|Dial *69 now\*.`}, ""},
		{"literal underscores", para("Action", "Sign _here_ and snake_case"), "", []string{`action|Sign _here\_ and snake\_case`}, ""},
		{"backslash", para("Action", `C:\*`), "", []string{`action|C:\\*`}, ""},
		{"all caps", `<Paragraph Type="Action"><Text Style="AllCaps">loud</Text></Paragraph>`, "", []string{"action|LOUD"}, "AllCaps"},
		{"strikeout", `<Paragraph Type="Action"><Text Style="Strikeout">gone</Text></Paragraph>`, "", []string{"action|gone"}, `style "Strikeout" dropped`},
		{"revision", `<Paragraph Type="Action"><Text RevisionID="2">new</Text><Text RevisionID="0"> old</Text></Paragraph>`, "", []string{"action|new old"}, "revised text (revision set 2)"},
		{"image", `<Paragraph Type="Action"><Image File="x.png"/><Text>Look.</Text></Paragraph>`, "", []string{"action|Look."}, "skipped: <Image> inside a paragraph"},
		{"fade in style none", `<Paragraph Type="Action"><Text Style="">a</Text><Text>b</Text></Paragraph>`, "", []string{"action|ab"}, ""},
		// Notes.
		{"note in action", `<Paragraph Type="Action"><ScriptNote ID="1"><Paragraph><Text>fix</Text></Paragraph></ScriptNote><Text>He runs.</Text></Paragraph>`, "",
			[]string{"action|He runs. [[fix]]"}, ""},
		{"note in heading", `<Paragraph Type="Scene Heading"><ScriptNote><Paragraph><Text>a</Text></Paragraph><Paragraph><Text>b</Text></Paragraph></ScriptNote><Text>INT. X</Text></Paragraph>`, "",
			[]string{"scene_heading|INT. X", "note|a\nb"}, ""},
		{"note alone", `<Paragraph Type="Action"><ScriptNote><Paragraph><Text>alone</Text></Paragraph></ScriptNote><Text></Text></Paragraph>`, "",
			[]string{"note|alone"}, ""},
		{"unanchored note", para("Action", "One."), `<UnanchoredScriptNotes><ScriptNote><Paragraph><Text>loose</Text></Paragraph></ScriptNote></UnanchoredScriptNotes>`,
			[]string{"action|One.", "note|loose"}, "not anchored"},
		{"brackets in note", `<Paragraph Type="Action"><ScriptNote><Paragraph><Text>a]]b</Text></Paragraph></ScriptNote><Text>X.</Text></Paragraph>`, "",
			[]string{"action|X. [[a] ]b]]"}, "spaced out"},
		{"synopsis", `<Paragraph Type="Scene Heading"><SceneProperties><Summary><Paragraph><Text>They meet.</Text></Paragraph></Summary></SceneProperties><Text>INT. X</Text></Paragraph>`, "",
			[]string{"scene_heading|INT. X", "synopsis|They meet."}, ""},
		{"scene title", `<Paragraph Type="Scene Heading"><SceneProperties Title="The heist"/><Text>INT. X</Text></Paragraph>`, "",
			[]string{"scene_heading|INT. X"}, `skipped: scene title "The heist"`},
		// Dual dialogue.
		{"dual", `<Paragraph><DualDialogue>` + para("Character", "A") + para("Dialogue", "x") + para("Character", "B") + para("Parenthetical", "(y)") + para("Dialogue", "y") + `</DualDialogue></Paragraph>`, "",
			[]string{"character|A|first", "dialogue|x|first", "character|B|dual", "parenthetical|(y)|dual", "dialogue|y|dual"}, ""},
		{"dual with three speakers", `<Paragraph><DualDialogue>` + para("Character", "A") + para("Dialogue", "x") + para("Character", "B") + para("Dialogue", "y") + para("Character", "C") + para("Dialogue", "z") + `</DualDialogue></Paragraph>`, "",
			[]string{"character|A|first", "dialogue|x|first", "character|B|dual", "dialogue|y|dual", "character|C", "dialogue|z"}, "3 speakers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, rep, err := Read(strings.NewReader(doc(tt.content, tt.rest)))
			if err != nil {
				t.Fatal(err)
			}
			got := els(s)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("elements:\n got %q\nwant %q", got, tt.want)
			}
			switch {
			case tt.report == "" && !rep.Empty():
				t.Errorf("report should be empty, got:\n%s", rep)
			case tt.report != "" && !strings.Contains(rep.String(), tt.report):
				t.Errorf("report lacks %q:\n%s", tt.report, rep)
			}
		})
	}
}

func TestReadTitlePage(t *testing.T) {
	p := func(align, text string) string {
		if text == "" {
			return `<Paragraph Alignment="` + align + `"/>`
		}
		return `<Paragraph Alignment="` + align + `"><Text>` + text + `</Text></Paragraph>`
	}
	tests := []struct {
		name  string
		paras []string
		want  []fountain.TitleField
	}{
		{"Final Draft layout", []string{p("Left", ""), p("Center", "BIG FISH"), p("Center", ""), p("Center", "written by"), p("Center", ""),
			p("Center", "John August"), p("Center", ""), p("Center", "based on the novel by Daniel Wallace"), p("Left", ""),
			p("Right", "March 3, 2003"), p("Left", ""), p("Left", "Copyright (c) 2003"), p("Left", ""), p("Left", "CAA\n555 1234")},
			[]fountain.TitleField{{Key: "Title", Value: "BIG FISH"}, {Key: "Credit", Value: "written by"}, {Key: "Author", Value: "John August"},
				{Key: "Source", Value: "based on the novel by Daniel Wallace"}, {Key: "Draft date", Value: "March 3, 2003"},
				{Key: "Copyright", Value: "Copyright (c) 2003"}, {Key: "Contact", Value: "CAA\n555 1234"}}},
		{"no credit; lines of one block join", []string{p("Center", "TITLE"), p("Center", ""), p("Center", "Jane Doe"), p("Left", "1 Main St"), p("Left", "Town")},
			[]fountain.TitleField{{Key: "Title", Value: "TITLE"}, {Key: "Author", Value: "Jane Doe"}, {Key: "Contact", Value: "1 Main St\nTown"}}},
		{"two columns at the bottom", []string{p("Center", "T"), p("Full", "Agent - CAA\tFirst Draft"), p("Left", "Manager\tMay 1, 2021")},
			[]fountain.TitleField{{Key: "Title", Value: "T"}, {Key: "Contact", Value: "Agent - CAA\nManager"}, {Key: "Draft date", Value: "First Draft\nMay 1, 2021"}}},
		{"layout with Key: value lines", []string{p("Center", "T"), p("Center", ""), p("Center", "Credit: Hajakyz"), p("Center", ""), p("Center", "Jane"), p("Center", ""),
			p("Center", "Date: 1/2/3"), p("Right", "May 2020"), p("Left", "Phone: 555"), p("Center", "Notes: late"), p("Left", "Copyright: none")},
			[]fountain.TitleField{{Key: "Title", Value: "T"}, {Key: "Credit", Value: "Hajakyz"}, {Key: "Author", Value: "Jane"},
				{Key: "Date", Value: "1/2/3"}, {Key: "Draft date", Value: "May 2020"}, {Key: "Contact", Value: "Phone: 555"},
				{Key: "Notes", Value: "late"}, {Key: "Copyright", Value: "none"}}},
		{"explicit fields", []string{p("Left", "Title: T"), p("Left", ""), p("Left", "fmt: a b"), p("Left", "Empty:")},
			[]fountain.TitleField{{Key: "Title", Value: "T"}, {Key: "fmt", Value: "a b"}, {Key: "Empty", Value: ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := doc("", `<TitlePage><Content>`+strings.Join(tt.paras, "")+`</Content></TitlePage>`)
			s, _, err := Read(strings.NewReader(src))
			if err != nil {
				t.Fatal(err)
			}
			if !sameFields(s.TitlePage, tt.want) {
				t.Errorf("title page:\n got %q\nwant %q", s.TitlePage, tt.want)
			}
		})
	}
}

// TestReadRunsKeepBreaksAndSpaces holds the text of a paragraph's runs as
// Final Draft shows it: the spaces and line breaks between runs are kept,
// and every spelling of a line break inside a paragraph (a carriage
// return, Unicode's line and paragraph separators) is a line break, never
// dropped so that the two lines print as one word. Each comes back the same
// through Fountain (Write, then Parse).
func TestReadRunsKeepBreaksAndSpaces(t *testing.T) {
	tests := []struct {
		name, runs, want string
	}{
		{"a space in its own run", `<Text Style="Bold">one</Text><Text> </Text><Text Style="Italic">two</Text>`, "**one** *two*"},
		{"a space in a styled run", `<Text>one</Text><Text Style="Underline"> </Text><Text>two</Text>`, "one two"},
		{"a line break in its own run", "<Text>one</Text><Text>\n</Text><Text>two</Text>", "one\ntwo"},
		{"a line break ending a styled run", "<Text Style=\"Bold\">one\n</Text><Text Style=\"Italic\">two</Text>", "**one**\n*two*"},
		{"a carriage return", `<Text>one&#13;two</Text>`, "one\ntwo"},
		{"a carriage return and line feed", `<Text>one&#13;&#10;two</Text>`, "one\ntwo"},
		{"a line separator", "<Text>one\u2028two</Text>", "one\ntwo"},
		{"a paragraph separator", "<Text>one\u2029two</Text>", "one\ntwo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _, err := Read(strings.NewReader(doc(`<Paragraph Type="Action">` + tt.runs + `</Paragraph>`)))
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Elements) != 1 || s.Elements[0].Text != tt.want {
				t.Fatalf("elements %q, want one with %q", els(s), tt.want)
			}
			back := fountain.Parse(fountain.Write(s))
			if len(back.Elements) != 1 || back.Elements[0].Text != tt.want {
				t.Errorf("through Fountain: %q", els(back))
			}
		})
	}
}

// TestReadTwoParentheticals keeps a second parenthetical under the first a
// parenthetical, through Fountain too.
func TestReadTwoParentheticals(t *testing.T) {
	s, _, err := Read(strings.NewReader(doc(para("Character", "BOB") + para("Parenthetical", "(loudly)") +
		para("Parenthetical", "(bouncy)") + para("Dialogue", "Hi."))))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"character|BOB", "parenthetical|(loudly)", "parenthetical|(bouncy)", "dialogue|Hi."}
	for _, got := range [][]string{els(s), els(fountain.Parse(fountain.Write(s)))} {
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("elements %q, want %q", got, want)
		}
	}
}
