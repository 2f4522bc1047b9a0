package fountain

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
)

// jouvencePyDecisions are the jouvence-py cases (file#document, 0-based)
// where we follow the spec rather than jouvence.
var jouvencePyDecisions = map[string]decision{
	"test_lyrics.yaml#1": {`spec, Lyrics: "You create a Lyric by starting with a line with a tilde ~." We read "~This is lyrics" as a lyric and the next line as action; jouvence makes both lines action.`},
}

// jouvencePyView writes our elements the way jouvence-py's tests list them.
// Notes are dropped (jouvence strips them).
func jouvencePyView(s *Script) []string {
	var out []string
	for _, e := range s.Elements {
		var v string
		switch e.Type {
		case SceneHeading:
			v = "." + e.Text
			if e.SceneNumber != "" {
				v += " #" + e.SceneNumber + "#"
			}
		case Action:
			v = "!" + e.Text
		case Centered:
			v = "!><" + e.Text
		case Character:
			v = "@" + e.Text
			if e.Extension != "" {
				v += " (" + e.Extension + ")"
			}
		case Dialogue:
			v = "=" + e.Text
		case Parenthetical:
			v = "_" + e.Text
		case Transition:
			v = ">" + e.Text
		case Lyrics:
			v = "~" + e.Text
		case Section:
			v = strings.Repeat("#", e.Depth) + e.Text
		case Synopsis:
			v = "+" + e.Text
		case PageBreak:
			v = "<pagebreak>"
		default:
			continue
		}
		out = append(out, v)
	}
	return normalizeJouvenceActions(out)
}

var blankLines = regexp.MustCompile(`\n\n+`)

// normalizeJouvenceActions maps jouvence's action blocks onto ours:
// jouvence keeps the blank lines around and between action paragraphs inside
// one action; we give each paragraph its own element and drop blank lines.
func normalizeJouvenceActions(items []string) []string {
	var out []string
	for _, it := range items {
		if !strings.HasPrefix(it, "!") {
			out = append(out, it)
			continue
		}
		if strings.HasPrefix(it, "!><") {
			out = append(out, "!><"+strings.Trim(it[3:], "\n"))
			continue
		}
		for _, p := range blankLines.Split(strings.Trim(it[1:], "\n"), -1) {
			if p != "" {
				out = append(out, "!"+p)
			}
		}
	}
	return out
}

func TestPeerJouvencePy(t *testing.T) {
	dir := corpus.Path(t, "peer-tests", "jouvence-py")
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no jouvence-py files: %v", err)
	}
	used := map[string]bool{}
	for _, f := range files {
		name := filepath.Base(f)
		docs, err := parseYAMLDocs(string(corpus.Read(t, "peer-tests", "jouvence-py", name)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i, d := range docs {
			key := fmt.Sprintf("%s#%d", name, i)
			t.Run(key, func(t *testing.T) {
				skipIfDecided(t, jouvencePyDecisions, used, key)
				s := Parse(d.in)
				got, want := jouvencePyView(s), normalizeJouvenceActions(d.out)
				if !slices.Equal(got, want) {
					t.Errorf("input %q\ngot  %q\nwant %q", d.in, got, want)
				}
				title := map[string]string{}
				for _, f := range s.TitlePage {
					title[strings.ToLower(f.Key)] = f.Value
				}
				if len(title) != len(d.title) {
					t.Errorf("title page %q, want %q", title, d.title)
				}
				for k, v := range d.title {
					if title[k] != v {
						t.Errorf("title %q = %q, want %q", k, title[k], v)
					}
				}
			})
		}
	}
	checkTableUsed(t, jouvencePyDecisions, used)
}
