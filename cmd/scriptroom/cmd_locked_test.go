package main

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/fountain"
)

// lockedBase is a locked draft of three scenes; lockedNew cuts the second,
// adds one after the first and changes a line of the third.
const lockedBase = `INT. HOUSE - DAY

She waits by the window.

EXT. GARDEN - DAY

The roses are dead.

EXT. RIVER - NIGHT

The water is dark.
`

const lockedNew = `INT. HOUSE - DAY

She waits by the window.

INT. CELLAR - NIGHT

Something moves in the dark.

EXT. RIVER - NIGHT

The water is dark and cold.
`

func TestExportLockedFlags(t *testing.T) {
	dir := t.TempDir()
	base := writeFile(t, dir, "base.fountain", lockedBase)
	in := writeFile(t, dir, "in.fountain", lockedNew)
	out := filepath.Join(dir, "out.pdf")
	tests := []struct {
		name string
		args []string
		code int
		want string // in stderr
	}{
		{"set without locked", []string{"--set", "pink"}, exitUsage, "--set needs --locked BASE"},
		{"date without locked", []string{"--date", "2026-12-06"}, exitUsage, "--date needs --locked BASE"},
		{"revised pages without locked", []string{"--revised-pages-only"}, exitUsage, "--revised-pages-only needs --locked BASE"},
		{"bad date", []string{"--locked", base, "--date", "06/12/2026"}, exitUsage, `revision date must be written as YYYY-MM-DD, not "06/12/2026"`},
		{"no such day", []string{"--locked", base, "--date", "2026-02-30"}, exitUsage, "YYYY-MM-DD"},
		{"unknown colour", []string{"--locked", base, "--set", "mauve"}, exitUsage, `unknown revision colour "mauve": use one of White, Blue, Pink`},
		{"locked and base", []string{"--locked", base, "--base", base}, exitUsage, "--base cannot be used with --locked"},
		{"locked and colour", []string{"--locked", base, "--color", "blue"}, exitUsage, "--color cannot be used with --locked"},
		{"no locked file", []string{"--locked", filepath.Join(dir, "nope.fountain")}, exitError, "locked revision: " + filepath.Join(dir, "nope.fountain") + ": no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(append([]string{"export", in, out}, tt.args...)...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tt.code, tt.want)
			}
		})
	}
}

func TestExportLocked(t *testing.T) {
	dir := t.TempDir()
	base := writeFile(t, dir, "base.fountain", lockedBase)
	in := writeFile(t, dir, "in.fountain", lockedNew)
	out := filepath.Join(dir, "out.pdf")
	if code, _, stderr := runCLI("export", in, out, "--locked", base, "--set", "pink", "--date", "2026-12-06"); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	ps := exportText(t, out)
	if len(ps) != 1 {
		t.Fatalf("%d pages, want 1", len(ps))
	}
	p := strings.Join(strings.Fields(ps[0]), " ")
	for _, want := range []string{"Pink Rev. 12/06/26", "1 INT. HOUSE - DAY 1", "1A INT. CELLAR - NIGHT 1A *",
		"2 OMITTED 2 *", "3 EXT. RIVER - NIGHT 3", "The water is dark and cold. *"} {
		if !strings.Contains(p, want) {
			t.Errorf("no %q in\n%s", want, ps[0])
		}
	}
	if strings.Contains(p, "She waits by the window. *") {
		t.Errorf("an unchanged line is marked:\n%s", ps[0])
	}

	code, stdout, stderr := runCLI("stats", in, "--locked", base)
	if code != exitOK {
		t.Fatalf("stats: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"1 new, 1 omitted, 1 revised", "New scenes\n  1A  INT. CELLAR - NIGHT", "Omitted scenes\n  2  OMITTED",
		"Revised scenes\n  3  EXT. RIVER - NIGHT", "Revised pages\n  1"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stats has no %q:\n%s", want, stdout)
		}
	}

	code, stdout, stderr = runCLI("stats", in, "--locked", base, "--json")
	var rep lockedJSON
	if err := json.Unmarshal([]byte(stdout), &rep); code != exitOK || err != nil {
		t.Fatalf("stats --json: exit %d, %v: %s", code, err, stderr)
	}
	var got []string
	for _, sc := range rep.Scenes {
		got = append(got, sc.Number+" "+string(sc.Status))
	}
	if strings.Join(got, ", ") != "1 kept, 1A new, 2 omitted, 3 revised" || len(rep.Pages) != 1 || rep.Pages[0].Label != "1" || !rep.Pages[0].Revised {
		t.Errorf("stats --json: scenes %q, pages %+v", got, rep.Pages)
	}
}

