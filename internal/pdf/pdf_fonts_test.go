package pdf

import (
	"bytes"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/screenplay"
)

// TestCorpusUnicode prints afterwriting's Cyrillic, Japanese and Chinese
// scripts with the system's fonts and reads every line back.
func TestCorpusUnicode(t *testing.T) {
	tests := []struct {
		file   string
		sample string // text that must come back from the PDF
	}{
		{"cyrillic.fountain", "ИНТ. КВАРТИРА МАШИ – СТОЛОВАЯ – ДЕНЬ"},
		{"jp.fountain", "この場所は何ですか？"},
		{"sc.fountain", "这是什么地方？"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			src, doc := paginate(t, screenplay.Options{}, "peer-tests", "afterwriting", tt.file)
			systemFontsFor(t, src)
			pdf := render(t, doc, Options{})
			checkText(t, doc, pdf)
			if !strings.Contains(strings.Join(pages(t, pdf), ""), tt.sample) {
				t.Errorf("%q not in the PDF's text", tt.sample)
			}
			// The fonts are embedded: a reader without them sees the text.
			if !bytes.Contains(pdf, []byte("/FontFile2")) {
				t.Error("no embedded TrueType font")
			}
		})
	}
}

// unicodeDoc is a one-line document printing text.
func unicodeDoc(text string) *screenplay.Document {
	return &screenplay.Document{Layout: fixtureLayout, Pages: []screenplay.Page{{Number: 1, Lines: []screenplay.Line{
		action(0, 1, text),
	}}}}
}

