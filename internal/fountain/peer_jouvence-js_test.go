package fountain

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
)

// jouvenceJSDecisions are the jouvence-js cases (input file name) where we
// follow the spec rather than jouvence.
var jouvenceJSDecisions = map[string][]knownDiff{
	"t56.fountain": {{`Scene Heading: "A Scene Heading is any line that has a blank line following it"; Character: "A Character element is any line entirely in uppercase, with one empty line before it and without an empty line after it." "EXT. ELSEWHERE" is followed by "Whatever" with no blank line, so it is a character cue; jouvence makes it a heading.`,
		[]string{"-sceneHeading|EXT. ELSEWHERE|11", "-action|Whatever", "+dialogueStart", "+character|EXT. ELSEWHERE", "+dialogue|Whatever", "+dialogueEnd"}}},
}

// jouvenceJSView writes our script as jouvence-js's event stream, one event
// per line as "event|text" (attributes that both sides give are appended):
// a title field as "title|Key=[values]", a dialogue event per line of
// dialogue, parentheticals without their brackets, notes inside text removed
// and a note element as "note|text".
func jouvenceJSView(s *Script) []string {
	var out []string
	for _, f := range s.TitlePage {
		var vs []string
		if f.Value != "" {
			vs = strings.Split(f.Value, "\n")
		}
		out = append(out, jouvenceTitle(f.Key, vs))
	}
	slices.Sort(out)
	els := s.Elements
	inDual := false
	for i, e := range els {
		switch e.Type {
		case SceneHeading:
			out = append(out, fmt.Sprintf("sceneHeading|%s|%d", e.Text, e.Line))
		case Action:
			out = append(out, "action|"+removeNotes(e.Text))
		case Transition:
			out = append(out, "transition|"+e.Text)
		case Section:
			out = append(out, fmt.Sprintf("section_%d|%s|%d", e.Depth, e.Text, e.Line))
		case Synopsis:
			out = append(out, "synopsis|"+e.Text)
		case Note:
			out = append(out, "note|"+e.Text)
		case Character:
			if e.DualFirst {
				out = append(out, "dualDialogueStart")
				inDual = true
			}
			out = append(out, "dialogueStart", "character|"+e.Text+jouvenceExt(e.Extension))
		case Parenthetical:
			out = append(out, "parenthetical|"+strings.TrimSuffix(strings.TrimPrefix(e.Text, "("), ")"))
		case Dialogue:
			for _, l := range strings.Split(e.Text, "\n") {
				out = append(out, "dialogue|"+l)
			}
		default:
			out = append(out, string(e.Type)+"|"+e.Text)
		}
		if e.Type == Character || e.Type == Dialogue || e.Type == Parenthetical {
			if i+1 == len(els) || els[i+1].Type == Character || (els[i+1].Type != Dialogue && els[i+1].Type != Parenthetical) {
				out = append(out, "dialogueEnd")
				if inDual && e.Dual {
					out = append(out, "dualDialogueEnd")
					inDual = false
				}
			}
		}
	}
	return out
}

func jouvenceTitle(key string, values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = fmt.Sprintf("%q", v)
	}
	return "title|" + key + "=[" + strings.Join(q, ",") + "]"
}

func jouvenceExt(ext string) string {
	if ext == "" {
		return ""
	}
	return "|" + ext
}

// removeNotes removes inline notes exactly, leaving the text around them as
// it is (the peers print "JACK[[note]]. They" as "JACK. They").
func removeNotes(text string) string {
	for {
		i := strings.Index(text, "[[")
		if i < 0 {
			return text
		}
		j := strings.Index(text[i+2:], "]]")
		if j < 0 {
			return text
		}
		text = text[:i] + text[i+2+j+2:]
	}
}

// jouvenceJSExpected reads a .notif file into the same form as
// jouvenceJSView. The boneyard event ("block||*") is dropped: we remove
// boneyard while reading, as the spec says Fountain ignores it.
func jouvenceJSExpected(t *testing.T, notif string) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimRight(notif, "\n"), "\n") {
		ev, rest, _ := strings.Cut(l, "|")
		text, attrs, _ := strings.Cut(rest, "|")
		var a map[string]any
		if strings.TrimSpace(attrs) != "" && strings.HasPrefix(strings.TrimSpace(attrs), "{") {
			if err := json.Unmarshal([]byte(attrs), &a); err != nil {
				t.Fatalf("attributes of %q: %v", l, err)
			}
		}
		switch {
		case ev == "startOfDocument" || ev == "endOfDocument":
		case ev == "titlePage":
			var m map[string][]string
			if err := json.Unmarshal([]byte(attrs), &m); err != nil {
				t.Fatalf("title page %q: %v", attrs, err)
			}
			var ts []string
			for k, v := range m {
				ts = append(ts, jouvenceTitle(k, v))
			}
			slices.Sort(ts)
			out = append(out, ts...)
		case ev == "block":
			var bs []struct {
				Nature  string   `json:"nature"`
				Content []string `json:"content"`
			}
			if attrs == "*" {
				continue
			}
			if err := json.Unmarshal([]byte(attrs), &bs); err != nil {
				t.Fatalf("block %q: %v", attrs, err)
			}
			for _, b := range bs {
				out = append(out, b.Nature+"|"+strings.Join(b.Content, "\n"))
			}
		case ev == "sceneHeading" || strings.HasPrefix(ev, "section_"):
			out = append(out, fmt.Sprintf("%s|%s|%v", ev, text, a["lineno"]))
		case ev == "character":
			ext, _ := a["extension"].(string)
			out = append(out, "character|"+text+jouvenceExt(ext))
		case ev == "dialogueStart" || ev == "dialogueEnd" || ev == "dualDialogueStart" || ev == "dualDialogueEnd":
			out = append(out, ev)
		default:
			out = append(out, ev+"|"+text)
		}
	}
	return out
}

func TestPeerJouvenceJS(t *testing.T) {
	dir := corpus.Path(t, "peer-tests", "jouvence-js")
	files, err := filepath.Glob(filepath.Join(dir, "*.notif"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no jouvence-js files: %v", err)
	}
	used := map[string]bool{}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".notif")
		t.Run(name, func(t *testing.T) {
			src := string(corpus.Read(t, "peer-tests", "jouvence-js", name+".fountain"))
			want := jouvenceJSExpected(t, string(corpus.Read(t, "peer-tests", "jouvence-js", name+".notif")))
			comparePeer(t, "jouvence-js", jouvenceJSDecisions, used, name+".fountain", jouvenceJSView(Parse(src)), want)
		})
	}
	reportTally(t, "jouvence-js", jouvenceJSDecisions, used)
}
