package workspace

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/fdx"
	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/model"
)

// TestImportFinalDraftLockedPages: a Final Draft production draft whose
// locked pages are not where Scriptroom would break them (an exported one
// with every page after the first starting a sentence earlier, and its
// third page renamed 2A) comes in with the file's pages: the editor shows
// its labels, and exported again the FDX holds the file's locked pages and
// the PDF prints the file's labels on the file's text.
func TestImportFinalDraftLockedPages(t *testing.T) {
	w := newTestWorkspace(t, "Writer")
	var b strings.Builder
	for i := 1; i <= 8; i++ {
		fmt.Fprintf(&b, "INT. ROOM %d - DAY\n\n", i)
		for k := 1; k <= 60; k++ {
			fmt.Fprintf(&b, "Line %d of room %d goes on and on until the end of this row here. ", k, i)
		}
		b.WriteString("\n\n")
	}
	text := b.String()
	sc, err := w.Create("Pages", text)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Commit(sc.ID, text, "white"); err != nil {
		t.Fatal(err)
	}
	pl, err := w.ProductionChange(sc.ID, model.ProductionLock, nil)
	if err == nil {
		_, err = w.ChangeProduction(sc.ID, pl)
	}
	if err != nil {
		t.Fatal(err)
	}
	p, err := w.Production(sc.ID)
	if err != nil {
		t.Fatal(err)
	}
	exported := filepath.Join(t.TempDir(), "locked.fdx")
	if _, err := w.Export(sc.ID, exported, ExportOptions{Format: FormatFDX, Production: &p}, nil); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(exported)
	if err != nil {
		t.Fatal(err)
	}

	// Final Draft's pages: a sentence earlier, the third one 2A.
	s, rep, err := fdx.Read(bytes.NewReader(raw))
	if err != nil || rep.Production == nil {
		t.Fatalf("read the export: %v", err)
	}
	fp := rep.Production
	moved := 0
	for k := range fp.LockedPages {
		lp := &fp.LockedPages[k]
		switch {
		case k == 2:
			lp.Label = "2A"
		case k > 2:
			lp.Label = strconv.Itoa(k)
		}
		r := []rune(fountain.Plain(s.Elements[lp.Element].Text))
		if k == 0 || lp.Offset < 3 {
			continue
		}
		at := strings.LastIndex(string(r[:lp.Offset-2]), ". ")
		if at < 0 {
			t.Fatalf("page %d: no sentence before offset %d", k+1, lp.Offset)
		}
		lp.Offset = len([]rune(string(r[:lp.Offset-2])[:at+2]))
		moved++
	}
	if moved < 4 || len(fp.LockedPages) < 6 {
		t.Fatalf("%d of %d pages moved, want at least 4 of 6", moved, len(fp.LockedPages))
	}
	var fdFile bytes.Buffer
	if err := fdx.WriteProduction(&fdFile, s, fp); err != nil {
		t.Fatal(err)
	}
	_, rep, err = fdx.Read(bytes.NewReader(fdFile.Bytes()))
	if err != nil || rep.Production == nil {
		t.Fatal(err)
	}
	want := rep.Production.LockedPages
	var wantLabels []string
	for _, lp := range want {
		wantLabels = append(wantLabels, lp.Label)
	}

	imp, err := w.ImportData("final-draft.fdx", fdFile.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(imp.Notices, func(n string) bool { return strings.Contains(n, "locked pages keep their numbers") }) {
		t.Errorf("notices %q", imp.Notices)
	}
	q, err := w.Production(imp.Script.ID)
	if err != nil || !q.Locked || len(q.Pages) != len(want) {
		t.Fatalf("imported production state: locked %v, %d pages (want %d): %v", q.Locked, len(q.Pages), len(want), err)
	}
	pages, err := w.ProductionPages(imp.Script.ID, "", q)
	if err != nil {
		t.Fatal(err)
	}
	var shown []string
	for _, ps := range pages.Pages {
		shown = append(shown, ps.Label)
	}
	if !slices.Equal(shown, wantLabels) {
		t.Errorf("the editor shows pages %v, want the file's %v", shown, wantLabels)
	}

	// Exported again: the file's locked pages, and the PDF prints them.
	dir := t.TempDir()
	again := filepath.Join(dir, "again.fdx")
	if _, err := w.Export(imp.Script.ID, again, ExportOptions{Format: FormatFDX, Production: &q}, nil); err != nil {
		t.Fatal(err)
	}
	raw, err = os.ReadFile(again)
	if err != nil {
		t.Fatal(err)
	}
	_, rep, err = fdx.Read(bytes.NewReader(raw))
	if err != nil || rep.Production == nil {
		t.Fatalf("read the export back: %v", err)
	}
	if !slices.Equal(rep.Production.LockedPages, want) {
		t.Errorf("exported locked pages\n %+v\nwant the file's\n %+v", rep.Production.LockedPages, want)
	}
	pdfPath := filepath.Join(dir, "again.pdf")
	if d := os.Getenv("PRODUCTION_KEEP"); d != "" {
		pdfPath = filepath.Join(d, "imported-locked-pages.pdf")
	}
	if _, err := w.Export(imp.Script.ID, pdfPath, ExportOptions{Format: FormatPDF, Production: &q}, nil); err != nil {
		t.Fatal(err)
	}
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is not installed (poppler-utils)")
		}
		t.Skip("pdftotext is not installed (poppler-utils); make deps installs it")
	}
	out, err := exec.Command(tool, "-layout", "-enc", "UTF-8", pdfPath, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	printed := strings.Split(strings.TrimSuffix(string(out), "\f"), "\f")
	if len(printed) != len(want) {
		t.Fatalf("the PDF has %d pages, the file %d", len(printed), len(want))
	}
	for k, pg := range printed {
		if k == 0 {
			continue
		}
		// Each page after the first prints its label ("2A.") and its text
		// starts with the sentence the file's page starts with.
		rows := strings.Split(pg, "\n")
		label := 0
		for label < len(rows) && strings.TrimSpace(rows[label]) == "" {
			label++
		}
		if label == len(rows) || strings.TrimSpace(rows[label]) != wantLabels[k]+"." {
			t.Errorf("PDF page %d does not print %q first:\n%.200s", k+1, wantLabels[k]+".", pg)
			continue
		}
		body := label + 1
		for body < len(rows) && strings.TrimSpace(rows[body]) == "" {
			body++
		}
		r := []rune(fountain.Plain(s.Elements[want[k].Element].Text))
		words := strings.Fields(string(r[want[k].Offset:]))
		first := strings.Join(words[:min(6, len(words))], " ")
		if body == len(rows) || !strings.Contains(rows[body], first) {
			t.Errorf("PDF page %s starts %q, want %q", wantLabels[k], strings.TrimSpace(rows[min(body, len(rows)-1)]), first)
		}
	}
}
