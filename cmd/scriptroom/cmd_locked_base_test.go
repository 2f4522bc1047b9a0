package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/fdx"
	"github.com/scriptroom/scriptroom/internal/fountain"
)

// longRooms is a script of n rooms of 60 sentences each, whose pages break
// inside paragraphs.
func longRooms(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "INT. ROOM %d - DAY\n\n", i)
		for k := 1; k <= 60; k++ {
			fmt.Fprintf(&b, "Line %d of room %d goes on and on until the end of this row here. ", k, i)
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

// finalDraftBase writes a Final Draft production draft of base.fountain
// into dir as Final Draft might have locked it: the export's own locked
// pages, each after the first moved a sentence earlier and the third
// renamed 2A (the pages after it numbered one less). It returns the file,
// its pages' labels, and the words each page after the first starts with.
func finalDraftBase(t *testing.T, dir, base string) (string, []string, []string) {
	t.Helper()
	white := filepath.Join(dir, "white.fdx")
	if code, _, stderr := runCLI("export", base, white, "--locked", base); code != exitOK {
		t.Fatalf("export the white draft: exit %d: %s", code, stderr)
	}
	raw, err := os.ReadFile(white)
	if err != nil {
		t.Fatal(err)
	}
	s, rep, err := fdx.Read(bytes.NewReader(raw))
	if err != nil || rep.Production == nil {
		t.Fatalf("read the white draft: %v", err)
	}
	var labels, starts []string
	moved := 0
	for k := range rep.Production.LockedPages {
		lp := &rep.Production.LockedPages[k]
		switch {
		case k == 2:
			lp.Label = "2A"
		case k > 2:
			lp.Label = strconv.Itoa(k)
		}
		labels = append(labels, lp.Label)
		r := []rune(fountain.Plain(s.Elements[lp.Element].Text))
		if k == 0 {
			continue
		}
		if lp.Offset >= 3 {
			at := strings.LastIndex(string(r[:lp.Offset-2]), ". ")
			if at < 0 {
				t.Fatalf("page %d: no sentence before offset %d", k+1, lp.Offset)
			}
			lp.Offset = len([]rune(string(r[:lp.Offset-2])[:at+2]))
			moved++
		}
		starts = append(starts, strings.Join(strings.Fields(string(r[lp.Offset:]))[:5], " "))
	}
	if moved < 4 || len(labels) < 6 {
		t.Fatalf("%d of %d pages moved, want at least 4 of 6", moved, len(labels))
	}
	var buf bytes.Buffer
	if err := fdx.WriteProduction(&buf, s, rep.Production); err != nil {
		t.Fatal(err)
	}
	return writeFile(t, dir, "final-draft.fdx", buf.String()), labels, starts
}

// lockedLabels are the locked pages' labels of a Final Draft file.
func lockedLabels(t *testing.T, path string) []string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, rep, err := fdx.Read(bytes.NewReader(raw))
	if err != nil || rep.Production == nil {
		t.Fatalf("read %s: %v", path, err)
	}
	var out []string
	for _, lp := range rep.Production.LockedPages {
		out = append(out, lp.Label)
	}
	return out
}