// fontNamed returns the system font called name, or skips the test.
func fontNamed(t *testing.T, name string) Font {
	t.Helper()
	for _, f := range SystemFonts() {
		if f.Name == name {
			return f
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed (see the Makefile's deps)", name)
	}
	t.Skipf("%s is not installed", name)
	return Font{}
}

// TestNoFont prints characters that no font given has: the PDF is made all
// the same, each such character is an empty box one character wide, and
// the report names them (and only them).
func TestNoFont(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		fonts   func(t *testing.T) []Font
		missing string   // the report's characters, in order
		want    []string // in the warning
	}{
		{"no fonts at all", "Маша", func(*testing.T) []Font { return []Font{} },
			"Маша", []string{`'М' (U+041C)`, `'а' (U+0430)`, "printed as boxes"}},
		{"a font file that is not there", "Маша", func(*testing.T) []Font {
			return []Font{{Name: "Ghost Mono", Regular: "/nonexistent/ghost.ttf"}}
		}, "Маша", []string{"'ш' (U+0448)"}},
		{"a Latin font for Japanese", "ジョン and Маша", func(t *testing.T) []Font {
			return []Font{fontNamed(t, "Liberation Mono")}
		}, "ジョン", []string{"'ジ' (U+30B8)", "'ョ' (U+30E7)", "'ン' (U+30F3)"}},
		{"an emoji beyond the fonts' reach", "Hi 😀", func(t *testing.T) []Font {
			return []Font{fontNamed(t, "Liberation Mono")}
		}, "😀", []string{"'😀' (U+1F600)"}},
		{"many missing characters", "アイウエオカキクケコサシスセソタチツテトナニヌネノ", func(*testing.T) []Font { return []Font{} },
			"アイウエオカキクケコサシスセソタチツテトナニヌネノ", []string{"and 5 more"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fonts := tt.fonts(t)
			var b bytes.Buffer
			rep, err := Write(&b, unicodeDoc(tt.text), Options{Fonts: fonts})
			if err != nil {
				t.Fatalf("Write: %v", err)
			}
			want := []rune(tt.missing)
			sort.Slice(want, func(i, j int) bool { return want[i] < want[j] })
			want = slices.Compact(want)
			if !slices.Equal(rep.Missing, want) {
				t.Errorf("missing %q, want %q", string(rep.Missing), string(want))
			}
			ws := rep.Warnings()
			if len(ws) != 1 {
				t.Fatalf("warnings %q", ws)
			}
			for _, w := range tt.want {
				if !strings.Contains(ws[0], w) {
					t.Errorf("warning %q does not say %q", ws[0], w)
				}
			}
			if strings.Contains(ws[0], "'a'") || strings.Contains(ws[0], "' '") {
				t.Errorf("warning %q names characters Courier has", ws[0])
			}
			// One box per missing character on the page, drawn as a
			// stroked rectangle ("re S" in the content stream).
			if got, want := boxCount(t, b.Bytes()), len([]rune(tt.missing)); got != want {
				t.Errorf("%d boxes, want %d", got, want)
			}
			// What a font has is still printed as text.
			if kept := strings.Map(func(r rune) rune {
				if strings.ContainsRune(tt.missing, r) {
					return -1
				}
				return r
			}, tt.text); strings.TrimSpace(kept) != "" {
				if got := strings.Join(strings.Fields(pages(t, b.Bytes())[0]), " "); got != strings.Join(strings.Fields(kept), " ") {
					t.Errorf("text %q, want %q", got, kept)
				}
			}
		})
	}
}

// TestFallbackFonts prints the characters a new user meets that the
// monospace fonts lack, Hebrew, Arabic and symbols, with the installed
// fallback fonts: nothing is missing.
func TestFallbackFonts(t *testing.T) {
	fontNamed(t, "DejaVu Sans") // fonts-dejavu-core
	fontNamed(t, "FreeMono")    // fonts-freefont-ttf
	for _, text := range []string{"שלום", "مرحبا", "He smiles ☺ ♥ ✂", "ИНТ. ДОМ"} {
		var b bytes.Buffer
		rep, err := Write(&b, unicodeDoc(text), Options{})
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		if len(rep.Missing) > 0 {
			t.Errorf("%q: missing %q", text, string(rep.Missing))
		}
		if n := boxCount(t, b.Bytes()); n != 0 {
			t.Errorf("%q: %d boxes", text, n)
		}
	}
}

// TestFontChain checks that a document takes the fonts it needs in order:
// a monospace font for Latin and Cyrillic, a CJK font only for what the
// first lacks, and that the whole document then leaves the core font.
func TestFontChain(t *testing.T) {
	mono := fontNamed(t, "Liberation Mono")
	cjk := fontNamed(t, "Droid Sans Fallback")
	need := map[rune]bool{}
	for _, r := range "INT. ДОМ ジョン" {
		need[r] = true
	}
	chain, missing := chooseFonts(need, []Font{mono, cjk})
	if len(missing) > 0 {
		t.Fatalf("missing %q", string(missing))
	}
	if len(chain) != 2 || chain[0].Name != mono.Name || chain[1].Name != cjk.Name {
		t.Fatalf("chain %v", chain)
	}
	for _, c := range []struct {
		r    rune
		font int
	}{{'I', 0}, {' ', 0}, {'Д', 0}, {'ジ', 1}} {
		if got := chain.fontFor(c.r); got != c.font {
			t.Errorf("%q in font %d, want %d", c.r, got, c.font)
		}
	}
	// A font that adds nothing is left out.
	chain, missing = chooseFonts(map[rune]bool{'Д': true}, []Font{mono, cjk})
	if len(missing) > 0 || len(chain) != 1 {
		t.Errorf("chain for Cyrillic alone: %d fonts, missing %q", len(chain), string(missing))
	}

	// Latin text in a Unicode document is printed with the monospace
	// TrueType font, not Courier, so the columns stay even.
	doc := unicodeDoc("ДОМ")
	doc.Pages[0].Lines = append(doc.Pages[0].Lines, action(2, 2, "INT. HOUSE"))
	pdf := render(t, doc, Options{Fonts: []Font{mono}})
	if bytes.Contains(pdf, []byte("/BaseFont /Courier")) {
		t.Error("a Unicode document uses the core Courier font")
	}
	if got := nonBlank(pages(t, pdf)[0]); len(got) != 2 || strings.TrimSpace(got[0]) != "ДОМ" || strings.TrimSpace(got[1]) != "INT. HOUSE" {
		t.Errorf("text %q", got)
	}
}

// TestUnicodeStyles prints bold, italic and underlined Cyrillic, and a
// title page in Cyrillic.
func TestUnicodeStyles(t *testing.T) {
	mono := fontNamed(t, "Liberation Mono")
	doc := unicodeDoc("")
	doc.Pages[0].Lines[0].Spans = []fountain.Span{{Text: "жирный", Bold: true}, {Text: " "}, {Text: "курсив", Italic: true}, {Text: " "}, {Text: "оба", Bold: true, Italic: true, Underline: true}}
	doc.TitlePage = []fountain.TitleField{{Key: "Title", Value: "**Лорем ипсум**"}, {Key: "Author", Value: "Аноним"}}
	pdf := render(t, doc, Options{Fonts: []Font{mono}, HeaderText: "Черновик"})
	ps := pages(t, pdf)
	if len(ps) != 2 || !strings.Contains(ps[0], "ЛОРЕМ ИПСУМ") || !strings.Contains(ps[0], "Аноним") {
		t.Fatalf("title page %q", ps)
	}
	if !strings.Contains(ps[1], "жирный курсив оба") || !strings.Contains(ps[1], "Черновик") {
		t.Errorf("page %q", ps[1])
	}
	// Four faces embedded when the family has them all.
	if mono.Bold != "" && mono.Italic != "" && mono.BoldItalic != "" {
		if n := bytes.Count(pdf, []byte("/FontFile2")); n != 4 {
			t.Errorf("%d faces embedded, want 4", n)
		}
	}
}
