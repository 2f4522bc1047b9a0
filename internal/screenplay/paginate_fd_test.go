package screenplay

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/fountain"
)

// fdCase is one script whose Final Draft page breaks the corpus records.
type fdCase struct {
	name    string   // the jumpcut case folder
	source  []string // the Fountain file the element ids refer to
	minDiff int      // largest allowed |our pages - FD pages|
	minRate float64  // least share of page breaks on the same element
}

// fdItem is one element (or fragment) on a Final Draft page.
type fdItem struct {
	ID       string `json:"element_id"`
	Kind     string `json:"kind"`
	Fragment string `json:"fragment"`
}

type fdBreaks struct {
	Pages []struct {
		Number int      `json:"number"`
		Items  []fdItem `json:"items"`
	} `json:"pages"`
}

type fdSettings struct {
	Styles map[string]struct {
		Left        float64 `json:"left_indent"`
		Right       float64 `json:"right_indent"`
		SpaceBefore float64 `json:"space_before"`
		Spacing     float64 `json:"spacing"`
	} `json:"paragraph_styles"`
}

// styleFromFDX is the Style a case's FDX <ElementSettings> describe.
func styleFromFDX(t *testing.T, path string) Style {
	t.Helper()
	var fs fdSettings
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &fs); err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	st := FinalDraftStyle()
	get := func(name string, dst *Indent) {
		s, ok := fs.Styles[name]
		if !ok {
			return
		}
		*dst = Indent{Left: s.Left, Right: s.Right, Before: int(s.SpaceBefore/12 + 0.5), Spacing: max(int(s.Spacing+0.5), 1)}
	}
	get("Scene Heading", &st.SceneHeading)
	get("Action", &st.Action)
	get("Character", &st.Character)
	get("Parenthetical", &st.Parenthetical)
	get("Dialogue", &st.Dialogue)
	get("Transition", &st.Transition)
	return st
}

// fdKind is the Final Draft paragraph type an element prints as.
func fdKind(t fountain.ElementType) string {
	switch t {
	case fountain.SceneHeading:
		return "Scene Heading"
	case fountain.Character:
		return "Character"
	case fountain.Dialogue, fountain.Lyrics:
		return "Dialogue"
	case fountain.Parenthetical:
		return "Parenthetical"
	case fountain.Transition:
		return "Transition"
	}
	return "Action"
}

func loadFD(t *testing.T, name string) fdBreaks {
	t.Helper()
	var fd fdBreaks
	if err := json.Unmarshal(corpus.Read(t, "peer-tests", "jumpcut", "corpus", name, "canonical", "page-breaks.json"), &fd); err != nil {
		t.Fatalf("reading %s page breaks: %v", name, err)
	}
	return fd
}

// fdSequence is the Final Draft elements in order of first appearance.
func fdSequence(fd fdBreaks) []fdItem {
	seen := map[string]bool{}
	var out []fdItem
	for _, p := range fd.Pages {
		for _, it := range p.Items {
			if !seen[it.ID] {
				seen[it.ID] = true
				out = append(out, it)
			}
		}
	}
	return out
}

// fdClass is the kind an element is compared by when the two element
// lists are aligned: Final Draft's act markers are centered action here.
func fdClass(kind string) string {
	switch kind {
	case "New Act", "End of Act", "Cold Opening", "Shot", "General":
		return "Action"
	}
	return kind
}

// alignFD maps the elements of s to Final Draft's element ids by the
// longest common subsequence of their kinds (Final Draft's converter and
// our parser do not always cut a script into the same elements).
func alignFD(s *fountain.Script, seq []fdItem) []string {
	var ours []int
	for i, e := range s.Elements {
		switch e.Type {
		case fountain.Section, fountain.Synopsis, fountain.Note, fountain.PageBreak:
			continue
		}
		ours = append(ours, i)
	}
	n, m := len(ours), len(seq)
	// lcs[i][j] is the LCS length of ours[i:] and seq[j:].
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		a := fdKind(s.Elements[ours[i]].Type)
		for j := m - 1; j >= 0; j-- {
			switch {
			case a == fdClass(seq[j].Kind):
				lcs[i][j] = lcs[i+1][j+1] + 1
			case lcs[i+1][j] >= lcs[i][j+1]:
				lcs[i][j] = lcs[i+1][j]
			default:
				lcs[i][j] = lcs[i][j+1]
			}
		}
	}
	ids := make([]string, len(s.Elements))
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case fdKind(s.Elements[ours[i]].Type) == fdClass(seq[j].Kind) && lcs[i][j] == lcs[i+1][j+1]+1:
			ids[ours[i]] = seq[j].ID
			i++
			j++
		case lcs[i+1][j] >= lcs[i][j+1]:
			i++
		default:
			j++
		}
	}
	return ids
}

// breakKey names where a page starts: an element, and whether the page
// starts with the rest of it.
type breakKey struct {
	id   string
	cont bool
}

