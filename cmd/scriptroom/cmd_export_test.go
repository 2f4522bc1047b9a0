package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/fdx"
	"github.com/scriptroom/scriptroom/internal/screenplay"
)

// exportScript is a small script with a title page, two scenes and a
// dual-dialogue pair.
const exportScript = `Title: The Export
Author: Somebody

INT. HOUSE - DAY

She waits by the window.

BRICK
Screw retirement.

STEEL ^
Screw retirement too.

EXT. RIVER - NIGHT

The water is dark.
`

// exportText returns the text of a PDF's pages, as pdftotext -layout reads
// them, or skips the test when poppler-utils is missing (fails under CI).
func exportText(t *testing.T, path string) []string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is not installed (poppler-utils)")
		}
		t.Skip("pdftotext is not installed (poppler-utils)")
	}
	out, err := exec.Command(tool, "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Split(strings.TrimSuffix(string(out), "\f"), "\f")
}

// exportLeftovers returns the temporary files left in dir.
func exportLeftovers(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestExport(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in.fountain", exportScript)
	out := filepath.Join(dir, "out.pdf")
	code, stdout, stderr := runCLI("export", in, out)
	if code != exitOK || stdout != "" || stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	ps := exportText(t, out)
	if len(ps) != 2 {
		t.Fatalf("%d pages, want the title page and one page", len(ps))
	}
	for _, want := range []string{"THE EXPORT", "Somebody"} {
		if !strings.Contains(ps[0], want) {
			t.Errorf("title page has no %q:\n%s", want, ps[0])
		}
	}
	for _, want := range []string{"INT. HOUSE - DAY", "She waits by the window.", "BRICK", "STEEL", "The water is dark."} {
		if !strings.Contains(ps[1], want) {
			t.Errorf("page 1 has no %q:\n%s", want, ps[1])
		}
	}
	if strings.Contains(ps[1], "1 INT.") || strings.Contains(ps[1], "*") {
		t.Errorf("scene numbers or marks nobody asked for:\n%s", ps[1])
	}
	if left := exportLeftovers(t, dir); len(left) > 0 {
		t.Errorf("temporary files left: %q", left)
	}
}

func TestExportOptions(t *testing.T) {
	dir := t.TempDir()
	base := writeFile(t, dir, "base.fountain", exportScript)
	in := writeFile(t, dir, "in.fountain", strings.Replace(exportScript, "The water is dark.", "The water is dark and cold.", 1))
	tests := []struct {
		name    string
		args    []string
		page    int // the page to look at; 1 is the first after the title page
		want    []string
		notWant []string
	}{
		{"marks", []string{"--base", base}, 1, []string{"The water is dark and cold."}, []string{"Rev."}},
		{"colour", []string{"--color", "blue", "--base", base}, 1, []string{"Blue Rev."}, nil},
		{"double colour", []string{"--color", "Double Pink"}, 1, []string{"Double Pink Rev."}, nil},
		{"scene numbers", []string{"--scene-numbers"}, 1, []string{"1 INT. HOUSE - DAY 1", "2 EXT. RIVER - NIGHT 2"}, nil},
		{"header", []string{"--header", "Draft 3"}, 1, []string{"Draft 3"}, nil},
		{"flags before files", nil, 1, []string{"INT. HOUSE - DAY"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out.pdf")
			args := append([]string{"export", in, out}, tt.args...)
			if tt.args == nil {
				args = []string{"export", "--paper", "a4", in, out}
			}
			if code, _, stderr := runCLI(args...); code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			p := exportText(t, out)[tt.page]
			squeezed := strings.Join(strings.Fields(p), " ")
			for _, w := range tt.want {
				if !strings.Contains(squeezed, w) {
					t.Errorf("no %q:\n%s", w, p)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(p, w) {
					t.Errorf("%q:\n%s", w, p)
				}
			}
			// With --base, exactly the changed line has its asterisk.
			marked := 0
			for _, l := range strings.Split(p, "\n") {
				if strings.HasSuffix(strings.TrimRight(l, " "), "*") {
					marked++
					if !strings.Contains(l, "The water is dark and cold.") {
						t.Errorf("marked %q", l)
					}
				}
			}
			if hasBase := strings.Contains(strings.Join(tt.args, " "), "--base"); (marked == 1) != hasBase {
				t.Errorf("%d marked lines with --base %v", marked, hasBase)
			}
		})
	}
}

func TestExportA4(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in.fountain", exportScript)
	out := filepath.Join(dir, "out.pdf")
	if code, _, stderr := runCLI("export", in, out, "--paper", "A4"); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	tool, err := exec.LookPath("pdfinfo")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdfinfo is not installed (poppler-utils)")
		}
		t.Skip("pdfinfo is not installed (poppler-utils)")
	}
	info, err := exec.Command(tool, out).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(info), "595.28 x 841.89 pts (A4)") {
		t.Errorf("not A4:\n%s", info)
	}
}

