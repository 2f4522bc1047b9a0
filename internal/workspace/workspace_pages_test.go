package workspace

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/screenplay"
	"github.com/scriptroom/scriptroom/internal/textfile"
)

func TestPagesOf(t *testing.T) {
	text := "Title: Pages\n\nINT. HOUSE - DAY\n\nA room.\n\n===\n\nEXT. YARD - NIGHT #7#\n\nGrass.\n\nINT. HOUSE - LATER\n\nBOB\nHello.\n"
	p := PagesOf(text, screenplay.Letter)
	if p.Paper != "letter" {
		t.Errorf("paper %q, want letter", p.Paper)
	}
	// "===" starts page 2 at the heading after it.
	want := []PageStart{{Number: 1, Line: 3}, {Number: 2, Line: 9}}
	if len(p.Pages) != len(want) {
		t.Fatalf("pages %+v, want %+v", p.Pages, want)
	}
	for i := range want {
		if p.Pages[i] != want[i] {
			t.Errorf("page %d: %+v, want %+v", i+1, p.Pages[i], want[i])
		}
	}
	// Scenes are numbered in order unless numbered in the text.
	wantScenes := []ScenePage{
		{Number: "1", Heading: "INT. HOUSE - DAY", Line: 3, Page: 1},
		{Number: "7", Heading: "EXT. YARD - NIGHT", Line: 9, Page: 2},
		{Number: "3", Heading: "INT. HOUSE - LATER", Line: 13, Page: 2},
	}
	if len(p.Scenes) != len(wantScenes) {
		t.Fatalf("scenes %+v, want %d", p.Scenes, len(wantScenes))
	}
	for i, w := range wantScenes {
		g := p.Scenes[i]
		if g.Number != w.Number || g.Heading != w.Heading || g.Line != w.Line || g.Page != w.Page {
			t.Errorf("scene %d: %+v, want %+v", i+1, g, w)
		}
		if g.Eighths < 1 || g.Length != screenplay.FormatEighths(g.Eighths) {
			t.Errorf("scene %d: %d eighths written %q", i+1, g.Eighths, g.Length)
		}
	}
}

func TestPagesOfEmpty(t *testing.T) {
	p := PagesOf("", screenplay.Letter)
	if p.Pages == nil || p.Scenes == nil {
		t.Errorf("nil lists in %+v: the page needs empty ones", p)
	}
}

// TestPagesOfSplitParagraph: a paragraph too long for the rest of a page is
// split at a sentence end; the next page starts inside its line, where the
// printed text goes on.
func TestPagesOfSplitParagraph(t *testing.T) {
	var b strings.Builder
	b.WriteString("INT. HOUSE - DAY\n\n")
	for i := 0; i < 24; i++ {
		b.WriteString("Short line.\n\n")
	}
	sentence := "The café *door* opens and a long sentence goes on for quite a while. "
	b.WriteString(strings.TrimSpace(strings.Repeat(sentence, 20)) + "\n")
	text := b.String()
	p := PagesOf(text, screenplay.Letter)
	if len(p.Pages) != 2 {
		t.Fatalf("%d pages, want 2", len(p.Pages))
	}
	second := p.Pages[1]
	lines := strings.Split(text, "\n")
	line := lines[second.Line-1]
	if second.Line != 51 || second.Offset <= 0 || second.Offset >= len(utf16.Encode([]rune(line))) {
		t.Fatalf("page 2 starts at %+v, want inside line 51", second)
	}
	rest := string(utf16.Decode(utf16.Encode([]rune(line))[second.Offset:]))
	if !strings.HasPrefix(rest, "The café") {
		t.Errorf("page 2 starts at %q, want the start of a sentence", rest[:20])
	}
}

