package fdx

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/fountain"
)

var update = flag.Bool("update", false, "rewrite the golden .fdx files in testdata")

// TestWriteGolden writes each testdata/*.fountain as FDX and compares it
// with the .fdx beside it; -update rewrites those. Each golden file must
// also read back as the script it was written from.
func TestWriteGolden(t *testing.T) {
	ins, err := filepath.Glob(filepath.Join("testdata", "*.fountain"))
	if err != nil || len(ins) == 0 {
		t.Fatalf("no testdata/*.fountain: %v", err)
	}
	for _, in := range ins {
		t.Run(filepath.Base(in), func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			s := fountain.Parse(string(src))
			var b bytes.Buffer
			if err := Write(&b, s); err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(in, ".fountain") + ".fdx"
			if *update {
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("Write output differs from %s (run with -update if the change is intended):\n%s", golden, b.String())
			}
			got, _, err := Read(bytes.NewReader(want))
			if err != nil {
				t.Fatal(err)
			}
			if d := diffScripts(s, got, nil); d != "" {
				t.Errorf("%s reads back differently: %s", golden, d)
			}
		})
	}
}

// TestWriteStructure checks the parts of Final Draft's own file structure
// that Write promises, on the elements golden file.
func TestWriteStructure(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "elements.fountain"))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Write(&b, fountain.Parse(string(src))); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		// Final Draft 12/13's prolog and root.
		"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\" ?>\n<FinalDraft DocumentType=\"Script\" Template=\"No\" Version=\"5\">\n",
		// Scene numbers, synopsis as the scene's summary, notes as ScriptNotes.
		`<Paragraph Type="Scene Heading" Number="1">`,
		"<SceneProperties>\n        <Summary>",
		"<ScriptNote>\n        <Paragraph>\n          <Text>Check the vault's make.</Text>",
		// Emphasis as Style on Text runs.
		`<Text Style="Bold">Gold</Text>`, `<Text Style="Italic">glinting</Text>`, `<Text Style="Underline">stacked</Text>`,
		// Dual dialogue, centered text, page break, sections, lyrics.
		"<DualDialogue>", `<Paragraph Type="Action" Alignment="Center">`, `StartsNewPage="Yes"`,
		`<Paragraph Type="Outline 1">`, `<Paragraph Type="Outline 2">`, `<Paragraph Type="Lyrics">`,
		// Page number header, Letter page layout, (MORE)/(CONT'D).
		`<HeaderAndFooter`, `<DynamicLabel Type="Page #"/>`, `<PageSize Height="11.00" Width="8.50"/>`, `DialogueBottom="(MORE)"`,
		// Element settings with Final Draft's default indents.
		`<ElementSettings Type="Dialogue">`, `LeftIndent="2.56" RightIndent="6.25"`,
		`<ElementSettings Type="Character">`, `LeftIndent="3.75"`,
		// The title page, laid out.
		"<TitlePage>", `<Paragraph Alignment="Center"`, `<Text Style="Bold+Underline">THE HEIST</Text>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

func TestWriteNil(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, nil); err != nil {
		t.Fatal(err)
	}
	s, _, err := Read(&b)
	if err != nil || len(s.Elements) != 0 || len(s.TitlePage) != 0 {
		t.Errorf("Write(nil) read back as %+v, %v; want an empty script", s, err)
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

func TestWriteError(t *testing.T) {
	s := fountain.Parse(strings.Repeat("INT. HOUSE - DAY\n\nShe waits.\n\n", 1000))
	if err := Write(failWriter{}, s); !errors.Is(err, os.ErrClosed) {
		t.Errorf("err = %v, want the writer's error", err)
	}
}

// TestWriteEscapes checks characters XML must escape or cannot hold. A
// carriage return comes back as a line break (see lineBreaks).
func TestWriteEscapes(t *testing.T) {
	s := &fountain.Script{Elements: []fountain.Element{
		{Type: fountain.SceneHeading, Text: `INT. "A" & <B>`, SceneNumber: "1\"<&>\n\t"},
		{Type: fountain.Action, Text: "cr\rtab\tlf\nend"},
		{Type: fountain.Action, Text: "bell\x07 bad\xff fffe\uFFFE"},
	}}
	var b bytes.Buffer
	if err := Write(&b, s); err != nil {
		t.Fatal(err)
	}
	got, _, err := Read(&b)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"scene_heading|INT. \"A\" & <B>|num=1\"<&>", "action|cr\ntab\tlf\nend", "action|bell\uFFFD bad\uFFFD fffe\uFFFD"}
	if g := els(got); strings.Join(g, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q\nwant %q", g, want)
	}
}
