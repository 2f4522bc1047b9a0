package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/textfile"
)

const parseSample = `Title: Small
Author: Someone

# Act One

INT. HOUSE - DAY #1A#

She waits.

BOB (V.O.)
Hello?

ALICE ^
(quietly)
Hi.
`

func TestParseExitCodes(t *testing.T) {
	dir := t.TempDir()
	ok := writeFile(t, dir, "ok.fountain", parseSample)
	bin := writeFile(t, dir, "bin.fountain", "INT.\x00HOUSE\n")
	missing := dir + "/missing.fountain"
	tests := []struct {
		name     string
		args     []string
		code     int
		inStderr string
	}{
		// Usage errors.
		{"no file", []string{"parse"}, exitUsage, "want 1 file arguments"},
		{"two files", []string{"parse", ok, ok}, exitUsage, "want 1 file arguments"},
		{"unknown flag", []string{"parse", ok, "--xml"}, exitUsage, "xml"},

		// Files that cannot be read.
		{"missing file", []string{"parse", missing}, exitError, "missing.fountain"},
		{"binary file", []string{"parse", bin}, exitError, "bin.fountain"},

		// Success, with the flag before or after the file.
		{"listing", []string{"parse", ok}, exitOK, ""},
		{"json after", []string{"parse", ok, "--json"}, exitOK, ""},
		{"json before", []string{"parse", "--json", ok}, exitOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.code, stderr)
			}
			if tt.inStderr != "" && !strings.Contains(stderr, tt.inStderr) {
				t.Errorf("stderr %q does not mention %q", stderr, tt.inStderr)
			}
			if tt.inStderr == "" && stderr != "" {
				t.Errorf("unexpected stderr %q", stderr)
			}
		})
	}
}

// parseJSON is the shape `parse --json` promises, decoded loosely so that a
// renamed field shows up as a missing one.
type parseJSON struct {
	TitlePage []map[string]any `json:"title_page"`
	Elements  []map[string]any `json:"elements"`
}

func TestParseJSONShape(t *testing.T) {
	p := writeFile(t, t.TempDir(), "s.fountain", parseSample)
	code, stdout, stderr := runCLI("parse", p, "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got parseJSON
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout)
	}
	wantTitle := []map[string]any{{"key": "Title", "value": "Small"}, {"key": "Author", "value": "Someone"}}
	if len(got.TitlePage) != len(wantTitle) {
		t.Fatalf("title page %v, want %v", got.TitlePage, wantTitle)
	}
	for i, w := range wantTitle {
		for k, v := range w {
			if got.TitlePage[i][k] != v {
				t.Errorf("title field %d %s = %v, want %v", i, k, got.TitlePage[i][k], v)
			}
		}
	}
	// JSON numbers decode as float64.
	want := []map[string]any{
		{"type": "section", "text": "Act One", "line": 4.0, "depth": 1.0},
		{"type": "scene_heading", "text": "INT. HOUSE - DAY", "line": 6.0, "scene_number": "1A"},
		{"type": "action", "text": "She waits.", "line": 8.0},
		{"type": "character", "text": "BOB", "line": 10.0, "extension": "V.O."},
		{"type": "dialogue", "text": "Hello?", "line": 11.0},
		{"type": "character", "text": "ALICE", "line": 13.0, "dual": true},
		{"type": "parenthetical", "text": "(quietly)", "line": 14.0, "dual": true},
		{"type": "dialogue", "text": "Hi.", "line": 15.0, "dual": true},
	}
	if len(got.Elements) != len(want) {
		t.Fatalf("%d elements, want %d:\n%s", len(got.Elements), len(want), stdout)
	}
	for i, w := range want {
		for k, v := range w {
			if got.Elements[i][k] != v {
				t.Errorf("element %d %s = %v, want %v", i, k, got.Elements[i][k], v)
			}
		}
		// Fields that do not apply are left out.
		for _, k := range []string{"scene_number", "extension", "depth", "dual"} {
			if _, ok := w[k]; !ok {
				if _, has := got.Elements[i][k]; has {
					t.Errorf("element %d has %s, which does not apply", i, k)
				}
			}
		}
	}
}

func TestParseListing(t *testing.T) {
	p := writeFile(t, t.TempDir(), "s.fountain", parseSample)
	code, stdout, stderr := runCLI("parse", p)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"Title: Small\n",
		"    6  scene_heading  INT. HOUSE - DAY  #1A#\n",
		"   10  character      BOB  (V.O.)\n",
		"   13  character      ALICE  ^\n",
		"   14  parenthetical  (quietly)\n",
		"    4  section        Act One  [depth 1]\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("listing lacks %q:\n%s", want, stdout)
		}
	}
}

// TestParseCorpus parses real scripts (one with CRLF line endings) and checks
// that the JSON decodes back to as many elements as fountain.Parse gives for
// the same decoded text.
func TestParseCorpus(t *testing.T) {
	for _, name := range []string{"big-fish.fountain", "brick-and-steel.fountain"} {
		t.Run(name, func(t *testing.T) {
			p := corpus.Path(t, "fountain", "samples", name)
			code, stdout, stderr := runCLI("parse", "--json", p)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			var got fountain.Script
			if err := json.Unmarshal([]byte(stdout), &got); err != nil {
				t.Fatalf("output is not JSON: %v", err)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			r, err := textfile.Decode(b)
			if err != nil {
				t.Fatal(err)
			}
			want := fountain.Parse(r.Text)
			if len(got.Elements) != len(want.Elements) || len(got.Elements) < 50 {
				t.Fatalf("%d elements in the JSON, fountain.Parse gives %d", len(got.Elements), len(want.Elements))
			}
			for i := range want.Elements {
				if got.Elements[i] != want.Elements[i] {
					t.Fatalf("element %d: JSON %+v, Parse %+v", i, got.Elements[i], want.Elements[i])
				}
			}
			if len(got.TitlePage) != len(want.TitlePage) || len(got.TitlePage) == 0 {
				t.Errorf("title page: %d fields in the JSON, %d from Parse", len(got.TitlePage), len(want.TitlePage))
			}
		})
	}
}