func TestExportErrors(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in.fountain", exportScript)
	fdx := writeFile(t, dir, "in.fdx", "<FinalDraft><Content><Paragraph")
	bin := writeFile(t, dir, "bin.fountain", "INT.\x00HOUSE\n")
	old := writeFile(t, dir, "old.pdf", "an older PDF")
	tests := []struct {
		name     string
		args     []string
		code     int
		inStderr string
	}{
		// Usage errors: exit 2.
		{"no arguments", []string{"export"}, exitUsage, "want 2 file arguments"},
		{"one argument", []string{"export", in}, exitUsage, "want 2 file arguments"},
		{"unknown colour", []string{"export", in, old, "--color", "mauve"}, exitUsage, `not "mauve"`},
		{"unknown paper", []string{"export", in, old, "--paper", "legal"}, exitUsage, "--paper must be one of"},
		{"unknown flag", []string{"export", in, old, "--landscape"}, exitUsage, "landscape"},

		// Failures: exit 1, and OUT as it was.
		{"missing input", []string{"export", filepath.Join(dir, "none.fountain"), old}, exitError, "none.fountain"},
		{"missing base", []string{"export", in, old, "--base", filepath.Join(dir, "none.fountain")}, exitError, "base version"},
		{"binary input", []string{"export", bin, old}, exitError, "bin.fountain"},
		{"broken fdx input", []string{"export", fdx, old}, exitError, "in.fdx"},
		{"output folder missing", []string{"export", in, filepath.Join(dir, "no", "out.pdf")}, exitError, "out.pdf"},
		{"output is a folder", []string{"export", in, dir}, exitError, "write"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr %q", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.inStderr) {
				t.Errorf("stderr %q does not say %q", stderr, tt.inStderr)
			}
			if b, err := os.ReadFile(old); err != nil || string(b) != "an older PDF" {
				t.Errorf("the older PDF changed: %q, %v", b, err)
			}
			if left := exportLeftovers(t, dir); len(left) > 0 {
				t.Errorf("temporary files left: %q", left)
			}
		})
	}
}

// TestExportFromFDX: a Final Draft file prints like its Fountain text, and
// revision marks work against a Fountain base.
func TestExportFromFDX(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in.fountain", exportScript)
	fdxPath := filepath.Join(dir, "in.fdx")
	if code, _, stderr := runCLI("convert", in, fdxPath); code != exitOK {
		t.Fatalf("convert: exit %d: %s", code, stderr)
	}
	out := filepath.Join(dir, "out.pdf")
	base := writeFile(t, dir, "base.fountain", strings.Replace(exportScript, "The water is dark.", "The water is still.", 1))
	if code, _, stderr := runCLI("export", fdxPath, out, "--base", base); code != exitOK {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	ps := exportText(t, out)
	if len(ps) != 2 {
		t.Fatalf("%d pages, want the title page and one page", len(ps))
	}
	marked := 0
	for _, l := range strings.Split(ps[1], "\n") {
		if strings.HasSuffix(strings.TrimSpace(l), "*") {
			marked++
			if !strings.Contains(l, "The water is dark.") {
				t.Errorf("marked line %q did not change", l)
			}
		}
	}
	if marked != 1 || !strings.Contains(ps[1], "BRICK") {
		t.Fatalf("%d marked lines, want 1:\n%s", marked, ps[1])
	}
}

// TestExportMissingGlyph prints a script with a character no font can
// print (an emoji beyond the fonts' reach): the PDF is written all the same,
// and the warning on stderr names the character.
func TestExportMissingGlyph(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in.fountain", "INT. HOUSE - DAY\n\nShe smiles 😀 and leaves.\n")
	out := filepath.Join(dir, "out.pdf")
	code, stdout, stderr := runCLI("export", in, out)
	if code != exitOK || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "warning") || !strings.Contains(stderr, "U+1F600") {
		t.Errorf("stderr %q does not name the emoji", stderr)
	}
	if ps := exportText(t, out); len(ps) != 1 || !strings.Contains(ps[0], "She smiles") || !strings.Contains(ps[0], "and leaves.") {
		t.Errorf("pages %q", ps)
	}
}

