package fountain

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/scriptroom/scriptroom/internal/corpus"
)

// FuzzParse checks that Parse never panics, that Parse→Write→Parse keeps the
// elements, and that line numbers stay within the source.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"", "\n", "  ", "Title: A\n\nINT. B\n", "BOB\nhi", "BOB ^\n(x)\ny", ".A #1#", "!x\n  \ny",
		"> a <\n>b<", ">c", "~l\n~m", "# s\n= t\n===", "[[n\nm]]", "a /* b\n\nc */ d", "/*", "*/",
		"@bob (v.o.)\n  ", "\r\n\rX\r", "(a\nb)", "INT. A\nB", "Key:\n   v\n  \n   w\n\nX", "\xff\xfe", "\t\tA\n\nB TO:",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		s := Parse(src)
		checkLines(t, src, s)
		checkRoundTrip(t, src)
	})
}

// BenchmarkParseFeature parses Big Fish, a feature-length script.
func BenchmarkParseFeature(b *testing.B) {
	src := string(corpus.Read(b, "fountain", "samples", "big-fish.fountain"))
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	var n int
	for b.Loop() {
		n = len(Parse(src).Elements)
	}
	if n == 0 {
		b.Fatal("no elements")
	}
}

// BenchmarkWriteFeature writes Big Fish back as Fountain.
func BenchmarkWriteFeature(b *testing.B) {
	s := Parse(string(corpus.Read(b, "fountain", "samples", "big-fish.fountain")))
	b.ReportAllocs()
	for b.Loop() {
		if out := Write(s); !utf8.ValidString(out) || !strings.Contains(out, "INT.") {
			b.Fatal("bad output")
		}
	}
}