// pdfPage is one page of a printed production draft as pdftotext reads it.
type pdfPage struct {
	label  string // the number in the header ("12A"); "" on page 1
	header bool   // it has the revision's header
	marked bool   // a line ends with the revision asterisk
	text   string
}

var pageNumberRe = regexp.MustCompile(`(\S+)\.\s*$`)

func readPages(t *testing.T, path string) []pdfPage {
	var out []pdfPage
	for _, p := range exportText(t, path) {
		lines := strings.Split(p, "\n")
		pg := pdfPage{text: p}
		for _, l := range lines {
			if strings.TrimSpace(l) != "" {
				if m := pageNumberRe.FindStringSubmatch(l); m != nil && strings.Contains(l, "   ") && len(strings.Fields(l)) <= 4 {
					pg.label = m[1]
				}
				pg.header = strings.Contains(l, "Blue Rev. 12/06/26")
				break
			}
		}
		for _, l := range lines {
			if strings.HasSuffix(strings.TrimRight(l, " "), " *") {
				pg.marked = true
			}
		}
		out = append(out, pg)
	}
	return out
}

// TestExportLockedBigFish prints Big Fish, edited, against its locked
// draft, whole and as revised pages only: the revised pages are exactly
// those with an asterisk or a new number (an A-page, a range), each with
// the revision's header, and the revised-pages printing holds those pages
// as the whole printing has them, after a cover that lists them.
func TestExportLockedBigFish(t *testing.T) {
	dir := t.TempDir()
	src := string(corpus.Read(t, "fountain", "samples", "big-fish.fountain"))
	base := writeFile(t, dir, "base.fountain", src)
	in := writeFile(t, dir, "in.fountain", editBigFish(t, src))
	full, rev := filepath.Join(dir, "full.pdf"), filepath.Join(dir, "revised.pdf")
	for _, args := range [][]string{
		{"export", in, full, "--locked", base, "--date", "2026-12-06"},
		{"export", in, rev, "--locked", base, "--date", "2026-12-06", "--revised-pages-only", "--set", "Blue"},
	} {
		if code, _, stderr := runCLI(args...); code != exitOK {
			t.Fatalf("%q: exit %d: %s", args, code, stderr)
		}
	}
	fullPages, revPages := readPages(t, full), readPages(t, rev)
	t.Logf("%d pages printed whole, %d revised only", len(fullPages), len(revPages))

	var want []string
	byLabel := map[string]pdfPage{}
	for _, p := range fullPages[1:] { // after the title page
		byLabel[p.label] = p
		isNew := strings.ContainsAny(p.label, "ABCDEFGHIJKLMNOPQRSTUVWXYZ-")
		if p.marked || isNew {
			want = append(want, p.label)
		}
		if p.header != (p.marked || isNew) {
			t.Errorf("page %s: header %v, asterisk %v", p.label, p.header, p.marked)
		}
	}
	if len(want) < 5 {
		t.Fatalf("only %d revised pages: %q", len(want), want)
	}
	var got []string
	for _, p := range revPages[1:] {
		got = append(got, p.label)
		if p.text != byLabel[p.label].text {
			t.Errorf("page %s differs from the whole printing's", p.label)
		}
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("revised pages printed %q, want %q", got, want)
	}
	cover := strings.Join(strings.Fields(revPages[0].text), " ")
	if !strings.Contains(cover, "BIG FISH") || !strings.Contains(cover, "Blue Rev. 12/06/26") ||
		!strings.Contains(cover, strings.Join(want, ", ")) {
		t.Errorf("cover:\n%s\nwant the title, the revision and %q", revPages[0].text, want)
	}
}

// editBigFish cuts scene 12, adds a scene after scene 16 and a long
// paragraph to scene 4, and cuts most of scene 30.
func editBigFish(t *testing.T, src string) string {
	s := fountain.Parse(src)
	sc := s.Scenes()
	lines := strings.Split(src, "\n")
	cut := func(from, to int, with ...string) { // 1-based [from, to)
		lines = append(lines[:from-1], append(with, lines[to-1:]...)...)
	}
	body := s.Elements[sc[29].Index+1 : sc[30].Index]
	cut(body[len(body)/4].Line, body[len(body)*4/5].Line)
	cut(sc[16].Line, sc[16].Line, "EXT. BLOOM HOUSE - ROOF - NIGHT", "", "Edward sits on the roof alone, watching the storm.", "")
	cut(sc[11].Line, sc[12].Line)
	cut(sc[3].Line+2, sc[3].Line+2, strings.Repeat("The waiters move between the tables as if nothing had happened. ", 12), "")
	return strings.Join(lines, "\n")
}
