package fdx

import (
	"bytes"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/textfile"
)

// readCorpus reads a corpus FDX file, failing the test on error.
func readCorpus(t testing.TB, rel ...string) (*fountain.Script, *Report) {
	t.Helper()
	s, rep, err := Read(bytes.NewReader(corpus.Read(t, rel...)))
	if err != nil {
		t.Fatalf("Read %s: %v", strings.Join(rel, "/"), err)
	}
	return s, rep
}

func parseCorpus(t testing.TB, rel ...string) *fountain.Script {
	t.Helper()
	dec, err := textfile.Decode(corpus.Read(t, rel...))
	if err != nil {
		t.Fatal(err)
	}
	return fountain.Parse(dec.Text)
}

// agreement compares two element sequences: types is 2·LCS/(|a|+|b|) over
// the sequences of element types, texts the share of the matched pairs whose
// plain texts are equal once whitespace is collapsed and case is folded.
func agreement(a, b []fountain.Element) (types, texts float64) {
	if len(a)+len(b) == 0 {
		return 1, 1
	}
	n, m := len(a), len(b)
	// LCS by dynamic programming on rows of m+1; fine for a feature (3k×3k).
	dp := make([][]int32, n+1)
	for i := range dp {
		dp[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case a[i].Type == b[j].Type:
				dp[i][j] = dp[i+1][j+1] + 1
			case dp[i+1][j] >= dp[i][j+1]:
				dp[i][j] = dp[i+1][j]
			default:
				dp[i][j] = dp[i][j+1]
			}
		}
	}
	same := 0
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case a[i].Type == b[j].Type:
			if normText(a[i]) == normText(b[j]) {
				same++
			}
			i, j = i+1, j+1
		case dp[i+1][j] >= dp[i][j+1]:
			i++
		default:
			j++
		}
	}
	l := int(dp[0][0])
	types = 2 * float64(l) / float64(n+m)
	if l > 0 {
		texts = float64(same) / float64(l)
	}
	return types, texts
}

// normText is an element's text as a reader sees it, for comparing files
// made by different programs: no markup, notes, case or spacing differences.
func normText(e fountain.Element) string {
	t := fountain.Plain(fountain.StripNotes(e.Text))
	if e.Extension != "" {
		t += " (" + e.Extension + ")"
	}
	t = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "…", "...", "—", "--").Replace(t)
	return strings.ToLower(strings.Join(strings.Fields(t), " "))
}

// importPairs are corpus FDX files with the Fountain file they were made
// from or converted to, and the type agreement Read must reach at least.
var importPairs = []struct {
	fdx, fountain string
	minTypes      float64
}{
	// Saved by Final Draft 11 (jumpcut).
	{"fdx/jumpcut/big-fish.fd11.fdx", "fountain/variants/big-fish.jumpcut-no-contd.fountain", 1},
	{"fdx/jumpcut/gumshoe.scrambled.fdx", "fountain/other/gumshoe.scrambled.fountain", 1},
	{"fdx/jumpcut/mostly-genius.scrambled.fdx", "fountain/other/mostly-genius.scrambled.fountain", 1},
	// Saved by Final Draft (wildwinter) and by Fade In.
	{"fdx/wildwinter/TestFDX-FD.fdx", "fdx/wildwinter/TestFDX-FD.fountain", 1},
	{"fdx/wildwinter/TestFDX-FI.fdx", "fdx/wildwinter/TestFDX-FI.fountain", 1},
	{"fdx/wildwinter/TestFDX-FD-Write-js.fdx", "fdx/wildwinter/TestFDX-FD.fountain", 1},
	{"fdx/wildwinter/TestFDX-FD-Write-py.fdx", "fdx/wildwinter/TestFDX-FD.fountain", 1},
	// Final Draft saves of small scripts (rsdoiel). In 04–06 the Fountain
	// side reads "!>THE END.<" as action where Final Draft centered it, and
	// in 06 a "===" with no blank line before it is dialogue to Fountain but
	// a page break in the FDX: one or two elements in 12 to 23.
	{"fdx/rsdoiel/sample-01.fdx", "fdx/rsdoiel/sample-01.fountain", 1},
	{"fdx/rsdoiel/sample-02.fdx", "fdx/rsdoiel/sample-02.fountain", 1},
	{"fdx/rsdoiel/sample-03.fdx", "fdx/rsdoiel/sample-03.fountain", 1},
	{"fdx/rsdoiel/sample-04.fdx", "fdx/rsdoiel/sample-04.fountain", 0.94},
	{"fdx/rsdoiel/sample-05.fdx", "fdx/rsdoiel/sample-05.fountain", 0.9},
	{"fdx/rsdoiel/sample-06.fdx", "fdx/rsdoiel/sample-06.fountain", 0.93},
	// FDX→Fountain converter cases (afterwriting).
	{"fdx/afterwriting/header_note.fdx", "fdx/afterwriting/header_note.fountain", 1},
	{"fdx/afterwriting/note.fdx", "fdx/afterwriting/note.fountain", 1},
	{"fdx/afterwriting/synopsis.fdx", "fdx/afterwriting/synopsis.fountain", 1},
	// Written by screenplain from the samples: it drops sections, synopses
	// and notes, and splits some blocks.
	{"fdx/screenplain/big-fish.fdx", "fountain/samples/big-fish.fountain", 0.99},
	{"fdx/screenplain/brick-and-steel.fdx", "fountain/samples/brick-and-steel.fountain", 0.99},
	{"fdx/screenplain/the-last-birthday-card.fdx", "fountain/samples/the-last-birthday-card.fountain", 0.96},
}

