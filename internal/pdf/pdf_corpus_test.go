package pdf

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/screenplay"
	"github.com/scriptroom/scriptroom/internal/textfile"
)

// paginate reads a corpus script as the CLI does (textfile.Decode: UTF-8,
// "\n" line endings), parses and paginates it.
func paginate(t testing.TB, opts screenplay.Options, rel ...string) (string, *screenplay.Document) {
	t.Helper()
	r, err := textfile.Decode(corpus.Read(t, rel...))
	if err != nil {
		t.Fatal(err)
	}
	return r.Text, screenplay.Paginate(fountain.Parse(r.Text), opts)
}

// lineText is the text a Line prints.
func lineText(l screenplay.Line) string {
	var b strings.Builder
	for _, s := range l.Spans {
		b.WriteString(s.Text)
	}
	return strings.TrimSpace(strings.ReplaceAll(b.String(), "\t", " "))
}

// checkText checks that pdf has a page for each page of doc, after the title
// page when there is one, and that every line of every page is printed on
// its page, scene numbers and page numbers included.
func checkText(t *testing.T, doc *screenplay.Document, pdf []byte) {
	t.Helper()
	ps := pages(t, pdf)
	skip := len(ps) - len(doc.Pages) // the title page
	if skip != 0 && skip != 1 {
		t.Fatalf("%d PDF pages for %d pages", len(ps), len(doc.Pages))
	}
	missing := 0
	for i, pg := range doc.Pages {
		text := squeeze(ps[i+skip])
		head := ""
		if ls := nonBlank(text); len(ls) > 0 {
			head = strings.TrimSpace(ls[0])
		}
		if pg.Number > 1 && !strings.HasSuffix(head, " "+strconv.Itoa(pg.Number)+".") && head != strconv.Itoa(pg.Number)+"." {
			t.Errorf("page %d: header %q has no page number", pg.Number, head)
		}
		for _, l := range pg.Lines {
			want := squeeze(lineText(l))
			if want == "" {
				continue
			}
			if l.SceneNumber != "" {
				want = l.SceneNumber + " " // the number starts the line
			}
			if !strings.Contains(text, want) {
				missing++
				if missing <= 5 {
					t.Errorf("page %d row %d: %q not printed", pg.Number, l.Row, want)
				}
			}
		}
	}
	if missing > 5 {
		t.Errorf("%d lines not printed in all", missing)
	}
}

// squeeze turns runs of spaces into one: pdftotext -layout does not keep
// two spaces between sentences.
func squeeze(s string) string {
	return regexp.MustCompile(` +`).ReplaceAllString(s, " ")
}

// TestCorpusText prints real scripts and reads every line back.
func TestCorpusText(t *testing.T) {
	tests := []struct {
		name string
		opts screenplay.Options
		rel  []string
	}{
		{"big fish numbered", screenplay.Options{SceneNumbers: true}, []string{"fountain", "samples", "big-fish.fountain"}},
		{"brick and steel on A4", screenplay.Options{Paper: screenplay.A4}, []string{"fountain", "samples", "brick-and-steel.fountain"}},
		{"the last birthday card", screenplay.Options{}, []string{"fountain", "samples", "the-last-birthday-card.fountain"}},
		{"latin-1 variant", screenplay.Options{}, []string{"fountain", "variants", "big-fish.fountainjs-latin1.fountain"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, doc := paginate(t, tt.opts, tt.rel...)
			if len(doc.Pages) == 0 {
				t.Fatal("no pages")
			}
			checkText(t, doc, render(t, doc, Options{}))
		})
	}
}

