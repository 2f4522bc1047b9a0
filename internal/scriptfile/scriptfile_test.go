package scriptfile

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/scriptroom/scriptroom/internal/fdx"
	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/textfile"
)

func write(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFormatOf(t *testing.T) {
	for path, want := range map[string]Format{
		"a.fountain": Fountain, "a.spmd": Fountain, "a.txt": Fountain, "a": Fountain,
		"a.fdx": FinalDraft, "A.FDX": FinalDraft, "dir.fdx/a.txt": Fountain,
	} {
		if got := FormatOf(path); got != want {
			t.Errorf("FormatOf(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestReadFountain(t *testing.T) {
	// Windows-1252 with CRLF: decoded, line endings made "\n", and said.
	p := write(t, "night.fountain", []byte("INT. CAF\xc9 - NIGHT\r\n\r\nShe waits.\r\n"))
	f, err := Read(p)
	if err != nil {
		t.Fatal(err)
	}
	if f.Format != Fountain || f.Text != "INT. CAFÉ - NIGHT\n\nShe waits.\n" || len(f.Notices) == 0 {
		t.Fatalf("Read = %+v", f)
	}
	if s := f.Script(); len(s.Elements) != 2 || s.Elements[0].Type != fountain.SceneHeading {
		t.Fatalf("Script() = %+v", s.Elements)
	}
}

// TestReadFinalDraft: a .fdx (any case) is read as Final Draft, not as
// text: its Script is the import and its Text that import as Fountain.
func TestReadFinalDraft(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "fdx", "testdata", "elements.fdx"))
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := fdx.Read(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	f, err := Read(write(t, "Elements.FDX", src))
	if err != nil {
		t.Fatal(err)
	}
	if f.Format != FinalDraft || strings.Contains(f.Text, "<Paragraph") {
		t.Fatalf("read as %q:\n%.200s", f.Format, f.Text)
	}
	if f.Text != fountain.Write(want) {
		t.Errorf("text is not the import written as Fountain:\n%.300s", f.Text)
	}
	if got := f.Script(); !reflect.DeepEqual(got.Elements, want.Elements) {
		t.Errorf("Script() has %d elements, the import %d", len(got.Elements), len(want.Elements))
	}
}

func TestReadRefuses(t *testing.T) {
	dir := t.TempDir()
	if _, err := Read(dir); !errors.Is(err, ErrFolder) {
		t.Errorf("folder: %v", err)
	}
	if _, err := Read(filepath.Join(dir, "missing.fountain")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing: %v", err)
	}
	huge := filepath.Join(dir, "huge.fountain")
	if err := os.WriteFile(huge, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(huge, textfile.MaxSize+1); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(huge); !errors.Is(err, textfile.ErrTooLarge) {
		t.Errorf("huge: %v", err)
	}
	if _, err := Read(write(t, "song.mp3", []byte("ID3\x00\x00binary"))); !errors.Is(err, textfile.ErrBinary) {
		t.Errorf("binary: %v", err)
	}
	if _, err := Read(write(t, "broken.fdx", []byte("<FinalDraft><Content><Paragraph"))); err == nil {
		t.Errorf("broken FDX read without error")
	}
}

// FuzzDecode: any bytes, read as either format, give an error or clean text
// (valid UTF-8, "\n" line endings) whose Script parses.
func FuzzDecode(f *testing.F) {
	f.Add([]byte("INT. CAF\xc9 - NIGHT\r\n\r\nShe waits.\r\n"), false)
	f.Add([]byte("\xff\xfeI\x00N\x00T\x00.\x00"), false)
	f.Add([]byte(`<FinalDraft><Content><Paragraph Type="Action"><Text>Hi</Text></Paragraph></Content></FinalDraft>`), true)
	f.Add([]byte("<FinalDraft><Content><Paragraph"), true)
	f.Fuzz(func(t *testing.T, raw []byte, fdx bool) {
		format := Fountain
		if fdx {
			format = FinalDraft
		}
		file, err := Decode(format, raw)
		if err != nil {
			return
		}
		if file.Format != format || !utf8.ValidString(file.Text) || strings.Contains(file.Text, "\r\n") {
			t.Fatalf("Decode(%q) = format %q, text %q", format, file.Format, file.Text)
		}
		_ = file.Script()
	})
}

// TestCheckImportable: Fountain and Final Draft names in any case are
// imported; other files are refused with ErrUnsupported naming what they
// are, never read as Fountain text.
func TestCheckImportable(t *testing.T) {
	for _, name := range []string{"a.fountain", "A.FOUNTAIN", "a.spmd", "notes.txt", "Big Fish.fdx", "x.FDX"} {
		if err := CheckImportable(name); err != nil {
			t.Errorf("CheckImportable(%q) = %v", name, err)
		}
	}
	for name, says := range map[string]string{"script.pdf": ".pdf", "draft.docx": ".docx", "README": "no extension", "a.fdx.zip": ".zip"} {
		err := CheckImportable(name)
		if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), says) {
			t.Errorf("CheckImportable(%q) = %v, want ErrUnsupported saying %q", name, err, says)
		}
	}
}

func TestCheckContent(t *testing.T) {
	for _, raw := range []string{"", " ", "\n\r\n\t "} {
		if err := CheckContent([]byte(raw)); !errors.Is(err, ErrEmpty) {
			t.Errorf("CheckContent(%q) = %v, want ErrEmpty", raw, err)
		}
	}
	if err := CheckContent([]byte("\nFADE IN:\n")); err != nil {
		t.Errorf("CheckContent(text) = %v", err)
	}
}
