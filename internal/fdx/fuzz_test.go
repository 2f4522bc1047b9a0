package fdx

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/fountain"
)

// FuzzFDX checks that Read never panics, and that for any input Read
// accepts, Write then Read gives the same elements (fountain.SameElement
// plus DualFirst) and the same title page.
func FuzzFDX(f *testing.F) {
	f.Add([]byte(doc(para("Action", "x"))))
	f.Add([]byte(doc(`<Paragraph><DualDialogue>` + para("Character", "A") + para("Dialogue", "x") + para("Character", "B (O.S.)") + para("Dialogue", "y") + `</DualDialogue></Paragraph>`)))
	f.Add([]byte(doc(`<Paragraph Type="Action"><Text Style="Bold">a *b</Text><Text Style="Italic+Underline"> c_ </Text><Text>\*</Text></Paragraph>`)))
	f.Add([]byte(doc(`<Paragraph Type="Scene Heading" Number="3"><ScriptNote><Paragraph><Text>n</Text></Paragraph></ScriptNote><SceneProperties><Summary><Paragraph><Text>s</Text></Paragraph></Summary></SceneProperties><Text>INT. X</Text></Paragraph>`,
		`<TitlePage><Content><Paragraph Alignment="Center"><Text>T</Text></Paragraph><Paragraph Alignment="Left"><Text>a	b</Text></Paragraph></Content></TitlePage>`)))
	if dir, ok := corpus.Find(); ok {
		_ = filepath.WalkDir(filepath.Join(dir, "fdx"), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".fdx") {
				// Small files only: the fuzzer minimises every new input,
				// and minimising a feature-length file takes minutes.
				if b, err := os.ReadFile(p); err == nil && len(b) < 8000 {
					f.Add(b)
				}
			}
			return nil
		})
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, rep, err := Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		if rep == nil {
			t.Fatal("nil report without an error")
		}
		var b bytes.Buffer
		if err := Write(&b, s); err != nil {
			t.Fatal(err)
		}
		again, _, err := Read(bytes.NewReader(b.Bytes()))
		if err != nil {
			t.Fatalf("Read(Write(s)): %v\n%s", err, b.String())
		}
		if d := diffScripts(s, again, nil); d != "" {
			t.Fatalf("Write → Read differs: %s\n%s", d, b.String())
		}
		for i := range s.Elements {
			if s.Elements[i].DualFirst != again.Elements[i].DualFirst {
				t.Fatalf("element %d: DualFirst %v then %v", i, s.Elements[i].DualFirst, again.Elements[i].DualFirst)
			}
		}
	})
}

// FuzzRoundTripFountain checks Fountain → FDX → Fountain on any text:
// Write never fails, its output always reads back, and the elements and
// title page come back the same (up to redundant escapes, see
// TestRoundTripCorpus). Texts FDX cannot carry are left out: characters XML
// cannot hold, elements with no text (a lone "!"), and emphasis that Read
// reports it could not spell back.
func FuzzRoundTripFountain(f *testing.F) {
	f.Add("Title: T\n\nINT. X - DAY #1#\n\nBOB ^\nHi.\n\n> C <\n\n===\n\n# S\n\n= syn\n\n[[n]]\n")
	f.Add("Title:\n    _**A**_\n    B\nfmt: x\n\n.SHOT\n\nA [[x]] *b* \\*c [[y]]\n\n~la\n\n=== \n\n### deep\n")
	// Inputs that once failed.
	for _, s := range []string{"*00 [[*]]", "\\*0 [[*]]", "[[[[]]", strings.Repeat("#", 100) + "00", "a:\\*", "0______"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var b bytes.Buffer
		s := fountain.Parse(src)
		if err := Write(&b, s); err != nil {
			t.Fatal(err)
		}
		got, rep, err := Read(bytes.NewReader(b.Bytes()))
		if err != nil {
			t.Fatalf("Read(Write(Parse(src))): %v\n%s", err, b.String())
		}
		if !utf8.ValidString(src) || strings.ContainsFunc(src, notXMLChar) || strings.Contains(rep.String(), "emphasis") {
			return
		}
		for _, e := range s.Elements {
			if strings.TrimSpace(e.Text) == "" && e.Type != fountain.PageBreak && e.Type != fountain.Note {
				return
			}
		}
		n := 0
		if d := diffScripts(s, got, &n); d != "" {
			t.Fatalf("%q: %s", src, d)
		}
	})
}

func notXMLChar(r rune) bool {
	return r < 0x20 && r != '\n' && r != '\t' || r == 0xFFFD || r == 0xFFFE || r == 0xFFFF
}
