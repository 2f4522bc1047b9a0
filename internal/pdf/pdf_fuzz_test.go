package pdf

import (
	"bytes"
	"testing"

	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/screenplay"
)

// FuzzWrite paginates and prints any Fountain text: Write never panics and
// always makes a PDF (characters no font has are boxes).
func FuzzWrite(f *testing.F) {
	for _, s := range []string{
		"",
		"Title: **X**\nAuthor: A\n\nINT. HOUSE - DAY\n\nShe *waits* _here_.\n",
		"INT. A #1#\n\nBRICK\nHi.\n\nSTEEL ^\nHo.\n\n> THE END <\n",
		"ИНТ. ДОМ\n\nМаша ждёт.\n",
		"EXT. 東京\n\nジョン\nこんにちは\n",
		"\t\x00\x7f\u0085\u00a0\u200b\U0001F600\n",
		"INT. בית - יום\n\nדנה (בשקט) says مرحبا بِكم لا 42.\n\nדנה\n(x)\nשלום ☺\n",
	} {
		f.Add(s)
	}
	var fonts []Font
	for _, ft := range SystemFonts() {
		if ft.Name == "Liberation Mono" || ft.Name == "DejaVu Sans Mono" {
			fonts = append(fonts, ft) // small fonts keep the fuzzer fast
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		doc := screenplay.Paginate(fountain.Parse(src), screenplay.Options{SceneNumbers: true})
		var b bytes.Buffer
		_, err := Write(&b, doc, Options{Fonts: fonts, Color: "Blue", HeaderText: src[:min(len(src), 20)],
			Marks: Marks{Lines: ChangedLines("", src)}})
		if err != nil {
			t.Fatalf("Write: %v", err)
		}
		if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
			t.Fatalf("not a PDF: %q", b.Bytes()[:min(b.Len(), 20)])
		}
	})
}
