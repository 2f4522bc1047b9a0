package fountain

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
)

// awParserDecisions are the aw-parser cases ("line N", 0-based as aw counts,
// or "title page") where we follow the spec rather than aw-parser.
var awParserDecisions = map[string][]knownDiff{
	"title page": {
		{awTitleReason,
			[]string{"-title=\"_Screenplay title_\\nSecond line\"", "-credit=\"written by\"", "-author=\"Author 1,\\n**Author 2** & Author 3\"", "-source=\"script based on...\"", "-notes=\"Additional notes (1)\\nAdditional notes (2)\"", "-date=\"01/12/2010\"", "-contact=\"e-mail: email@email.com\\nphone: +12 34 567 89\"", "-copyright=\"Licence info\""}},
	},
	"line 0": {
		{awNoteReason,
			[]string{"-action \"[[Script note.\"", "+note \"Script note.\""}},
	},
	"line 1": {
		{awNoteReason,
			[]string{"-action \"- blah blah blah\"", "+note \"- blah blah blah\""}},
	},
	"line 2": {
		{awNoteReason,
			[]string{"-action \"- blah blah blah\"", "+note \"- blah blah blah\""}},
	},
	"line 3": {
		{awNoteReason,
			[]string{"-action \"]]\""}},
	},
	"line 5": {
		{awTitleReason,
			[]string{"+action \"Title: \""}},
	},
	"line 6": {
		{awTitleReason,
			[]string{"+action \"\\t_Screenplay title_\""}},
	},
	"line 7": {
		{awTitleReason,
			[]string{"+action \"\\tSecond line\""}},
	},
	"line 8": {
		{awTitleReason,
			[]string{"+action \"Credit: written by\""}},
	},
	"line 9": {
		{awTitleReason,
			[]string{"+action \"Author: \""}},
	},
	"line 10": {
		{awTitleReason,
			[]string{"+action \"\\tAuthor 1,\""}},
	},
	"line 11": {
		{awTitleReason,
			[]string{"+action \"\\t**Author 2** & Author 3\""}},
	},
	"line 12": {
		{awTitleReason,
			[]string{"+action \"Source: script based on...\""}},
	},
	"line 13": {
		{awTitleReason,
			[]string{"+action \"Notes: \""}},
	},
	"line 14": {
		{awTitleReason,
			[]string{"+action \"\\tAdditional notes (1)\""}},
	},
	"line 15": {
		{awTitleReason,
			[]string{"+action \"\\tAdditional notes (2)\""}},
	},
	"line 16": {
		{awTitleReason,
			[]string{"+action \"Date: 01/12/2010\""}},
	},
	"line 17": {
		{awTitleReason,
			[]string{"+action \"Contact:\""}},
	},
	"line 18": {
		{awTitleReason,
			[]string{"+action \"\\te-mail: email@email.com\""}},
	},
	"line 19": {
		{awTitleReason,
			[]string{"+action \"    phone: +12 34 567 89\""}},
	},
	"line 20": {
		{awTitleReason,
			[]string{"+action \"Copyright: Licence info\""}},
	},
	"line 52": {
		{awBoneyardReason,
			[]string{"+action \"Ignored.\""}},
	},
	"line 54": {
		{awBoneyardReason,
			[]string{"+action \"*/\""}},
	},
	"line 56": {
		{awBoneyardReason,
			[]string{"-action \"Action. action. action. action. action. action. action. action. action. action. action. action. action. action. action. action. action. action. action. action.\"", "+action \"Action. action. action. action. action. action. action. action. action. action. action. action. action.  */action. action. action. action. action. action. action.\""}},
	},
	"line 148": {
		{awLyricsReason,
			[]string{"-dialogue \"*Happy birthday to you!*\"", "+lyrics \"Happy birthday to you!\""}},
	},
}

// The reasons of the aw-parser differences.
const (
	awTitleReason    = `Title Page: "The optional Title Page is always the first thing in a Fountain document." Here a note comes first, so the "Key: value" lines are not a title page but action; aw-parser skips the note and reads a title page.`
	awNoteReason     = `Notes: "A Note is created by enclosing some text with double brackets." and "Notes can contain carriage returns". The bracketed lines 0-3 are one Note element; aw-parser reads them as action lines.`
	awBoneyardReason = `Boneyard: "If you want Fountain to ignore some text, wrap it with /* some text */." Fountain 1.1 does not nest boneyards: the first "*/" after a "/*" closes it, so the text after an inner "*/" up to the outer one stays. aw-parser nests them.`
	awLyricsReason   = `Lyrics: "You create a Lyric by starting with a line with a tilde ~." and "Fountain will remove the '~'". aw-parser makes the line italic dialogue.`
)

// awToken is one token of aw-parser's output.
type awToken struct {
	Text string `json:"text"`
	Type string `json:"type"`
	Line *int   `json:"line"`
}

// awParserView lists our elements by 0-based source line, one item per line
// of text, as aw-parser gives one token per line. Emphasis and inline notes
// stay in the text, as they do in aw's tokens; a note element is "note".
func awParserView(s *Script) map[int][]string {
	out := map[int][]string{}
	for _, e := range s.Elements {
		typ := string(e.Type)
		text := e.Text
		switch e.Type {
		case Character:
			if e.Extension != "" {
				text += " (" + e.Extension + ")"
			}
		case PageBreak:
			text = ""
		}
		for k, l := range strings.Split(text, "\n") {
			n := e.Line - 1 + k
			out[n] = append(out[n], quoteItem(typ, l))
		}
	}
	return out
}

func TestPeerAwParser(t *testing.T) {
	var exp struct {
		TitlePage []awToken `json:"title_page"`
		Tokens    []awToken `json:"tokens"`
	}
	if err := json.Unmarshal(corpus.Read(t, "peer-tests", "aw-parser", "sample.tokens.json"), &exp); err != nil {
		t.Fatal(err)
	}
	s := Parse(string(corpus.Read(t, "peer-tests", "aw-parser", "sample.fountain")))
	used := map[string]bool{}

	var gotTitle, wantTitle []string
	for _, f := range s.TitlePage {
		gotTitle = append(gotTitle, fmt.Sprintf("%s=%q", strings.ToLower(f.Key), f.Value))
	}
	for _, f := range exp.TitlePage {
		wantTitle = append(wantTitle, fmt.Sprintf("%s=%q", f.Type, f.Text))
	}
	t.Run("title page", func(t *testing.T) {
		comparePeer(t, "aw-parser", awParserDecisions, used, "title page", gotTitle, wantTitle)
	})

	want := map[int][]string{}
	for _, tk := range exp.Tokens {
		if tk.Type == "separator" {
			continue
		}
		if tk.Line == nil {
			t.Fatalf("token %+v has no line", tk)
		}
		want[*tk.Line] = append(want[*tk.Line], quoteItem(tk.Type, tk.Text))
	}
	got := awParserView(s)
	var lines []int
	for n := range want {
		lines = append(lines, n)
	}
	for n := range got {
		if _, ok := want[n]; !ok {
			lines = append(lines, n)
		}
	}
	slices.Sort(lines)
	for _, n := range lines {
		key := fmt.Sprintf("line %d", n)
		t.Run(key, func(t *testing.T) {
			comparePeer(t, "aw-parser", awParserDecisions, used, key, got[n], want[n])
		})
	}
	reportTally(t, "aw-parser", awParserDecisions, used)
}