// TestImportCorpusAgreement reads each corpus FDX that has a Fountain
// counterpart and compares the element sequences.
func TestImportCorpusAgreement(t *testing.T) {
	for _, p := range importPairs {
		t.Run(p.fdx, func(t *testing.T) {
			got, rep := readCorpus(t, p.fdx)
			want := parseCorpus(t, p.fountain)
			types, texts := agreement(want.Elements, got.Elements)
			t.Logf("%s: %d elements (fountain %d), type agreement %.3f, text agreement %.3f\n%s",
				p.fdx, len(got.Elements), len(want.Elements), types, texts, rep)
			if types < p.minTypes {
				t.Errorf("type agreement %.3f, want at least %.2f", types, p.minTypes)
			}
		})
	}
}

// TestImportEveryCorpusFile reads every .fdx in the corpus (Final Draft,
// Fade In, screenplain and other writers): each must read without error,
// hold elements or a title page, and come back the same through Write and Read.
func TestImportEveryCorpusFile(t *testing.T) {
	dir := corpus.Dir(t)
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".fdx") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		n++
		t.Run(rel, func(t *testing.T) {
			s, _ := readCorpus(t, rel)
			if len(s.Elements) == 0 && len(s.TitlePage) == 0 {
				t.Fatal("no elements and no title page")
			}
			again, _, out := roundTrip(t, s)
			if d := diffScripts(s, again, nil); d != "" {
				t.Errorf("Read → Write → Read differs: %s\n%.2000s", d, out)
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 20 {
		t.Fatalf("only %d .fdx files in the corpus", n)
	}
}

// find returns the first element of type typ whose text contains sub.
func find(t *testing.T, s *fountain.Script, typ fountain.ElementType, sub string) (int, fountain.Element) {
	t.Helper()
	for i, e := range s.Elements {
		if e.Type == typ && strings.Contains(e.Text, sub) {
			return i, e
		}
	}
	t.Fatalf("no %s containing %q", typ, sub)
	return -1, fountain.Element{}
}

func TestImportSpotChecks(t *testing.T) {
	t.Run("dual dialogue (Final Draft 11)", func(t *testing.T) {
		s, _ := readCorpus(t, "fdx", "jumpcut", "fdx-import", "dual-dialogue-basic.fdx")
		want := []string{"action|The men look at each other.", "character|STEEL|first", "dialogue|Screw retirement.|first",
			"character|BRICK|dual", "dialogue|Screw retirement.|dual", "transition|SMASH CUT TO:"}
		if got := els(s); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("got %q\nwant %q", got, want)
		}
		if out := fountain.Write(s); !strings.Contains(out, "BRICK ^\n") {
			t.Errorf("the Fountain text lacks the dual mark:\n%s", out)
		}
	})
	t.Run("emphasis and page break (Big Fish, Final Draft 11)", func(t *testing.T) {
		s, _ := readCorpus(t, "fdx", "jumpcut", "big-fish.fd11.fdx")
		i, _ := find(t, s, fountain.Action, "FADE IN:")
		if s.Elements[i].Text != "**FADE IN:**" || s.Elements[i-1].Type != fountain.PageBreak {
			t.Errorf("got %q after %s, want **FADE IN:** after a page break", s.Elements[i].Text, s.Elements[i-1].Type)
		}
		if s.TitlePage[0].Key != "Title" || s.TitlePage[0].Value != "_**BIG FISH**_" {
			t.Errorf("title %q, want the bold, underlined, all-caps BIG FISH", s.TitlePage[0])
		}
	})
	t.Run("acts (Final Draft 11)", func(t *testing.T) {
		s, _ := readCorpus(t, "fdx", "jumpcut", "mostly-genius.scrambled.fdx")
		want := parseCorpus(t, "fountain", "other", "mostly-genius.scrambled.fountain")
		for _, act := range []string{"_ACT ONE_", "_END ACT TWO_"} {
			i, _ := find(t, s, fountain.Centered, act)
			j, _ := find(t, want, fountain.Centered, act)
			if s.Elements[i].Text != want.Elements[j].Text || s.Elements[i-1].Type != want.Elements[j-1].Type {
				t.Errorf("%s: got %q after %s, want %q after %s", act, s.Elements[i].Text, s.Elements[i-1].Type, want.Elements[j].Text, want.Elements[j-1].Type)
			}
		}
	})
	t.Run("scene numbers and title page (Final Draft, Fade In)", func(t *testing.T) {
		for _, f := range []string{"TestFDX-FD.fdx", "TestFDX-FI.fdx"} {
			s, _ := readCorpus(t, "fdx", "wildwinter", f)
			want := parseCorpus(t, "fdx", "wildwinter", strings.TrimSuffix(f, ".fdx")+".fountain")
			var nums, wantNums []string
			for _, e := range s.Elements {
				if e.Type == fountain.SceneHeading {
					nums = append(nums, e.SceneNumber)
				}
			}
			for _, e := range want.Elements {
				if e.Type == fountain.SceneHeading {
					wantNums = append(wantNums, e.SceneNumber)
				}
			}
			if strings.Join(nums, ",") != "1,2" || strings.Join(wantNums, ",") != "1,2" {
				t.Errorf("%s: scene numbers %q, Fountain %q, want 1,2", f, nums, wantNums)
			}
			// Both files carry the same title page; TestFDX-FI.fountain has it.
			ref := parseCorpus(t, "fdx", "wildwinter", "TestFDX-FI.fountain").TitlePage
			checkTitle(t, f, s.TitlePage, ref)
		}
	})
	t.Run("title pages (Final Draft, rsdoiel)", func(t *testing.T) {
		for _, n := range []string{"03", "04", "05", "06"} {
			s, _ := readCorpus(t, "fdx", "rsdoiel", "sample-"+n+".fdx")
			want := parseCorpus(t, "fdx", "rsdoiel", "sample-"+n+".fountain")
			checkTitle(t, "sample-"+n, s.TitlePage, want.TitlePage)
		}
	})
	t.Run("notes and synopsis (afterwriting)", func(t *testing.T) {
		for _, f := range []string{"header_note", "note", "synopsis"} {
			s, _ := readCorpus(t, "fdx", "afterwriting", f+".fdx")
			want := parseCorpus(t, "fdx", "afterwriting", f+".fountain")
			if d := diffScripts(want, s, nil); d != "" {
				t.Errorf("%s: %s", f, d)
			}
		}
	})
	t.Run("multi-page title page (Final Draft 11)", func(t *testing.T) {
		s, _ := readCorpus(t, "fdx", "jumpcut", "fdx-import", "title-pages-multi.fdx")
		got := map[string]string{}
		for _, f := range s.TitlePage {
			got[f.Key] = f.Value
		}
		want := map[string]string{"Credit": "by", "Author": "Aaron Brownstein & Simon Ganz",
			"Source": "based on the novel by\nAndrew David MacDonald", "Contact": "Katz/Brooks - CAA\nPerlin/Kanter - Anonymous",
			"Draft date": "First Draft\nMarch 17, 2021"}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s = %q, want %q", k, got[k], v)
			}
		}
		if !strings.HasPrefix(got["Notes"], "WRITERS' NOTE\n") {
			t.Errorf("Notes = %q, want the writers' note", got["Notes"])
		}
	})
}