// TestExportLockedFinalDraftPages: --locked BASE.fdx, a Final Draft
// production draft whose locked pages are not where Scriptroom breaks
// them, prints NEW on the file's pages: the PDF with the file's labels and
// each page starting where the file says, the FDX with the file's locked
// pages, stats with the file's labels; text added flows onto pages
// lettered between the file's. A Fountain BASE of the same text is
// paginated afresh.
func TestExportLockedFinalDraftPages(t *testing.T) {
	dir := t.TempDir()
	text := longRooms(8)
	base := writeFile(t, dir, "base.fountain", text)
	locked, labels, starts := finalDraftBase(t, dir, base)

	// NEW as BASE: the file's pages, each where the file starts it.
	pdfOut := filepath.Join(dir, "same.pdf")
	code, _, stderr := runCLI("export", base, pdfOut, "--locked", locked, "--date", "2026-12-06")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if strings.Contains(stderr, "left out") {
		t.Errorf("locked pages left out: %s", stderr)
	}
	pages := readPages(t, pdfOut)
	var got []string
	for k, p := range pages {
		label := p.label
		if k == 0 {
			label = "1" // page 1 prints no number
		}
		got = append(got, label)
		if k == 0 || k > len(starts) {
			continue
		}
		body := strings.Join(strings.Fields(p.text), " ")
		if at := strings.Index(body, starts[k-1]); at < 0 || at > len(p.label)+4 {
			t.Errorf("page %s starts %.60q…, want the file's %q", label, body, starts[k-1])
		}
	}
	if !slices.Equal(got, labels) {
		t.Fatalf("PDF pages %v, want the file's %v", got, labels)
	}
	fdxOut := filepath.Join(dir, "same.fdx")
	if code, _, stderr := runCLI("export", base, fdxOut, "--locked", locked); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got := lockedLabels(t, fdxOut); !slices.Equal(got, labels) {
		t.Errorf("FDX locked pages %v, want the file's %v", got, labels)
	}
	code, stdout, stderr := runCLI("stats", base, "--locked", locked, "--json")
	var rep lockedJSON
	if err := json.Unmarshal([]byte(stdout), &rep); code != exitOK || err != nil {
		t.Fatalf("stats --json: exit %d, %v: %s", code, err, stderr)
	}
	got = nil
	for _, p := range rep.Pages {
		got = append(got, p.Label)
		if p.Revised {
			t.Errorf("page %s revised, NEW is BASE", p.Label)
		}
	}
	if !slices.Equal(got, labels) {
		t.Errorf("stats pages %v, want the file's %v", got, labels)
	}

	// Text added on page 2 (whose next page is the file's 2A) and on 2A
	// flows onto A2A and 2B; the file's pages keep their labels.
	grown := text
	for _, start := range starts[:2] { // pages 2 and 2A: after their first sentence
		at := strings.Index(grown, start)
		if at < 0 {
			t.Fatalf("no %q in the text", start)
		}
		at += strings.Index(grown[at:], ". ") + 2
		grown = grown[:at] + strings.Repeat("An added sentence runs on here. ", 60) + grown[at:]
	}
	in := writeFile(t, dir, "grown.fountain", grown)
	fdxOut = filepath.Join(dir, "grown.fdx")
	if code, _, stderr := runCLI("export", in, fdxOut, "--locked", locked); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	grownLabels := lockedLabels(t, fdxOut)
	k := 0 // the file's labels, in order
	for _, l := range grownLabels {
		if k < len(labels) && l == labels[k] {
			k++
		}
	}
	if k != len(labels) || !slices.Contains(grownLabels, "A2A") || !slices.Contains(grownLabels, "2B") {
		t.Errorf("grown pages %v: want the file's %v in order, A2A and 2B added", grownLabels, labels)
	}

	// That production draft, its Blue text in it, as BASE: the lock is the
	// file as it stands, its own A-pages its locked pages, and NEW the same
	// text has no revised page.
	code, stdout, stderr = runCLI("stats", in, "--locked", fdxOut, "--json")
	rep = lockedJSON{}
	if err := json.Unmarshal([]byte(stdout), &rep); code != exitOK || err != nil {
		t.Fatalf("stats --json: exit %d, %v: %s", code, err, stderr)
	}
	if !strings.Contains(stderr, "its revision marks are not carried over") {
		t.Errorf("no notice that BASE's marks are not carried over: %q", stderr)
	}
	got = nil
	for _, p := range rep.Pages {
		got = append(got, p.Label)
		if p.Revised {
			t.Errorf("page %s revised against the file it was printed from", p.Label)
		}
	}
	if !slices.Equal(got, grownLabels) {
		t.Errorf("stats pages %v, want the file's %v", got, grownLabels)
	}

	// The same text locked from Fountain: paginated afresh, no 2A.
	if code, _, stderr := runCLI("export", base, fdxOut, "--locked", base); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got := lockedLabels(t, fdxOut); slices.Contains(got, "2A") || got[2] != "3" {
		t.Errorf("a Fountain BASE's pages %v, want 1, 2, 3 …", got)
	}
}
