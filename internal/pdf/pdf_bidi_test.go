package pdf

import (
	"bytes"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/fountain"
)

// TestVisualOrder puts lines of Hebrew and Arabic in the order they are
// drawn, left to right: right-to-left runs reversed, the runs of a line
// that starts in Hebrew laid out from the right, numbers and Latin words
// kept reading left to right, brackets mirrored, emphasis kept.
func TestVisualOrder(t *testing.T) {
	wr := &writer{} // no fonts: Arabic stays unshaped
	tests := []struct {
		name  string
		spans []fountain.Span
		want  string
		rtl   bool
	}{
		// Left to right lines.
		{"Latin only", []fountain.Span{{Text: "INT. HOUSE - DAY"}}, "INT. HOUSE - DAY", false},
		{"a Hebrew word in English", []fountain.Span{{Text: "He says שלום to her."}}, "He says םולש to her.", false},
		// Right to left lines.
		{"Hebrew", []fountain.Span{{Text: "שלום עולם"}}, "םלוע םולש", true},
		{"Hebrew with a Latin word", []fountain.Span{{Text: "שלום Sam!"}}, "!Sam םולש", true},
		{"Hebrew with a number", []fountain.Span{{Text: "בית 42"}}, "42 תיב", true},
		{"Hebrew in brackets", []fountain.Span{{Text: "(בשקט)"}}, "(טקשב)", true},
		{"Latin in brackets in Hebrew", []fountain.Span{{Text: "שלום Sam (quietly)."}}, ".Sam (quietly) םולש", true},
		{"Arabic", []fountain.Span{{Text: "سلام"}}, "مالس", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, rtl := wr.visual(tt.spans)
			var b strings.Builder
			for _, s := range got {
				b.WriteString(s.Text)
			}
			if b.String() != tt.want || rtl != tt.rtl {
				t.Errorf("visual = %q (rtl %v), want %q (rtl %v)", b.String(), rtl, tt.want, tt.rtl)
			}
		})
	}

	// Emphasis stays on its characters.
	got, _ := wr.visual([]fountain.Span{{Text: "שלום "}, {Text: "עולם", Bold: true}})
	if len(got) != 2 || got[0].Text != "םלוע" || !got[0].Bold || got[1].Text != " םולש" || got[1].Bold {
		t.Errorf("styled %+v", got)
	}
}

// TestArabicShaping gives each letter its joined form where the font has
// it: initial, medial, final, isolated, the right-joining letters breaking
// the word, and lam-alef as one ligature; without the forms, the letters
// stay as written.
func TestArabicShaping(t *testing.T) {
	all := func(rune) bool { return true }
	none := func(rune) bool { return false }
	shape := func(s string, has func(rune) bool) string {
		var rs []styledRune
		for _, r := range s {
			rs = append(rs, styledRune{r: r})
		}
		var b strings.Builder
		for _, c := range shapeArabic(rs, has) {
			b.WriteRune(c.r)
		}
		return b.String()
	}
	tests := []struct {
		in, want string
	}{
		// meem initial, reh final; hah initial, beh medial, alef final.
		{"مرحبا", "\uFEE3\uFEAE\uFEA3\uFE92\uFE8E"},
		// An isolated letter, and one between spaces.
		{"ب", "\uFE8F"},
		{"a ب b", "a \uFE8F b"},
		// lam-alef alone (isolated ligature) and after a joining letter (final).
		{"لا", "\uFEFB"},
		{"سلام", "\uFEB3\uFEFC\uFEE1"},
		// A vowel mark does not break the joining.
		{"بَب", "\uFE91\u064E\uFE90"},
	}
	for _, tt := range tests {
		if got := shape(tt.in, all); got != tt.want {
			t.Errorf("shape(%q) = %+q, want %+q", tt.in, got, tt.want)
		}
		if got := shape(tt.in, none); got != tt.in {
			t.Errorf("shape(%q) without forms = %+q", tt.in, got)
		}
	}
}

// TestRightToLeftPDF prints Hebrew and Arabic with the system's fonts:
// the text reads back, Arabic in its joined forms, and a Hebrew line sits
// against the right edge of its box.
func TestRightToLeftPDF(t *testing.T) {
	fontNamed(t, "FreeMono") // Hebrew and Arabic, with the presentation forms
	doc := unicodeDoc("שלום עולם")
	doc.Pages[0].Lines = append(doc.Pages[0].Lines, action(2, 2, "مرحبا"), action(4, 3, "INT. HOUSE"))
	var b bytes.Buffer
	rep, err := Write(&b, doc, Options{})
	if err != nil || len(rep.Missing) > 0 {
		t.Fatalf("Write: %v, missing %q", err, string(rep.Missing))
	}
	pdf := b.Bytes()
	text := pages(t, pdf)[0]
	for _, want := range []string{"INT. HOUSE"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q not in %q", want, text)
		}
	}
	// Where each line starts: the Hebrew line ends at the action's right
	// edge (7.5"), the Latin one starts at its left edge (1.5").
	ws := words(t, pdf)
	var heb, lat *word
	for i := range ws {
		switch {
		case strings.ContainsAny(ws[i].text, "שםלוע"):
			if heb == nil || ws[i].xMax > heb.xMax {
				heb = &ws[i]
			}
		case ws[i].text == "INT.":
			lat = &ws[i]
		}
	}
	if heb == nil || lat == nil {
		t.Fatalf("words %+v", ws)
	}
	if heb.xMax < 7.3*72 || lat.xMin > 1.6*72 {
		t.Errorf("Hebrew ends at %.0f pt (want about 540), Latin starts at %.0f pt (want 108)", heb.xMax, lat.xMin)
	}
	// The Arabic is drawn in presentation forms.
	if !strings.ContainsAny(text, "\uFEE3\uFEAE\uFEA3\uFE92\uFE8E") && !strings.Contains(text, "مرحبا") {
		t.Errorf("no Arabic in %q", text)
	}
}