// compareFD paginates a case and compares its page breaks with Final
// Draft's: it returns both page counts, the share of Final Draft's breaks
// that ours match and a description of the first mismatches.
func compareFD(t *testing.T, c fdCase) (ours, theirs int, rate float64, misses []string, splitSame, splits int) {
	t.Helper()
	fd := loadFD(t, c.name)
	seq := fdSequence(fd)
	s := fountain.Parse(string(corpus.Read(t, c.source...)))
	st := styleFromFDX(t, corpus.Path(t, "peer-tests", "jumpcut", "corpus", c.name, "extracted", "fdx-settings.json"))
	doc := Paginate(s, Options{Paper: Letter, Style: &st})
	ids := alignFD(s, seq)
	id := func(el int) string {
		if el < 0 || ids[el] == "" {
			return fmt.Sprintf("ours-%d", el)
		}
		return ids[el]
	}
	mapped := map[string]bool{}
	for _, x := range ids {
		mapped[x] = x != ""
	}
	ourBreaks := map[breakKey]int{}
	for pi := 1; pi < len(doc.Pages); pi++ {
		// The page starts with its first element line (after a repeated
		// cue), which continues an element when that element was on the
		// page before.
		first := doc.Pages[pi].Lines[0]
		if first.Kind == LineContd && len(doc.Pages[pi].Lines) > 1 {
			first = doc.Pages[pi].Lines[1]
		}
		cont := false
		for _, l := range doc.Pages[pi-1].Lines {
			if l.Element == first.Element && l.Kind == LineText {
				cont = true
			}
		}
		ourBreaks[breakKey{id(first.Element), cont}] = pi + 1
	}
	pdf := loadPDFLines(t, c.name)
	hit, total := 0, 0
	for pi := 1; pi < len(fd.Pages); pi++ {
		// Final Draft's empty paragraphs (extra blank lines in the source)
		// print nothing: the page starts at its first element we have.
		it := fd.Pages[pi].Items[0]
		for _, x := range fd.Pages[pi].Items {
			if mapped[x.ID] {
				it = x
				break
			}
		}
		k := breakKey{it.ID, it.Fragment == "continued-from-prev"}
		total++
		if got, ok := ourBreaks[k]; ok {
			hit++
			// A split element: does our bottom fragment start with the
			// line Final Draft's does?
			if k.cont && pdf != nil && got == pi+1 {
				splits++
				if first := pageFirstText(doc.Pages[pi]); first != "" && pdf[fd.Pages[pi].Number][first] {
					splitSame++
				} else if len(misses) < 400 {
					misses = append(misses, fmt.Sprintf("FD page %d: split of %s starts differently (ours %q)", pi+1, it.ID, first))
				}
			}
		} else if len(misses) < 400 {
			misses = append(misses, fmt.Sprintf("FD page %d starts with %s %s (cont %v)", pi+1, it.ID, it.Kind, k.cont))
		}
	}
	if total > 0 {
		rate = float64(hit) / float64(total)
	}
	return len(doc.Pages), len(fd.Pages), rate, misses, splitSame, splits
}

// pageFirstText is the text of a page's first element line.
func pageFirstText(p Page) string {
	for _, l := range p.Lines {
		if l.Kind == LineText {
			return strings.TrimSpace(lineText(l))
		}
	}
	return ""
}

// loadPDFLines returns the trimmed text lines of each page of a case's
// Final Draft PDF by page number, or nil when the corpus has no PDF text.
func loadPDFLines(t *testing.T, name string) map[int]map[string]bool {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(corpus.Dir(t), "peer-tests", "jumpcut", "corpus", name, "extracted", "pdf-pages.json"))
	if err != nil {
		return nil
	}
	var pp struct {
		Pages []struct {
			Number int    `json:"number"`
			Text   string `json:"text"`
		} `json:"pages"`
	}
	if err := json.Unmarshal(b, &pp); err != nil {
		t.Fatalf("reading %s pdf-pages.json: %v", name, err)
	}
	out := map[int]map[string]bool{}
	for _, p := range pp.Pages {
		set := map[string]bool{}
		for _, l := range strings.Split(p.Text, "\n") {
			set[strings.TrimSpace(l)] = true
		}
		out[p.Number] = set
	}
	return out
}

// fdCases are the scripts the corpus has Final Draft's page breaks for.
// The goal for each: its page count within one of Final Draft's and at
// least 90 % of the page breaks on the same element.
var fdCases = []fdCase{
	{name: "big-fish", source: []string{"fountain", "variants", "big-fish.jumpcut-no-contd.fountain"}, minDiff: 1, minRate: 0.9},
	{name: "gumshoe", source: []string{"fountain", "other", "gumshoe.scrambled.fountain"}, minDiff: 1, minRate: 0.9},
	{name: "mostly-genius", source: []string{"fountain", "other", "mostly-genius.scrambled.fountain"}, minDiff: 1, minRate: 0.9},
	{name: "brick-n-steel", source: []string{"fountain", "variants", "brick-and-steel.jumpcut.fountain"}, minDiff: 1, minRate: 0.9},
	{name: "big-fish-scene-numbers", source: []string{"peer-tests", "jumpcut", "corpus", "big-fish-scene-numbers", "source", "source.fountain"}, minDiff: 1, minRate: 0.9},
}

