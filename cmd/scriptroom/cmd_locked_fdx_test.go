package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/fdx"
	"github.com/scriptroom/scriptroom/internal/fountain"
)

// TestExportLockedFDX writes a production draft as Final Draft and reads
// it back: scene numbers, the set, the revised text and the locked page.
func TestExportLockedFDX(t *testing.T) {
	dir := t.TempDir()
	base := writeFile(t, dir, "base.fountain", lockedBase)
	in := writeFile(t, dir, "in.fountain", lockedNew)
	out := filepath.Join(dir, "out.fdx")
	code, _, stderr := runCLI("export", in, out, "--locked", base, "--set", "pink", "--date", "2026-12-06")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "no revision date") {
		t.Errorf("no warning that the date is not kept: %q", stderr)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	s, rep, err := fdx.Read(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	text := fountain.Write(s)
	for _, want := range []string{"INT. CELLAR - NIGHT #1A#", "OMITTED #2#", "EXT. RIVER - NIGHT #3#"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in\n%s", want, text)
		}
	}
	p := rep.Production
	if p == nil {
		t.Fatalf("no production draft: %s", rep)
	}
	if a := p.Sets[p.Active-1]; a.Color != "Pink" || a.Name != "Pink" {
		t.Errorf("active set %+v, want Pink", a)
	}
	var revised []string
	for _, r := range p.Revised {
		txt := []rune(s.Elements[r.Element].Text)
		if r.End < 0 {
			r.End = len(txt)
		}
		revised = append(revised, string(txt[r.Start:r.End]))
	}
	if got := strings.Join(revised, "|"); got != "INT. CELLAR - NIGHT|Something moves in the dark.|OMITTED| and cold" {
		t.Errorf("revised text %q", got)
	}
	if len(p.LockedPages) != 1 || p.LockedPages[0].Label != "1" {
		t.Errorf("locked pages %+v, want page 1", p.LockedPages)
	}
}

func TestExportFDXFlags(t *testing.T) {
	dir := t.TempDir()
	base := writeFile(t, dir, "base.fountain", lockedBase)
	in := writeFile(t, dir, "in.fountain", lockedNew)
	out := filepath.Join(dir, "out.fdx")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{nil, `use "scriptroom convert"`},
		{[]string{"--locked", base, "--revised-pages-only"}, "a Final Draft file always holds the whole script"},
	} {
		code, _, stderr := runCLI(append([]string{"export", in, out}, tt.args...)...)
		if code != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%q: exit %d, stderr %q; want usage error %q", tt.args, code, stderr, tt.want)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("%s written after a usage error", out)
	}
}
