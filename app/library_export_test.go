package app

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/fdx"
	"github.com/scriptroom/scriptroom/internal/fountain"
)

// TestImportFDX: a Final Draft file becomes a script whose text is Fountain
// with the same elements, titled from its title page.
func TestImportFDX(t *testing.T) {
	c := newTestCore(t)
	lib := NewLibrary(c)
	path := corpus.Path(t, "fdx", "jumpcut", "big-fish.fd11.fdx")
	res, err := lib.importFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.EqualFold(res.Script.Title, "Big Fish") {
		t.Fatalf("import = %+v", res.Script)
	}
	if figs, err := lib.Figures([]string{res.Script.ID}, ""); err != nil || len(figs) != 1 || figs[0].Pages < 100 {
		t.Fatalf("imported figures = %+v, %v", figs, err)
	}
	doc, err := NewEditor(c).Open(res.Script.ID)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(path)
	want, _, err := fdx.Read(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	got := fountain.Parse(doc.Text)
	if len(got.Elements) != len(want.Elements) {
		t.Fatalf("imported %d elements, the FDX has %d", len(got.Elements), len(want.Elements))
	}
	for i := range want.Elements {
		// Fountain keeps no trailing spaces, which Final Draft paragraphs may have.
		g, w := got.Elements[i], want.Elements[i]
		if g.Type != w.Type || strings.TrimRight(g.Text, " ") != strings.TrimRight(w.Text, " ") {
			t.Fatalf("element %d: %+v, want %+v", i, got.Elements[i], want.Elements[i])
		}
	}
	// A broken FDX is refused with the file's name, and adds nothing.
	broken := filepath.Join(t.TempDir(), "broken.fdx")
	os.WriteFile(broken, []byte("<FinalDraft><Content><Paragraph Type=\"Action\"><Text>cut"), 0o600)
	if _, err := lib.importFile(broken); err == nil || !strings.Contains(err.Error(), "broken.fdx") {
		t.Fatalf("broken FDX: %v", err)
	}
	if list, _ := lib.List(); len(list) != 2 {
		t.Fatalf("library has %d scripts, want the demo and the import", len(list))
	}
}

// pdfText returns a PDF's pages as pdftotext -layout reads them.
func pdfText(t *testing.T, path string) []string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is not installed (poppler-utils)")
		}
		t.Skip("pdftotext is not installed (poppler-utils); make deps installs it")
	}
	out, err := exec.Command(tool, "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Split(strings.TrimSuffix(string(out), "\f"), "\f")
}

