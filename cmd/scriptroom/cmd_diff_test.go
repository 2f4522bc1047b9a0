package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/diff"
)

// runCLI runs the command line in process and returns its exit code and
// outputs.
func runCLI(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDiffExitCodes(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.fountain", "INT. HOUSE - DAY\n\nShe waits.\n")
	b := writeFile(t, dir, "b.fountain", "INT. HOUSE - DAY\n\nShe waits, still.\n")
	bin := writeFile(t, dir, "bin.fountain", "INT.\x00HOUSE\n")
	tests := []struct {
		name     string
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		// Results, as diff(1) gives them.
		{"equal", []string{"diff", a, a}, 0, "", ""},
		{"equal json", []string{"diff", a, a, "--format", "json"}, 0, `"equal": 3`, ""},
		{"different", []string{"diff", a, b}, 1, "+She waits, still.", ""},
		{"flag before files", []string{"diff", "--format=stat", a, b}, 1, "1 changed", ""},
		// Trouble.
		{"no files", []string{"diff"}, 2, "", "want 2 file arguments, got 0"},
		{"three files", []string{"diff", a, b, a}, 2, "", "want 2 file arguments, got 3"},
		{"bad format", []string{"diff", a, b, "--format", "html"}, 2, "", `not "html"`},
		{"unknown flag", []string{"diff", a, b, "--colour"}, 2, "", "colour"},
		{"negative context", []string{"diff", a, b, "-U", "-1"}, 2, "", "-U must not be negative"},
		{"missing file", []string{"diff", a, filepath.Join(dir, "gone.fountain")}, 2, "", "gone.fountain"},
		{"directory", []string{"diff", dir, a}, 2, "", "is a directory"},
		{"binary", []string{"diff", a, bin}, 2, "", "bin.fountain: is a binary file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errOut)
			}
			if !strings.Contains(out, tt.inStdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.inStdout, out)
			}
			if !strings.Contains(errOut, tt.inStderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.inStderr, errOut)
			}
		})
	}
}

func TestUnknownCommand(t *testing.T) {
	code, _, errOut := runCLI("frobnicate")
	if code != exitUsage || !strings.Contains(errOut, `unknown command "frobnicate"`) {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if code, out, _ := runCLI("help"); code != 0 || !strings.Contains(out, "scriptroom diff A B") {
		t.Fatalf("help: exit %d, %q", code, out)
	}
}

// TestDiffFormats checks each format against the diff package's own result
// on a small script with one scene moved and one speech reassigned.
func TestDiffFormats(t *testing.T) {
	dir := t.TempDir()
	old := "INT. KITCHEN - DAY\n\nAnna cuts bread.\n\nANNA\nThe ferry leaves at nine tonight.\n\nEXT. PIER - NIGHT\n\nFog over the water.\n\nBEN\nWe will never make it.\n"
	neu := "EXT. PIER - NIGHT\n\nFog over the water.\n\nBEN\nWe will never make it.\n\nINT. KITCHEN - DAY\n\nAnna cuts bread.\n\nBEN\nThe ferry leaves at nine tonight.\n"
	a := writeFile(t, dir, "old.fountain", old)
	b := writeFile(t, dir, "new.fountain", neu)

	code, out, errOut := runCLI("diff", a, b, "--format", "json")
	if code != 1 {
		t.Fatalf("json: exit %d: %s", code, errOut)
	}
	var got diff.Result
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("json output does not decode: %v", err)
	}
	want := diff.Compare(old, neu, diff.Options{})
	if got.Stats != want.Stats || len(got.Rows) != len(want.Rows) || got.Summary == nil {
		t.Fatalf("json stats %+v rows %d, want %+v rows %d", got.Stats, len(got.Rows), want.Stats, len(want.Rows))
	}
	if got.Summary.Count(diff.SceneMoved) != 1 || len(got.Summary.Reassigned) != 1 {
		t.Fatalf("json summary: %+v", got.Summary)
	}

	_, out, _ = runCLI("diff", a, b, "--format", "scenes")
	for _, s := range []string{"2 scenes → 2 scenes", "moved", "reassigned ANNA → BEN"} {
		if !strings.Contains(out, s) {
			t.Errorf("scenes output lacks %q:\n%s", s, out)
		}
	}
	_, out, _ = runCLI("diff", a, b, "--format", "stat")
	if !strings.Contains(out, "old.fountain => ") || !strings.Contains(out, "1 moved") {
		t.Errorf("stat output:\n%s", out)
	}
	_, out, _ = runCLI("diff", a, b, "-U", "0")
	if !strings.Contains(out, "@@ ") || strings.Contains(out, "\n ") {
		t.Errorf("-U 0 printed no hunk or context lines:\n%s", out)
	}
}