func TestOffsetAfter(t *testing.T) {
	tests := []struct {
		line, printed string
		want          int
	}{
		{"One two. Three four.", "One two.", 9},
		{"*Bold* word. Next.", "Bold word.", 13},
		{"Ünïcode 😀 here. Next.", "Ünïcode 😀 here.", 17}, // the emoji is two UTF-16 units
		{"Nothing alike.", "zzz", 0},
	}
	for _, tt := range tests {
		if got := offsetAfter(tt.line, tt.printed); got != tt.want {
			t.Errorf("offsetAfter(%q, %q) = %d, want %d", tt.line, tt.printed, got, tt.want)
		}
	}
}

// TestPagesMatchPDF holds Pages to the PDF the export writes for a
// feature: as many pages, and each PDF page's first printed line is the
// text where Pages says the page starts.
func TestPagesMatchPDF(t *testing.T) {
	raw, err := textfile.Decode(corpus.Read(t, "fountain", "samples", "big-fish.fountain"))
	if err != nil {
		t.Fatal(err)
	}
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is not installed (poppler-utils)")
		}
		t.Skip("pdftotext is not installed (poppler-utils)")
	}
	w := newTestWorkspace(t, "Pat")
	sc, err := w.Create("Big Fish", raw.Text)
	if err != nil {
		t.Fatal(err)
	}
	got, err := w.Pages(sc.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "big-fish.pdf")
	if _, err := w.Export(sc.ID, out, ExportOptions{Format: FormatPDF}, nil); err != nil {
		t.Fatal(err)
	}
	txt, err := exec.Command(tool, "-layout", "-enc", "UTF-8", out, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pdfPages := strings.Split(strings.TrimSuffix(string(txt), "\f"), "\f")
	pdfPages = pdfPages[1:] // the title page
	if len(got.Pages) != len(pdfPages) || len(got.Pages) < 100 {
		t.Fatalf("%d pages, the PDF has %d after its title page", len(got.Pages), len(pdfPages))
	}
	lines := strings.Split(raw.Text, "\n")
	pageNo := regexp.MustCompile(`^\d+\.$`)
	// A4 holds more lines a page: fewer pages, as the A4 PDF has.
	a4, err := w.Pages(sc.ID, "A4")
	if err != nil || a4.Paper != "a4" || len(a4.Pages) >= len(got.Pages) {
		t.Errorf("A4: %d pages on %q (%v), Letter %d", len(a4.Pages), a4.Paper, err, len(got.Pages))
	}
	if _, err := w.Pages(sc.ID, "legal"); !errors.Is(err, ErrBadPaper) {
		t.Errorf("Pages on legal paper: %v, want ErrBadPaper", err)
	}
	for i, ps := range got.Pages {
		if ps.Number != i+1 {
			t.Errorf("page %d is numbered %d", i+1, ps.Number)
		}
		var printed []string // the PDF page's first two lines of the script's text
		for _, l := range strings.Split(pdfPages[i], "\n") {
			if l = strings.Join(strings.Fields(l), " "); l != "" && !pageNo.MatchString(l) && len(printed) < 2 {
				printed = append(printed, l)
			}
		}
		src := string(utf16.Decode(utf16.Encode([]rune(lines[ps.Line-1]))[ps.Offset:]))
		starts := func(l string) bool { return strings.HasPrefix(firstWords(l, 3), firstWords(src, 3)) }
		// Over a speech split across pages the cue is repeated with
		// "(CONT'D)": it comes from no line of the text.
		contd := len(printed) == 2 && strings.HasSuffix(printed[0], "(CONT'D)") && starts(printed[1])
		if len(printed) == 0 || !starts(printed[0]) && !contd {
			t.Errorf("page %d: the PDF starts with %q, Pages at line %d offset %d: %q", ps.Number, printed, ps.Line, ps.Offset, src)
		}
	}
}

// firstWords is the first n words of s in capitals, without Fountain's
// marks, for comparing printed text with its source.
func firstWords(s string, n int) string {
	s = strings.NewReplacer("*", "", "_", "", "\\", "").Replace(s)
	s = strings.TrimLeft(strings.TrimSpace(s), ".!@>~")
	f := strings.Fields(strings.ToUpper(s))
	return strings.Join(f[:min(n, len(f))], " ")
}