func TestExportFormats(t *testing.T) {
	c := newTestCore(t)
	lib := NewLibrary(c)
	ed := NewEditor(c)
	sc, err := lib.Create("The Lock")
	if err != nil {
		t.Fatal(err)
	}
	v1 := "Title: The Lock\nAuthor: Us\n\nINT. VAULT - NIGHT\n\nThe dial turns.\n\nMARA\nNot yet.\n"
	first, err := ed.Commit(sc.ID, v1, "first")
	if err != nil {
		t.Fatal(err)
	}
	v2 := strings.Replace(v1, "Not yet.", "Now.", 1)
	if _, err := ed.SaveDraft(sc.ID, v2); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()

	// Final Draft: the draft's elements, read back.
	fdxPath := filepath.Join(dir, "lock.fdx")
	if _, err := lib.exportFileAs(sc.ID, fdxPath, ExportOptions{Format: FormatFDX}); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(fdxPath)
	back, _, err := fdx.Read(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if want := fountain.Parse(v2); len(back.Elements) != len(want.Elements) || back.Elements[3].Text != "Now." {
		t.Fatalf("FDX read back as %+v", back.Elements)
	}

	// PDF with revision marks against "first", in Blue, on A4.
	pdfPath := filepath.Join(dir, "lock.pdf")
	opts := ExportOptions{Format: FormatPDF, Base: string(first.ID), Color: "blue", Paper: "a4", SceneNumbers: true}
	if warnings, err := lib.exportFileAs(sc.ID, pdfPath, opts); err != nil || len(warnings) > 0 {
		t.Fatal(err, warnings)
	}
	pages := pdfText(t, pdfPath)
	if len(pages) != 2 || !strings.Contains(pages[0], "THE LOCK") {
		t.Fatalf("pages: %q", pages)
	}
	var marked []string
	for _, l := range strings.Split(pages[1], "\n") {
		if strings.HasSuffix(strings.TrimSpace(l), "*") {
			marked = append(marked, strings.TrimSpace(l))
		}
	}
	if len(marked) != 1 || !strings.Contains(marked[0], "Now.") {
		t.Fatalf("marked lines %q, want only the changed speech", marked)
	}
	if !strings.Contains(pages[1], "1") || !strings.Contains(pages[1], "INT. VAULT - NIGHT") {
		t.Fatalf("page 1:\n%s", pages[1])
	}
	if info, err := os.Stat(pdfPath); err != nil || info.Mode().Perm() != 0o644 {
		t.Fatalf("PDF file mode: %v %v", info, err)
	}

	// A production draft of "first": its numbers kept, the change marked,
	// the set's colour and date on the revised page; then the revised
	// pages only, after a cover.
	lockedPath := filepath.Join(dir, "locked.pdf")
	lopts := ExportOptions{Format: FormatPDF, Base: string(first.ID), Locked: true, Color: "pink", Date: "2026-12-06"}
	if _, err := lib.exportFileAs(sc.ID, lockedPath, lopts); err != nil {
		t.Fatal(err)
	}
	pages = pdfText(t, lockedPath)
	if got := strings.Join(strings.Fields(pages[len(pages)-1]), " "); len(pages) != 2 ||
		!strings.Contains(got, "Pink Rev. 12/06/26") || !strings.Contains(got, "1 INT. VAULT - NIGHT 1") || !strings.Contains(got, "Now. *") {
		t.Fatalf("locked export: %q", pages)
	}
	lopts.RevisedOnly = true
	if _, err := lib.exportFileAs(sc.ID, lockedPath, lopts); err != nil {
		t.Fatal(err)
	}
	if pages = pdfText(t, lockedPath); len(pages) != 2 || !strings.Contains(pages[0], "Revised page (1):") {
		t.Fatalf("revised pages only: %q", pages)
	}

	// Refusals name the problem and write nothing.
	bad := []struct {
		name string
		opts ExportOptions
		want string
	}{
		{"format", ExportOptions{Format: "docx"}, `"docx" is not a format`},
		{"colour", ExportOptions{Format: FormatPDF, Color: "mauve"}, `"mauve" is not a revision colour`},
		{"paper", ExportOptions{Format: FormatPDF, Paper: "legal"}, "Letter or A4"},
		{"base", ExportOptions{Format: FormatPDF, Base: "nope"}, "revision to mark changes against"},
		{"locked without base", ExportOptions{Format: FormatPDF, Locked: true}, "choose the revision locked for production"},
		{"locked date", ExportOptions{Format: FormatPDF, Locked: true, Base: string(first.ID), Date: "6/12/26"}, "YYYY-MM-DD"},
		{"locked colour", ExportOptions{Format: FormatPDF, Locked: true, Base: string(first.ID), Color: "mauve"}, `"mauve" is not a revision colour`},
	}
	for _, b := range bad {
		out := filepath.Join(dir, "bad-"+b.name+".pdf")
		_, err := lib.exportFileAs(sc.ID, out, b.opts)
		if err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("%s: %v, want %q", b.name, err, b.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: a file was written", b.name)
		}
	}
	if colors, _ := lib.RevisionColors(); len(colors) < 9 || colors[1] != "Blue" {
		t.Fatalf("colours %q", colors)
	}
}