// TestCorpusMarks revises Brick & Steel and checks that the asterisks are
// on exactly the printed lines of the changed source lines.
func TestCorpusMarks(t *testing.T) {
	base, _ := paginate(t, screenplay.Options{}, "fountain", "samples", "brick-and-steel.fountain")
	current := strings.Replace(base, "Beer flies.", "Beer flies everywhere.", 1)
	current = strings.Replace(current, "They drink long and well from the beers.",
		"They drink long and well from the beers.\n\nA dog barks somewhere far away, and nobody in the whole of the valley pays it any mind at all.", 1)
	current = strings.Replace(current, "\nSTEEL\nBeer's ready!\n", "\nSTEEL\nBeer's warm!\n", 1)
	if current == base {
		t.Fatal("the edits did not apply")
	}
	changed := ChangedLines(base, current)
	doc := screenplay.Paginate(fountain.Parse(current), screenplay.Options{})
	ps := pages(t, render(t, doc, Options{Marks: Marks{Lines: changed}, Color: "Pink"}))
	skip := len(ps) - len(doc.Pages)

	total := 0
	for i, pg := range doc.Pages {
		// The rows that should carry an asterisk, and their texts.
		want := map[int][]string{}
		for _, l := range pg.Lines {
			if changed[l.SourceLine] {
				want[l.Row] = append(want[l.Row], lineText(l))
			}
		}
		var got []string
		for _, l := range nonBlank(ps[i+skip]) {
			if strings.HasSuffix(l, "*") {
				got = append(got, l)
			}
		}
		if len(got) != len(want) {
			t.Errorf("page %d: %d asterisks, want %d: %q", pg.Number, len(got), len(want), got)
			continue
		}
		for _, g := range got {
			ok := false
			for _, texts := range want {
				for _, w := range texts {
					ok = ok || strings.Contains(g, w)
				}
			}
			if !ok {
				t.Errorf("page %d: %q is marked but did not change", pg.Number, g)
			}
		}
		total += len(got)
	}
	// Three edits: one line, a new paragraph of two printed lines, one
	// speech line.
	if total != 4 {
		t.Errorf("%d marked lines, want 4", total)
	}
	if !strings.Contains(strings.Join(ps, ""), "Pink Rev.") {
		t.Error("no revision colour in the header")
	}
}

// TestCorpusFDPages compares Big Fish's title page and first body page
// with Final Draft's PDF of them, line by line: the same lines on the same
// rows, starting at the same indent or, on the title page, centered alike.
// (Final Draft's Courier Prime advances 7 pt a character, Courier 7.2 pt,
// so only where lines start or center is compared.)
func TestCorpusFDPages(t *testing.T) {
	ref := corpus.Read(t, "peer-tests", "jumpcut", "corpus", "big-fish", "extracted", "reference.pdf")
	_, doc := paginate(t, screenplay.Options{}, "fountain", "variants", "big-fish.jumpcut-no-contd.fountain")
	ours := textLines(words(t, render(t, doc, Options{})))
	theirs := textLines(words(t, ref))
	n := 0
	for _, w := range theirs {
		if w.page > 2 {
			continue
		}
		n++
		ok := false
		for _, o := range ours {
			// FD's Courier Prime box is a point taller than Courier's.
			if o.page != w.page || o.text != w.text || abs(o.yMin-w.yMin) > 2.5 {
				continue
			}
			ok = ok || abs(o.xMin-w.xMin) < 0.5 || (w.page == 1 && abs((o.xMin+o.xMax)/2-(w.xMin+w.xMax)/2) < 2)
		}
		if !ok {
			t.Errorf("page %d: FD's line starting %q at (%.1f, %.1f) is not ours", w.page, w.text, w.xMin, w.yMin)
		}
	}
	if n < 5 {
		t.Fatalf("FD's first pages have %d lines", n)
	}
}

// textLines joins the words of each printed line: text is the first word,
// xMin the line's start and xMax its end.
func textLines(ws []word) []word {
	var out []word
	for _, w := range ws {
		if k := len(out) - 1; k >= 0 && out[k].page == w.page && abs(out[k].yMin-w.yMin) < 0.5 {
			out[k].xMin = min(out[k].xMin, w.xMin)
			out[k].xMax = max(out[k].xMax, w.xMax)
			continue
		}
		out = append(out, w)
	}
	return out
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// systemFontsFor skips the test when the machine has no font for text,
// except under CI, where the Makefile installs them.
func systemFontsFor(t *testing.T, text string) {
	t.Helper()
	need := map[rune]bool{}
	for _, r := range text {
		if r = cleanRune(r); r >= 0 {
			need[r] = true
		}
	}
	if _, missing := chooseFonts(need, SystemFonts()); len(missing) > 0 {
		if os.Getenv("CI") == "true" {
			t.Fatalf("no system font has %q", string(missing))
		}
		t.Skipf("no system font has %q", string(missing))
	}
}