// checkTitle compares a title page read from FDX with the Fountain one:
// every Fountain field must come back under its key with the same plain
// text (case aside: Final Draft's title style is often AllCaps). Extra
// fields (the "Written by" credit Final Draft adds) are allowed.
func checkTitle(t *testing.T, name string, got, want []fountain.TitleField) {
	t.Helper()
	m := map[string]string{}
	for _, f := range got {
		m[f.Key] = f.Value
	}
	for _, f := range want {
		g, ok := m[f.Key]
		if !ok || !strings.EqualFold(fountain.Plain(g), fountain.Plain(f.Value)) {
			t.Errorf("%s: %s = %q, want %q (got %q)", name, f.Key, g, f.Value, got)
		}
	}
}

// TestImportTitleUnderTitle reads Final Draft's pilot title page: the line
// under the series title ('Pilot: "The Power Betas"', which looks like
// "Key: value") is the title's second line, in its own case, not a field.
func TestImportTitleUnderTitle(t *testing.T) {
	s, _ := readCorpus(t, "fdx", "jumpcut", "fdx-import", "title-page-cast-page.fdx")
	if len(s.TitlePage) == 0 || s.TitlePage[0].Key != "Title" || s.TitlePage[0].Value != "_**GUY TEXT**_\nPilot: \"The Power Betas\"" {
		t.Fatalf("title page %q", s.TitlePage)
	}
	for _, f := range s.TitlePage {
		if f.Key == "Pilot" {
			t.Errorf("a field %q", f)
		}
	}
}

