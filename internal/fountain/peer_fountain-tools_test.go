package fountain

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
)

// fountainToolsDecisions are the fountain-tools cases (expected file name)
// where we follow the spec rather than fountain-tools.
var fountainToolsDecisions = map[string][]knownDiff{
	"Boneyards.txt": {
		{`Boneyard: "If you want Fountain to ignore some text, wrap it with /* some text */. In this example, an entire scene is put in the boneyard. It will be ignored completely on formatted output." This file is the spec's example: with the boneyard ignored, "CUT TO:" is a Transition ("Uppercase", "Preceded by and followed by an empty line", "Ending in TO:"). fountain-tools keeps "CUT TO:" as action with a placeholder and lists the boneyard as an element.`,
			[]string{"-ACTION \"CUT TO:\\n/*0*/\"", "+TRANSITION \"CUT TO:\"", "-BONEYARD \"\\nINT. GARAGE - DAY\\n\\nBRICK and STEEL get into Mom’s PORSCHE, Steel at the wheel. They pause for a beat, the gravity of the situation catching up with them.\\n\\nBRICK\\nThis is everybody we’ve ever put away.\\n\\nSTEEL\\n(starting the engine)\\nSo much for retirement!\\n\\nThey speed off. To destiny!\\n\\nCUT TO:\\n\""}},
	},
	"Character.txt": {
		{`Character: "Character Extensions--the parenthetical notations that follow a character name on the same line--may be in uppercase or lowercase". We keep every extension as written, (CONT'D) included; fountain-tools drops (CONT'D).`,
			[]string{"-CHARACTER \"STEEL\"", "+CHARACTER \"STEEL\" \"(CONT'D)\"", "-CHARACTER \"STEEL\" \"(V.O.)\"", "+CHARACTER \"STEEL\" \"(V.O.) (CONT'D)\"", "-CHARACTER \"STEEL\" \"(V.O.)\"", "+CHARACTER \"STEEL\" \"(V.O.) (CONT’D)\""}},
		{`Character: "Character names must include at least one alphabetical character. "R2D2" works, but "23" does not." "3CPO" has letters, so it is a character; fountain-tools refuses a name that starts with a digit.`,
			[]string{"-ACTION \"3CPO\\nNot work.\"", "+CHARACTER \"3CPO\"", "+DIALOGUE \"Not work.\""}},
		{`Dual Dialogue: "All that matters is that the caret is the last character on the line." The caret of "AND ^ (Dual)" is not last, so the cue is not dual; the line is otherwise "entirely in uppercase" (extensions "may be in uppercase or lowercase") with text after it, so it is a character cue named "AND ^". fountain-tools makes the block action.`,
			[]string{"-ACTION \"AND ^ (Dual)\\nShouldn't work\"", "+CHARACTER \"AND ^\" \"(Dual)\"", "+DIALOGUE \"Shouldn't work\""}},
	},
	"Formatted.txt": {
		{`Emphasis: "In this way the writer can mix and match and combine bold, italics and underlining, as screenwriters often do." with the example "_Steel's face FILLS the *Leupold Mark 4* scope_". We italicize "Leupold Mark 4" inside the underline; fountain-tools leaves the asterisks.`,
			[]string{"-From what seems like only INCHES AWAY. <u>Steel’s face FILLS the *Leupold Mark 4* scope</u>.", "+From what seems like only INCHES AWAY. <u>Steel’s face FILLS the </u><i><u>Leupold Mark 4</u></i><u> scope</u>."}},
	},
	"Notes.txt": {
		{`Notes: "Notes can be inserted between lines, or in the middle of a line." and "The empty lines around the Note on its own line would be removed in parsing." The note on its own line is a Note element; fountain-tools folds it into the action before it.`,
			[]string{"-ACTION \"[[1]]\"", "+NOTE \"It was supposed to be Vietnamese, right?\""}},
		{`Line Breaks: a blank line inside dialogue needs two spaces "so that Fountain knows that Hit or stand sir? is not an Action element", so the paragraph after JACK's line is action; Notes: "if you wish a note to contain an empty line, you must place two spaces there to "connect" the element into one", so "[[This ... blank line.]]", which holds an empty line, is no note and stays as text. fountain-tools runs the dialogue on across blank lines, lists the notes apart, and closes the last note at the blank line.`,
			[]string{"-DIALOGUE \"*Did you know Brick and Steel are retired?*\\n\\nHis hand is an inch from the receiver when the phone RINGS. Scott pauses for a moment, suspicious for some reason.[[2]] He looks around. Phone ringing.\\nTesting a note without spaces[[3]]\\nDefinitely shouldn't. Because of that blank line.]] He looks around. Phone ringing.\"", "-NOTE \"Or did we think of actual names for these guys?\"", "-NOTE \"It was supposed to be Vietnamese, right?\"", "-NOTE \"This section needs work.\\nEither that, or I need coffee.\\n  \\nDefinitely coffee.\"", "-NOTE \"This\\ndoesn't have spaces. Shouldn't work.\"", "+DIALOGUE \"*Did you know Brick and Steel are retired?*\"", "+ACTION \"His hand is an inch from the receiver when the phone RINGS. Scott pauses for a moment, suspicious for some reason.[[1]] He looks around. Phone ringing.\"", "+ACTION \"Testing a note without spaces[[This\\ndoesn't have spaces. Shouldn't work.\"", "+ACTION \"Definitely shouldn't. Because of that blank line.]] He looks around. Phone ringing.\""}},
	},
	"Parenthetical.txt": {
		{`Parenthetical: "Parentheticals follow a Character or Dialogue element, and are wrapped in parentheses ()." The spec does not forbid two in a row, and Final Draft prints "(loudly)" and "(bouncy)" one under the other as parentheticals, as the editor shows them; fountain-tools makes the second one dialogue.`,
			[]string{"-DIALOGUE \"(bouncy)\\nAlso trying this?\"", "+PARENTHETICAL \"bouncy\"", "+DIALOGUE \"Also trying this?\""}},
	},
	"Sections.txt": {
		{`Title Page: "Information is encoding in the format key: value"; the spec's own Sections example opens with "CUT TO:" and a blank line, a Transition ("Uppercase", "Preceded by and followed by an empty line", "Ending in TO:"). An all-uppercase word that is no title key ("CUT TO") does not start a title page for us; fountain-tools reads it as a title entry.`,
			[]string{"-TITLEENTRY \"CUT TO\": \"\"", "+TRANSITION \"CUT TO:\""}},
		{`Scene Heading: "A Scene Heading is any line that has a blank line following it"; Character: "A Character element is any line entirely in uppercase, with one empty line before it and without an empty line after it." "INT. PALACE HALLWAY - NIGHT" has a line right after it, so it is a character cue.`,
			[]string{"-HEADING \"INT. PALACE HALLWAY - NIGHT\"", "-ACTION \"You can nest Sections by adding more # characters.\"", "+CHARACTER \"INT. PALACE HALLWAY - NIGHT\"", "+DIALOGUE \"You can nest Sections by adding more # characters.\""}},
	},
	"Tags.txt": {
		{`Tags ("#tag" at the end of a line) are a fountain-tools extension; Fountain 1.1 has no such element, so the text stays as written. "DAVE #tagtag" then holds lowercase letters and is not a cue ("A Character element is any line entirely in uppercase"), and "CUT TO: #this_is_also_a_tag" does not end in "TO:".`,
			[]string{"-HEADING \"INT. SCEHE 1 - DAY\" tags:scene1Day,mook:music,hababibibi", "-ACTION \"This is scene 1, we think!\" tags:taggy", "-CHARACTER \"DAVE\" tags:tagtag", "-DIALOGUE \"Nice day, right?\" tags:niceday?", "-TRANSITION \"CUT TO:\" tags:this_is_also_a_tag", "+HEADING \"INT. SCEHE 1 - DAY #scene1Day #mook:music #hababibibi\"", "+ACTION \"This is scene 1, we think! #taggy\"", "+ACTION \"            DAVE #tagtag\\n    Nice day, right? #niceday?\"", "+ACTION \"            CUT TO: #this_is_also_a_tag\"", "-HEADING \"ext. OLYMPIA CIRCUS - NIGHT\" tags:tagtagtag,anothertag,taggy", "-ACTION \"...where the second-rate carnival is parked for the moment in an Alabama field.\" tags:carnivalfield", "-HEADING \"FORCED HEADER\" tags:headeher", "-CHARACTER \"JIM\" tags:jimtag", "-DIALOGUE \"Bye!\" tags:bye:jim", "-SECTION \"Another Sequence\" (2) tags:hoopla", "-SECTION \"Another Act\" (1) tags:actTag", "-HEADING \"INT./EXT. HEADER WITH SCENENUM\" (3) tags:tagtag", "-HEADING \"EST BUCKET LIST\" (A3-1) tags:oohbutisthisatag?", "-ACTION \". NOT A HEADER\" tags:bah", "+HEADING \"ext. OLYMPIA CIRCUS - NIGHT #tagtagtag #anothertag  #taggy\"", "+ACTION \"...where the second-rate carnival is parked for the moment in an Alabama field. #carnivalfield\"", "+HEADING \"FORCED HEADER #headeher\"", "+ACTION \"JIM #jimtag\\nBye! #bye:jim\"", "+SECTION \"Another Sequence #hoopla\" (2)", "+SECTION \"Another Act #actTag\" (1)", "+HEADING \"INT./EXT. HEADER WITH SCENENUM #3# #tagtag\"", "+HEADING \"EST BUCKET LIST #A3-1# #oohbutisthisatag?\"", "+ACTION \". NOT A HEADER #bah\""}},
	},
}