// TestPagesOfCorpus: on every Fountain script of the corpus, pages start in
// order inside the text, one for each page the export prints, and every
// scene's heading is on the line given.
func TestPagesOfCorpus(t *testing.T) {
	dir := corpus.Path(t, "fountain")
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.fountain"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus scripts in %s: %v", dir, err)
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r, err := textfile.Decode(raw)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		p := PagesOf(r.Text, screenplay.Letter)
		lines := strings.Split(r.Text, "\n")
		for i, ps := range p.Pages {
			if ps.Line < 1 || ps.Line > len(lines) || ps.Offset < 0 || ps.Offset > len(utf16.Encode([]rune(lines[ps.Line-1]))) {
				t.Errorf("%s: page %d starts outside the text: %+v", name, ps.Number, ps)
				continue
			}
			if i > 0 {
				prev := p.Pages[i-1]
				if ps.Line < prev.Line || ps.Line == prev.Line && ps.Offset <= prev.Offset {
					t.Errorf("%s: page %d starts at %+v, not after page %d at %+v", name, ps.Number, ps, prev.Number, prev)
				}
			}
		}
		for _, sc := range p.Scenes {
			if sc.Line < 1 || sc.Line > len(lines) || !strings.Contains(strings.ToUpper(strings.Join(strings.Fields(lines[sc.Line-1]), " ")), firstWords(sc.Heading, 2)) {
				t.Errorf("%s: scene %s %q is not on line %d", name, sc.Number, sc.Heading, sc.Line)
			}
		}
	}
}

// BenchmarkPagesOf is the backend's work for the editor after an autosave
// of a feature (Big Fish, about 120 pages): parse, paginate, place the pages
// and scenes. Goal: well under the second between autosaves.
func BenchmarkPagesOf(b *testing.B) {
	r, err := textfile.Decode(corpus.Read(b, "fountain", "samples", "big-fish.fountain"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		PagesOf(r.Text, screenplay.Letter)
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/op")
}

// A revision is laid out from its own text, whatever the draft holds
// since: the revision preview's pages are that revision's PDF's.
func TestRevisionPages(t *testing.T) {
	w := newTestWorkspace(t, "Nora")
	sc, err := w.Create("Pages", "")
	if err != nil {
		t.Fatal(err)
	}
	old := "INT. HOUSE - DAY\n\nA room.\n\n===\n\nEXT. YARD - NIGHT\n\nGrass.\n"
	r1, err := w.Commit(sc.ID, old, "two pages")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := w.SaveDraft(sc.ID, "INT. HOUSE - DAY\n\nOne page now.\n"); err != nil {
		t.Fatal(err)
	}
	p, err := w.RevisionPages(sc.ID, r1.ID, "a4")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Pages) != 2 || p.Pages[1].Line != 7 || p.Paper != "a4" || p.Sum != SumOf(old) {
		t.Errorf("revision pages = %+v, want 2 pages on A4, the second from line 7, summing the revision's text", p)
	}
	if len(p.Scenes) != 2 || p.Scenes[1].Heading != "EXT. YARD - NIGHT" || p.Scenes[1].Page != 2 {
		t.Errorf("revision scenes = %+v", p.Scenes)
	}
	if _, err := w.RevisionPages(sc.ID, r1.ID, "legal"); !errors.Is(err, ErrBadPaper) {
		t.Errorf("legal paper: %v, want ErrBadPaper", err)
	}
	if _, err := w.RevisionPages(sc.ID, "nope", ""); err == nil {
		t.Error("an unknown revision was laid out")
	}
	tp, err := TextPages(old, "")
	if err != nil || len(tp.Pages) != 2 || tp.Paper != "letter" || tp.Sum != SumOf(old) {
		t.Errorf("TextPages = %+v, %v", tp, err)
	}
}