// TestImportLayout reads the page layout and element settings of a Final
// Draft file, which the Fountain text cannot hold: the multicam TV script's
// bold scene headings and double-spaced dialogue 2.25"–6.00".
func TestImportLayout(t *testing.T) {
	_, rep := readCorpus(t, "fdx", "jumpcut", "mostly-genius.scrambled.fdx")
	l := rep.Layout
	if l == nil {
		t.Fatal("no layout")
	}
	if !l.Continueds || l.PageWidth != 0 {
		t.Errorf("page %+v (the file has no <PageLayout>)", *l)
	}
	if a := l.Elements["Action"]; !a.AllCaps { // multicam action is in capitals
		t.Errorf("action %+v", a)
	}
	if h := l.Elements["Scene Heading"]; !h.Bold || !h.AllCaps || h.Underline || h.SpaceBefore != 12 || h.Left != 1.5 || h.Right != 7.5 {
		t.Errorf("scene heading %+v", h)
	}
	if d := l.Elements["Dialogue"]; d.Left != 2.25 || d.Right != 6 || d.Spacing != 2 || d.Bold {
		t.Errorf("dialogue %+v", d)
	}
	// The pilot's <PageLayout>: Letter, 72-point margins.
	_, rep = readCorpus(t, "fdx", "jumpcut", "fdx-import", "title-page-cast-page.fdx")
	if l := rep.Layout; l == nil || l.PageWidth != 8.5 || l.PageHeight != 11 || l.TopMargin != 1 || l.BottomMargin != 1 {
		t.Errorf("pilot layout %+v", l)
	}
	// A file without settings has no layout.
	_, rep, err := Read(strings.NewReader(doc(para("Action", "Hi."))))
	if err != nil || rep.Layout != nil {
		t.Errorf("layout %+v, %v", rep.Layout, err)
	}
}