// fountainToolsItem matches the start of one element in a fountain-tools
// .txt file, with the placeholder prefix it gives notes and boneyards.
var fountainToolsItem = regexp.MustCompile(`(?m)^(?:\[\[\d+\]\]|/\*\d+\*/)?(TITLEENTRY|HEADING|ACTION|CHARACTER|DIALOGUE|PARENTHETICAL|TRANSITION|SECTION|SYNOPSIS|LYRIC|PAGEBREAK|NOTE|BONEYARD):`)

// fountainToolsExpected reads a .txt file into items "TYPE "text" extras".
// A title value is read without its indentation and empty lines.
func fountainToolsExpected(src string) []string {
	var out []string
	locs := fountainToolsItem.FindAllStringSubmatchIndex(src, -1)
	for n, loc := range locs {
		end := len(src)
		if n+1 < len(locs) {
			end = locs[n+1][0]
		}
		typ := src[loc[2]:loc[3]]
		body := strings.TrimRight(src[loc[1]:end], "\n")
		if typ == "TITLEENTRY" {
			key, val, _ := strings.Cut(body, `":"`)
			key = strings.TrimPrefix(key, `"`)
			val = strings.TrimSuffix(val, `"`)
			var vs []string
			for _, v := range strings.Split(val, "\n") {
				if v = strings.TrimSpace(v); v != "" {
					vs = append(vs, v)
				}
			}
			out = append(out, fmt.Sprintf("TITLEENTRY %q: %q", key, strings.Join(vs, "\n")))
			continue
		}
		// The text runs from the first quote to the last quote that ends
		// the text: the extras after it hold no line break.
		text, extras := body, ""
		if strings.HasPrefix(body, `"`) {
			i := strings.LastIndex(body, `"`)
			for i > 0 && strings.Contains(body[i:], "\n") {
				i = strings.LastIndex(body[:i], `"`)
			}
			// Skip a quoted extension: `"BOB" "(ext)"`.
			if j := strings.Index(body[1:], `" "(`); j >= 0 && j+1 < i && !strings.Contains(body[1:j+1], "\n") {
				i = j + 1
			}
			text, extras = body[1:i], strings.TrimSpace(body[i+1:])
		}
		if typ == "ACTION" && strings.HasSuffix(extras, "(centered)") {
			text = strings.TrimSpace(text)
		}
		out = append(out, ftItem(typ, text, extras))
	}
	return out
}

