package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/fdx"
	"github.com/scriptroom/scriptroom/internal/fountain"
)

const convertSample = "Title: Heist\nAuthor: Jane Doe\n\nINT. VAULT - NIGHT #1#\n\nThe door opens. **Gold.** [[Too much?]]\n\nBOB\n(quietly)\nNow.\n\nALICE ^\nNow!\n\n> THE END <\n"

// sameScript fails unless a and b have the same title page and elements.
func sameScript(t *testing.T, a, b *fountain.Script) {
	t.Helper()
	if len(a.TitlePage) != len(b.TitlePage) || len(a.Elements) != len(b.Elements) {
		t.Fatalf("title %q / %d elements, then title %q / %d elements", a.TitlePage, len(a.Elements), b.TitlePage, len(b.Elements))
	}
	for i := range a.TitlePage {
		if a.TitlePage[i] != b.TitlePage[i] {
			t.Errorf("title field %d: %q then %q", i, a.TitlePage[i], b.TitlePage[i])
		}
	}
	for i := range a.Elements {
		if !fountain.SameElement(a.Elements[i], b.Elements[i]) {
			t.Errorf("element %d: %+v then %+v", i, a.Elements[i], b.Elements[i])
		}
	}
}

func TestConvertRoundTrip(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "heist.fountain", convertSample)
	mid := filepath.Join(dir, "heist.fdx")
	back := filepath.Join(dir, "back.fountain")
	if code, _, stderr := runCLI("convert", in, mid); code != 0 {
		t.Fatalf("fountain → fdx: exit %d: %s", code, stderr)
	}
	raw, err := os.ReadFile(mid)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(raw, []byte(`<?xml version="1.0" encoding="UTF-8" standalone="no" ?>`)) {
		t.Errorf("the .fdx does not start as Final Draft's files do:\n%.200s", raw)
	}
	viaFDX, _, err := fdx.Read(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	sameScript(t, fountain.Parse(convertSample), viaFDX)
	if code, _, stderr := runCLI("convert", mid, back); code != 0 {
		t.Fatalf("fdx → fountain: exit %d: %s", code, stderr)
	}
	text, err := os.ReadFile(back)
	if err != nil {
		t.Fatal(err)
	}
	sameScript(t, fountain.Parse(convertSample), fountain.Parse(string(text)))
	// No temporary files are left behind.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %q, want the three files only", names)
	}
}

func TestConvertNormalises(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "messy.fountain", "INT. HOUSE - DAY\n\n\n\nShe waits.   \n")
	out := filepath.Join(dir, "clean.FOUNTAIN")
	if code, _, stderr := runCLI("convert", in, out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got, _ := os.ReadFile(out)
	want := fountain.Write(fountain.Parse("INT. HOUSE - DAY\n\n\n\nShe waits.   \n"))
	if string(got) != want {
		t.Errorf("got %q, want fountain.Write's %q", got, want)
	}
	// An existing output file is replaced.
	if code, _, stderr := runCLI("convert", in, out); code != 0 {
		t.Fatalf("second run: exit %d: %s", code, stderr)
	}
}

func TestConvertReportsImport(t *testing.T) {
	in := corpus.Path(t, "fdx", "jumpcut", "mostly-genius.scrambled.fdx")
	out := filepath.Join(t.TempDir(), "mg.fountain")
	code, stdout, stderr := runCLI("convert", in, out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stdout != "" {
		t.Errorf("stdout should be empty, got %q", stdout)
	}
	for _, want := range []string{`mostly-genius.scrambled.fdx: approximated: paragraph type "New Act" read as centered text (3×)`,
		"title-page fields inferred"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	text, _ := os.ReadFile(out)
	if !strings.Contains(string(text), "> _ACT ONE_ <") {
		t.Errorf("the act break is not centered text in the Fountain output")
	}
}

func TestConvertErrors(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "a.fountain", convertSample)
	bad := writeFile(t, dir, "bad.fdx", "<FinalDraft>\n<Content>\n<Paragraph>\n</Content>\n</FinalDraft>\n")
	notFDX := writeFile(t, dir, "text.fdx", "INT. HOUSE - DAY\n")
	link := filepath.Join(dir, "link.fountain")
	if err := os.Link(in, link); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		code     int
		inStderr string
	}{
		// Usage errors: exit 2.
		{"no arguments", []string{"convert"}, 2, "want 2 file arguments, got 0"},
		{"unknown input extension", []string{"convert", filepath.Join(dir, "a.docx"), filepath.Join(dir, "b.fdx")}, 2, "supported: .fountain, .fdx"},
		{"unknown output extension", []string{"convert", in, filepath.Join(dir, "b.pdf")}, 2, `unknown format ".pdf"; supported: .fountain, .fdx`},
		{"output is the input", []string{"convert", in, in}, 2, "refusing to overwrite the input"},
		{"output is the input by another name", []string{"convert", in, link}, 2, "refusing to overwrite"},
		// Failures: exit 1.
		{"missing input", []string{"convert", filepath.Join(dir, "gone.fountain"), filepath.Join(dir, "o.fdx")}, 1, "gone.fountain"},
		{"malformed FDX", []string{"convert", bad, filepath.Join(dir, "o.fountain")}, 1, "bad.fdx: fdx: malformed XML: line 4"},
		{"not FDX", []string{"convert", notFDX, filepath.Join(dir, "o.fountain")}, 1, "not a Final Draft"},
		{"missing output folder", []string{"convert", in, filepath.Join(dir, "no", "such", "o.fdx")}, 1, "write"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.inStderr) {
				t.Errorf("stderr %q lacks %q", stderr, tt.inStderr)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "o.fountain")); !os.IsNotExist(err) {
		t.Errorf("a failed conversion left an output file: %v", err)
	}
	if got, _ := os.ReadFile(in); string(got) != convertSample {
		t.Errorf("the input was changed")
	}
}

// TestConvertFDXToFDX rewrites a Fade In file in Final Draft's structure.
func TestConvertFDXToFDX(t *testing.T) {
	in := corpus.Path(t, "fdx", "wildwinter", "TestFDX-FI.fdx")
	out := filepath.Join(t.TempDir(), "fd.fdx")
	code, _, stderr := runCLI("convert", in, out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(raw, []byte(`<FinalDraft DocumentType="Script" Template="No" Version="5">`)) {
		t.Errorf("output is not in Final Draft 12/13's structure:\n%.300s", raw)
	}
	orig, _, err := fdx.Read(bytes.NewReader(corpus.Read(t, "fdx", "wildwinter", "TestFDX-FI.fdx")))
	if err != nil {
		t.Fatal(err)
	}
	again, _, err := fdx.Read(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	sameScript(t, orig, again)
}