// TestDiffPatchRebuilds: every unified diff the CLI prints for the corpus
// pairs applies with GNU patch and rebuilds the newer file byte for byte.
func TestDiffPatchRebuilds(t *testing.T) {
	patch, err := exec.LookPath("patch")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("GNU patch is not installed; CI must have it")
		}
		t.Skip("GNU patch is not installed; skipping")
	}
	pairs := [][2][]string{
		{{"fountain", "variants", "big-fish.betterfountain-crlf.fountain"}, {"fountain", "samples", "big-fish.fountain"}},
		{{"fountain", "variants", "big-fish.fountainjs-latin1.fountain"}, {"fountain", "samples", "big-fish.fountain"}},
		{{"fountain", "variants", "big-fish.nyousefi-curly-quotes.fountain"}, {"fountain", "samples", "big-fish.fountain"}},
		{{"fountain", "variants", "brick-and-steel.afterwriting-crlf.fountain"}, {"fountain", "samples", "brick-and-steel.fountain"}},
		{{"fdx", "rsdoiel", "sample-03.fountain"}, {"versions", "rsdoiel-samples", "sample-03.fountain-repo.fountain"}},
		{{"fountain", "samples", "big-fish.fountain"}, {"fountain", "other", "gumshoe.scrambled.fountain"}},
	}
	chainDir := corpus.Path(t, "versions", "beat-big-fish")
	entries, err := os.ReadDir(chainDir)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(entries); i++ {
		pairs = append(pairs, [2][]string{
			{"versions", "beat-big-fish", entries[i].Name()},
			{"versions", "beat-big-fish", entries[i+1].Name()},
		})
	}
	dir := t.TempDir()
	for _, p := range pairs {
		t.Run(p[0][len(p[0])-1]+"->"+p[1][len(p[1])-1], func(t *testing.T) {
			older, newer := corpus.Path(t, p[0]...), corpus.Path(t, p[1]...)
			code, u, errOut := runCLI("diff", older, newer)
			if code != 1 {
				t.Fatalf("exit %d, want 1 (different): %s", code, errOut)
			}
			out := filepath.Join(dir, "rebuilt")
			os.Remove(out)
			cmd := exec.Command(patch, "--batch", "--silent", "-o", out, older)
			cmd.Stdin = strings.NewReader(u)
			if msg, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("patch failed: %v\n%s", err, msg)
			}
			got, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := os.ReadFile(newer)
			if !bytes.Equal(got, want) {
				t.Fatalf("patch rebuilt %d bytes, want the newer file's %d, byte for byte", len(got), len(want))
			}
		})
	}
}

// TestDiffIgnoreAndNotices: --ignore keeps notes, boneyard and white space
// out of the scene summary and the stat; a bad --ignore word or --ignore
// with the unified format is a usage error naming it; a CRLF copy compares
// as the same text with one notice on stderr.
func TestDiffIgnoreAndNotices(t *testing.T) {
	dir := t.TempDir()
	old := "INT. KITCHEN - DAY\n\nAnna cuts bread.\n\nANNA\nThe ferry leaves at nine tonight.\n"
	neu := "INT. KITCHEN - DAY [[check the set]]\n\nAnna cuts  bread.\n\nANNA\nThe ferry leaves at nine tonight.\n\n/* Beat metadata\n{}\n*/\n"
	a := writeFile(t, dir, "old.fountain", old)
	b := writeFile(t, dir, "new.fountain", neu)
	crlf := writeFile(t, dir, "crlf.fountain", strings.ReplaceAll(old, "\n", "\r\n"))

	_, out, _ := runCLI("diff", a, b, "--format", "scenes")
	if !strings.Contains(out, "1 scenes → 1 scenes, 0 unchanged") {
		t.Fatalf("without --ignore the noise should change the scene:\n%s", out)
	}
	code, out, errOut := runCLI("diff", a, b, "--format", "scenes", "--ignore", "notes,boneyard,whitespace")
	if code != 1 || !strings.Contains(out, "1 scenes → 1 scenes, 1 unchanged") {
		t.Fatalf("--ignore: exit %d, stderr %q, output:\n%s", code, errOut, out)
	}
	_, out, _ = runCLI("diff", a, b, "--format", "stat", "--ignore", "notes,boneyard,whitespace")
	if !strings.Contains(out, " 0 lines inserted, 0 deleted, 0 changed") {
		t.Fatalf("--ignore stat:\n%s", out)
	}
	code, _, errOut = runCLI("diff", a, b, "--format", "stat", "--ignore", "notes,bonyard")
	if code != 2 || !strings.Contains(errOut, `"bonyard"`) {
		t.Fatalf("bad --ignore: exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = runCLI("diff", a, b, "--ignore", "notes")
	if code != 2 || !strings.Contains(errOut, "unified") {
		t.Fatalf("--ignore with unified: exit %d, stderr %q", code, errOut)
	}

	code, out, errOut = runCLI("diff", a, crlf, "--format", "stat")
	if code != 1 || !strings.Contains(out, " 0 lines inserted, 0 deleted, 0 changed") || strings.Count(errOut, "Line endings differ") != 1 {
		t.Fatalf("CRLF copy: exit %d, stderr %q, output:\n%s", code, errOut, out)
	}
	_, _, errOut = runCLI("diff", a, crlf)
	if !strings.Contains(errOut, "line endings differ (LF in") {
		t.Fatalf("unified CRLF copy: stderr %q", errOut)
	}
}