func ftItem(typ, text, extras string) string {
	s := fmt.Sprintf("%s %q", typ, text)
	if extras != "" {
		s += " " + extras
	}
	return s
}

// fountainToolsView writes our script as fountain-tools items. Inline notes
// become numbered placeholders "[[n]]" in the text, as fountain-tools
// prints them.
func fountainToolsView(s *Script) []string {
	var out []string
	for _, f := range s.TitlePage {
		out = append(out, fmt.Sprintf("TITLEENTRY %q: %q", f.Key, f.Value))
	}
	notes := 0
	placeholders := func(text string) string {
		var b strings.Builder
		for {
			i := strings.Index(text, "[[")
			j := strings.Index(text[max(i, 0):], "]]")
			if i < 0 || j < 0 {
				break
			}
			fmt.Fprintf(&b, "%s[[%d]]", text[:i], notes)
			notes++
			text = text[i+j+2:]
		}
		return b.String() + text
	}
	for _, e := range s.Elements {
		switch e.Type {
		case SceneHeading:
			x := ""
			if e.SceneNumber != "" {
				x = "(" + e.SceneNumber + ")"
			}
			out = append(out, ftItem("HEADING", e.Text, x))
		case Action:
			out = append(out, ftItem("ACTION", placeholders(e.Text), ""))
		case Centered:
			out = append(out, ftItem("ACTION", e.Text, "(centered)"))
		case Character:
			var x []string
			if e.Extension != "" {
				x = append(x, fmt.Sprintf("%q", "("+e.Extension+")"))
			}
			if e.Dual {
				x = append(x, "(Dual)")
			}
			out = append(out, ftItem("CHARACTER", e.Text, strings.Join(x, " ")))
		case Dialogue:
			out = append(out, ftItem("DIALOGUE", placeholders(e.Text), ""))
		case Parenthetical:
			out = append(out, ftItem("PARENTHETICAL", strings.TrimSuffix(strings.TrimPrefix(e.Text, "("), ")"), ""))
		case Transition:
			out = append(out, ftItem("TRANSITION", e.Text, ""))
		case Section:
			out = append(out, ftItem("SECTION", e.Text, fmt.Sprintf("(%d)", e.Depth)))
		case Synopsis:
			out = append(out, ftItem("SYNOPSIS", e.Text, ""))
		case Lyrics:
			for _, l := range strings.Split(e.Text, "\n") {
				out = append(out, ftItem("LYRIC", l, ""))
			}
		case PageBreak:
			out = append(out, ftItem("PAGEBREAK", "", ""))
		case Note:
			out = append(out, ftItem("NOTE", e.Text, ""))
		}
	}
	return out
}

