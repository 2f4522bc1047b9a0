package fountain

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
)

// nyousefiDecisions are the nyousefi-fountain facts (fixture#index relation
// value) where we follow the spec rather than nyousefi's parser.
var nyousefiDecisions = map[string][]knownDiff{
	"Boneyard.fountain#1 is Boneyard":       {{`Boneyard: "If you want Fountain to ignore some text, wrap it with /* some text */." We remove boneyard while reading, so it is no element and the elements after it move up; nyousefi lists each boneyard as an element.`, []string{"-Boneyard", "+Action"}}},
	"Boneyard.fountain#2 is Boneyard":       {{`Boneyard: "If you want Fountain to ignore some text, wrap it with /* some text */." We remove boneyard while reading, so it is no element and the elements after it move up; nyousefi lists each boneyard as an element.`, []string{"-Boneyard", "+no element"}}},
	"Dialogue.fountain#23 is Character":     {{`Character: "Character names must include at least one alphabetical character. \"R2D2\" works, but \"23\" does not." We read "23 (O.S.)" and its line as one Action; nyousefi makes them a Character and a Dialogue, so from there its index N is our N-1 (our element N is the one after the element nyousefi means).`, []string{"-Character", "+Action"}}},
	"Dialogue.fountain#26 is Dialogue":      {{`Character: "Character names must include at least one alphabetical character. \"R2D2\" works, but \"23\" does not." We read "23 (O.S.)" and its line as one Action; nyousefi makes them a Character and a Dialogue, so from there its index N is our N-1 (our element N is the one after the element nyousefi means).`, []string{"-Dialogue", "+Character"}}},
	"Dialogue.fountain#27 is Character":     {{`Character: "Character names must include at least one alphabetical character. \"R2D2\" works, but \"23\" does not." We read "23 (O.S.)" and its line as one Action; nyousefi makes them a Character and a Dialogue, so from there its index N is our N-1 (our element N is the one after the element nyousefi means).`, []string{"-Character", "+Parenthetical"}}},
	"Dialogue.fountain#28 is Parenthetical": {{`Character: "Character names must include at least one alphabetical character. \"R2D2\" works, but \"23\" does not." We read "23 (O.S.)" and its line as one Action; nyousefi makes them a Character and a Dialogue, so from there its index N is our N-1 (our element N is the one after the element nyousefi means).`, []string{"-Parenthetical", "+Dialogue"}}},
	"Dialogue.fountain#29 is Dialogue":      {{`Character: "Character names must include at least one alphabetical character. \"R2D2\" works, but \"23\" does not." We read "23 (O.S.)" and its line as one Action; nyousefi makes them a Character and a Dialogue, so from there its index N is our N-1 (our element N is the one after the element nyousefi means).`, []string{"-Dialogue", "+no element"}}},
	"SceneHeaders.fountain#18 is Scene Heading": {{`Scene Heading: "A Scene Heading is any line that has a blank line following it"; Character: "A Character element is any line entirely in uppercase, with one empty line before it and without an empty line after it." The block "INT. HOUSE - DAY" / "EXT. HOUSE - DAY" is a Character and its Dialogue for us, two elements where nyousefi has one, so nyousefi's element 18 ("int. house - day", a heading for us too) is our 19, and our 18 is "ESTABLISHING", Action.`,
		[]string{"-Scene Heading", "+Action"}}},
	"Transitions.fountain#2 is Transition": {{`Transition: "The requirements for Transition elements are: Uppercase; Preceded by and followed by an empty line; Ending in TO:". "FADE TO BLACK." does not end in "TO:", so it is Action; nyousefi keeps a list of extra transitions. Write "> FADE TO BLACK." to force one.`,
		[]string{"-Transition", "+Action"}}},
}

// nyousefiType names our element types as nyousefi does. Centered text is
// Action there (with a centered flag); notes are Comments.
var nyousefiType = map[ElementType]string{
	SceneHeading: "Scene Heading", Action: "Action", Centered: "Action", Character: "Character",
	Dialogue: "Dialogue", Parenthetical: "Parenthetical", Transition: "Transition",
	PageBreak: "Page Break", Note: "Comment", Section: "Section Heading", Synopsis: "Synopsis",
	Lyrics: "Lyrics",
}

func TestPeerNyousefiFountain(t *testing.T) {
	tsv := string(corpus.Read(t, "peer-tests", "nyousefi-fountain", "expected-element-types.tsv"))
	used := map[string]bool{}
	parsed := map[string]*Script{}
	n := 0
	for _, line := range strings.Split(tsv, "\n") {
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "fixture\t") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 4 {
			t.Fatalf("bad fact line %q", line)
		}
		fixture, rel, value := f[0], f[2], f[3]
		index, err := strconv.Atoi(f[1])
		if err != nil {
			t.Fatalf("bad index in %q", line)
		}
		n++
		key := fmt.Sprintf("%s#%d %s %s", fixture, index, rel, value)
		t.Run(key, func(t *testing.T) {
			s := parsed[fixture]
			if s == nil {
				s = Parse(string(corpus.Read(t, "peer-tests", "nyousefi-fountain", fixture)))
				parsed[fixture] = s
			}
			ours, depth := "no element", 0
			if index < len(s.Elements) {
				e := s.Elements[index]
				ours, depth = nyousefiType[e.Type], e.Depth
			}
			var got, want []string
			switch rel {
			case "is":
				got, want = []string{ours}, []string{value}
			case "is_not":
				got, want = []string{ours}, []string{"not " + value}
				if ours != value {
					got = want
				}
			case "section_depth":
				got, want = []string{fmt.Sprint("depth ", depth)}, []string{"depth " + value}
			default:
				t.Fatalf("unknown relation %q", rel)
			}
			comparePeer(t, "nyousefi-fountain", nyousefiDecisions, used, key, got, want)
		})
	}
	if n == 0 {
		t.Fatal("no facts")
	}
	reportTally(t, "nyousefi-fountain", nyousefiDecisions, used)
}