// TestExportFDXLayout prints Final Draft files with their own page layout
// and element settings, and gets Final Draft's page counts: the multicam
// TV script (double-spaced dialogue 2.25"–6.0", bold scene headings) on
// 53 pages as in its Final Draft PDF, each starting with the same line (39
// pages with our defaults), the pilot with a cast page on 3 (title, cast
// list, script).
func TestExportFDXLayout(t *testing.T) {
	tests := []struct {
		fdx, pdf []string // the file and Final Draft's PDF of it
	}{
		{[]string{"fdx", "jumpcut", "mostly-genius.scrambled.fdx"}, []string{"peer-tests", "jumpcut", "corpus", "mostly-genius", "source", "sanitized-source.pdf"}},
		{[]string{"fdx", "jumpcut", "fdx-import", "title-page-cast-page.fdx"}, []string{"fdx", "jumpcut", "fdx-import", "title-page-cast-page-reference.pdf"}},
	}
	for _, tt := range tests {
		t.Run(tt.fdx[len(tt.fdx)-1], func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out.pdf")
			if code, _, stderr := runCLI("export", corpus.Path(t, tt.fdx...), out); code != exitOK {
				t.Fatalf("export: exit %d: %s", code, stderr)
			}
			ours, fd := exportText(t, out), exportText(t, corpus.Path(t, tt.pdf...))
			if len(ours) != len(fd) {
				t.Fatalf("%d pages, Final Draft printed %d", len(ours), len(fd))
			}
			// The multicam script's pages start where Final Draft's do.
			if strings.Contains(tt.fdx[len(tt.fdx)-1], "mostly-genius") {
				for i := range fd {
					if a, b := firstLine(ours[i]), firstLine(fd[i]); a != b {
						t.Errorf("page %d starts with %q, Final Draft's with %q", i+1, a, b)
					}
				}
			}
		})
	}
}

// firstLine is a page's first line of text, its page number left out.
func firstLine(page string) string {
	for _, l := range strings.Split(page, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && strings.Trim(l, "0123456789.") != "" {
			return l
		}
	}
	return ""
}

// TestFDXOptions turns a file's settings into pagination options.
func TestFDXOptions(t *testing.T) {
	if o := fdxOptions(nil); o.Style != nil {
		t.Errorf("options without a layout: %+v", o)
	}
	o := fdxOptions(&fdx.Layout{PageWidth: 8.5, PageHeight: 11, TopMargin: 0.5, BottomMargin: 1.5, Continueds: true,
		Elements: map[string]fdx.ElementLayout{
			"Scene Heading": {Left: 1.5, Right: 7.5, SpaceBefore: 24, Spacing: 1, Bold: true, Underline: true, AllCaps: true},
			"Dialogue":      {Left: 2.25, Right: 6, Spacing: 2},
		}})
	st := o.Style
	if o.Paper != screenplay.Letter || st == nil || st.Top != 0.5 || st.Bottom != 1.5 {
		t.Fatalf("paper %+v, style %+v", o.Paper, st)
	}
	if h := st.SceneHeading; !h.Bold || !h.Underline || !h.Caps || h.Before != 2 {
		t.Errorf("scene heading %+v", h)
	}
	if d := st.Dialogue; d.Left != 2.25 || d.Right != 6 || d.Spacing != 2 || d.Bold {
		t.Errorf("dialogue %+v", d)
	}
	if a := st.Action; a != screenplay.FinalDraftStyle().Action {
		t.Errorf("action, which the file leaves out, is %+v", a)
	}
}
