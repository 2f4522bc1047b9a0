package fountain

import (
	"html"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
)

// screenplainDecisions are the screenplain cases (input file name) where we
// follow the spec rather than screenplain.
var screenplainDecisions = map[string][]knownDiff{}

// screenplainView writes our script as the items screenplain's HTML shows:
// notes removed (screenplain does not print them), transitions in capitals
// (screenplain prints them so), one DIALOGUE item per dialogue line, trimmed.
func screenplainView(s *Script) []string {
	var out []string
	for _, e := range s.Elements {
		switch e.Type {
		case SceneHeading:
			out = append(out, quoteItem("HEADING", e.Text, screenplainNum(e.SceneNumber)))
		case Action:
			out = append(out, quoteItem("ACTION", removeNotes(e.Text)))
		case Centered:
			out = append(out, quoteItem("CENTERED", e.Text))
		case Character:
			cue := e.Text
			if e.Extension != "" {
				cue += " (" + e.Extension + ")"
			}
			dual := ""
			if e.Dual {
				dual = "dual"
			}
			out = append(out, quoteItem("CHARACTER", cue, dual))
		case Parenthetical:
			out = append(out, quoteItem("PARENTHETICAL", e.Text))
		case Dialogue:
			for _, l := range strings.Split(removeNotes(e.Text), "\n") {
				out = append(out, quoteItem("DIALOGUE", strings.TrimSpace(l)))
			}
		case Transition:
			out = append(out, quoteItem("TRANSITION", strings.ToUpper(e.Text)))
		case Section:
			out = append(out, quoteItem("SECTION", e.Text, strings.Repeat("#", e.Depth)))
		case Synopsis:
			out = append(out, quoteItem("SYNOPSIS", e.Text))
		case Lyrics:
			out = append(out, quoteItem("LYRICS", e.Text))
		case PageBreak:
			out = append(out, "PAGEBREAK")
		}
	}
	return out
}

func screenplainNum(n string) string {
	if n == "" {
		return ""
	}
	return "#" + n + "#"
}

var (
	screenplainTag   = regexp.MustCompile(`<(/?)([a-z0-9]+)([^>]*)>|[^<]+`)
	screenplainClass = regexp.MustCompile(`class="([^"]*)"`)
)

// screenplainExpected reads screenplain's --bare HTML into the items of
// screenplainView.
func screenplainExpected(t *testing.T, src string) []string {
	var out []string
	var text strings.Builder
	var num, divClass, pClass, spanClass, headClass string
	inDualRight := false
	for _, m := range screenplainTag.FindAllStringSubmatch(src, -1) {
		if !strings.HasPrefix(m[0], "<") {
			if spanClass == "scnumr" {
				continue
			}
			if spanClass == "scnuml" {
				num = m[0]
				continue
			}
			if divClass != "" || pClass != "" || headClass != "" || spanClass != "" {
				text.WriteString(strings.ReplaceAll(html.UnescapeString(m[0]), "\u00a0", " "))
			}
			continue
		}
		closing, tag, attrs := m[1] == "/", m[2], m[3]
		class := ""
		if c := screenplainClass.FindStringSubmatch(attrs); c != nil {
			class = c[1]
		}
		flush := func() string { s := text.String(); text.Reset(); return s }
		switch {
		case tag == "br":
			text.WriteByte('\n')
		case !closing && tag == "div" && (class == "left" || class == "right"):
			inDualRight = class == "right"
		case !closing && tag == "div" && class != "dual":
			divClass = class
		case closing && tag == "div" && divClass == "action":
			divClass = ""
		case closing && tag == "div" && divClass == "transition":
			out = append(out, quoteItem("TRANSITION", strings.TrimSpace(flush())))
			divClass = ""
		case closing && tag == "div" && divClass == "centered":
			out = append(out, quoteItem("CENTERED", strings.TrimSpace(flush())))
			divClass = ""
		case closing && tag == "div":
			divClass = ""
		case !closing && tag == "p":
			pClass = class
			if pClass == "" {
				pClass = "p"
			}
		case closing && tag == "p":
			s := flush()
			switch {
			case divClass == "action":
				out = append(out, quoteItem("ACTION", s))
			case pClass == "character":
				dual := ""
				if inDualRight {
					dual = "dual"
				}
				out = append(out, quoteItem("CHARACTER", strings.TrimSpace(s), dual))
			case pClass == "parenthetical":
				out = append(out, quoteItem("PARENTHETICAL", strings.TrimSpace(s)))
			default:
				out = append(out, quoteItem("DIALOGUE", strings.TrimSpace(s)))
			}
			pClass = ""
		case !closing && tag == "span":
			spanClass = class
		case closing && tag == "span":
			if strings.HasSuffix(spanClass, "-synopsis") {
				out = append(out, quoteItem("SYNOPSIS", strings.TrimSpace(flush())))
			}
			spanClass = ""
		case !closing && len(tag) == 2 && tag[0] == 'h':
			headClass = "h" + class
			if class == "page-break" {
				out = append(out, "PAGEBREAK")
			}
		case closing && len(tag) == 2 && tag[0] == 'h':
			s := strings.TrimSpace(flush())
			if tag == "h6" {
				out = append(out, quoteItem("HEADING", s, screenplainNum(num)))
			} else {
				out = append(out, quoteItem("SECTION", s, strings.Repeat("#", int(tag[1]-'0'))))
			}
			num, headClass = "", ""
		}
	}
	return out
}

func TestPeerScreenplain(t *testing.T) {
	dir := corpus.Path(t, "peer-tests", "screenplain", "files")
	files, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no screenplain files: %v", err)
	}
	used := map[string]bool{}
	for _, f := range files {
		base := strings.TrimSuffix(filepath.Base(f), ".html")
		t.Run(base, func(t *testing.T) {
			src := string(corpus.Read(t, "peer-tests", "screenplain", "files", base+".fountain"))
			want := screenplainExpected(t, string(corpus.Read(t, "peer-tests", "screenplain", "files", base+".html")))
			comparePeer(t, "screenplain", screenplainDecisions, used, base+".fountain", screenplainView(Parse(src)), want)
		})
	}
	reportTally(t, "screenplain", screenplainDecisions, used)
}