var ftParagraphs = regexp.MustCompile(`\n\n+`)

// fountainToolsNormalize puts both sides in one form: an action is split
// into its paragraphs (fountain-tools merges action across blank lines; we
// make each paragraph an element) and blank action lines are dropped. With
// unmerged, action and dialogue are split into one item per line, as the
// "-Unmerged" files list them.
func fountainToolsNormalize(items []string, unmerged bool) []string {
	var out []string
	for _, it := range items {
		typ, rest, _ := strings.Cut(it, " ")
		if typ != "ACTION" && !(unmerged && typ == "DIALOGUE") || strings.HasSuffix(it, "(centered)") {
			out = append(out, it)
			continue
		}
		var text string
		end := strings.LastIndex(rest, `"`)
		fmt.Sscanf(rest[:end+1], "%q", &text)
		extras := strings.TrimSpace(rest[end+1:])
		var parts []string
		switch {
		case unmerged:
			parts = strings.Split(text, "\n")
		default:
			parts = ftParagraphs.Split(text, -1)
		}
		for _, p := range parts {
			if typ == "ACTION" && strings.TrimSpace(p) == "" {
				continue
			}
			out = append(out, ftItem(typ, strings.Trim(p, "\n"), extras))
		}
	}
	return out
}

// fountainToolsHTML writes the emphasis of our action text as fountain-tools'
// Formatted.txt does, one line per source line: <b>, <i>, <u>.
func fountainToolsHTML(s *Script) []string {
	var out []string
	for _, e := range s.Elements {
		for _, line := range strings.Split(e.Text, "\n") {
			var b strings.Builder
			for _, sp := range Emphasis(line) {
				open, closing := "", ""
				for _, tag := range []struct {
					on  bool
					tag string
				}{{sp.Bold, "b"}, {sp.Italic, "i"}, {sp.Underline, "u"}} {
					if tag.on {
						open += "<" + tag.tag + ">"
						closing = "</" + tag.tag + ">" + closing
					}
				}
				b.WriteString(open + sp.Text + closing)
			}
			out = append(out, b.String())
		}
	}
	return out
}

func TestPeerFountainTools(t *testing.T) {
	dir := corpus.Path(t, "peer-tests", "fountain-tools")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fountain-tools files: %v", err)
	}
	used := map[string]bool{}
	for _, f := range files {
		name := filepath.Base(f)
		base := strings.TrimSuffix(name, ".txt")
		if base == "SimpleCallbackParser" {
			continue // the callback parser's event log, with no input of that name
		}
		unmerged := strings.HasSuffix(base, "-Unmerged")
		base = strings.TrimSuffix(strings.TrimSuffix(base, "-Unmerged"), "-Merged")
		t.Run(name, func(t *testing.T) {
			s := Parse(string(corpus.Read(t, "peer-tests", "fountain-tools", base+".fountain")))
			exp := string(corpus.Read(t, "peer-tests", "fountain-tools", name))
			var got, want []string
			if base == "Formatted" {
				got = fountainToolsHTML(s)
				for _, l := range strings.Split(exp, "\n") {
					if l != "" {
						want = append(want, l)
					}
				}
			} else {
				got = fountainToolsNormalize(fountainToolsView(s), unmerged)
				want = fountainToolsNormalize(fountainToolsExpected(exp), unmerged)
			}
			comparePeer(t, "fountain-tools", fountainToolsDecisions, used, name, got, want)
		})
	}
	reportTally(t, "fountain-tools", fountainToolsDecisions, used)
}