// TestPaginationAgainstFinalDraft paginates each script with the paragraph
// geometry its FDX records and compares the page breaks with the ones
// Final Draft 11 made (jumpcut's canonical page-breaks.json): the page
// counts, and the share of Final Draft's page breaks that ours put on the
// same element (or the same continued fragment of it). The figures are in
// testdata/README.md.
func TestPaginationAgainstFinalDraft(t *testing.T) {
	for _, c := range fdCases {
		t.Run(c.name, func(t *testing.T) {
			ours, theirs, rate, misses, same, splits := compareFD(t, c)
			t.Logf("%s: pages ours %d, Final Draft %d; breaks on the same element %.1f%%; split elements cut at the same line %d of %d",
				c.name, ours, theirs, rate*100, same, splits)
			for i, m := range misses {
				if i == 10 {
					break
				}
				t.Log(m)
			}
			if d := ours - theirs; d > c.minDiff || -d > c.minDiff {
				t.Errorf("%d pages, Final Draft %d", ours, theirs)
			}
			if rate < c.minRate {
				t.Errorf("%.1f%% of the page breaks on Final Draft's element, want at least %.0f%%", rate*100, c.minRate*100)
			}
		})
	}
}

// TestAutoContdAsFinalDraft holds the automatic (CONT'D) to where Final
// Draft 11 prints it. The rule comes from its PDF of Big Fish
// (peer-tests/jumpcut/corpus/big-fish/extracted/reference.pdf, made from
// fdx/jumpcut/big-fish.fd11.fdx): `pdftotext -layout reference.pdf - |
// grep -o "CONT'D" | wc -l` counts 100. Of the cues whose speaker spoke
// the scene's last cue, the plain and "(O.S.)" ones all have it (98), no
// "(V.O.)" cue has it (23), nor a plain cue after a "(V.O.)" one (6); it is
// spelled with a space, "JOSEPHINE (O.S.) (CONT'D)", and a speech split
// across pages after one is "EDWARD (CONT'D)", not "(CONT'D) (CONT'D)".
func TestAutoContdAsFinalDraft(t *testing.T) {
	const finalDraft = 100 // (CONT'D)s in Final Draft's PDF
	src := string(corpus.Read(t, "fountain", "variants", "big-fish.jumpcut-no-contd.fountain"))
	doc := Paginate(fountain.Parse(src), Options{})
	n := 0
	for _, pg := range doc.Pages {
		for _, l := range pg.Lines {
			var b strings.Builder
			for _, s := range l.Spans {
				b.WriteString(s.Text)
			}
			text := b.String()
			c := strings.Count(text, "CONT'D")
			n += c
			switch {
			case c > 1:
				t.Errorf("page %d: %q has more than one (CONT'D)", pg.Number, text)
			case c == 1 && strings.Contains(text, "V.O."):
				t.Errorf("page %d: %q: a voice-over has no (CONT'D)", pg.Number, text)
			case c == 1 && !strings.HasSuffix(text, " (CONT'D)"):
				t.Errorf("page %d: %q: (CONT'D) is set off by a space", pg.Number, text)
			}
		}
	}
	if n != finalDraft {
		t.Errorf("%d (CONT'D)s, Final Draft printed %d", n, finalDraft)
	}
}

// TestAutoContdRule spells the rule out on small scenes.
func TestAutoContdRule(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // the cues as printed
	}{
		{"same speaker after action", "BOB\nHi.\n\nHe sits.\n\nBOB\nThere.\n", []string{"BOB", "BOB (CONT'D)"}},
		{"off screen continues", "BOB\nHi.\n\nHe goes.\n\nBOB (O.S.)\nThere.\n", []string{"BOB", "BOB (O.S.) (CONT'D)"}},
		{"voice-over does not continue", "BOB\nHi.\n\nHe goes.\n\nBOB (V.O.)\nThere.\n", []string{"BOB", "BOB (V.O.)"}},
		{"nor is continued", "BOB (V.O.)\nHi.\n\nHe goes.\n\nBOB\nThere.\n\nBOB\nAgain.\n", []string{"BOB (V.O.)", "BOB", "BOB (CONT'D)"}},
		{"another speaker between", "BOB\nHi.\n\nANN\nYes.\n\nBOB\nThere.\n", []string{"BOB", "ANN", "BOB"}},
		{"a new scene", "BOB\nHi.\n\nEXT. ROAD - DAY\n\nBOB\nThere.\n", []string{"BOB", "BOB"}},
		{"typed by the writer", "BOB\nHi.\n\nBOB (CONT'D)\nThere.\n", []string{"BOB", "BOB (CONT'D)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := Paginate(fountain.Parse("INT. HOUSE - DAY\n\n"+tt.src), Options{})
			var got []string
			for _, l := range doc.Pages[0].Lines {
				if l.Type == fountain.Character {
					var b strings.Builder
					for _, s := range l.Spans {
						b.WriteString(s.Text)
					}
					got = append(got, b.String())
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("cues %q, want %q", got, tt.want)
			}
		})
	}
}
