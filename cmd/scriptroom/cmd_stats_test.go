package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/screenplay"
)

const statsScript = `Title: Stats

INT. KITCHEN - NIGHT

Mary pours tea.

MARY
I never wanted this house.

BOB
Then leave.

MARY
I will.

EXT. ROAD - DAY

She walks.
`

func TestStatsExitCodes(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "a.fountain", statsScript)
	tests := []struct {
		name string
		args []string
		code int
		err  string // in stderr
	}{
		// Success.
		{"text", []string{"stats", good}, exitOK, ""},
		{"json after the file", []string{"stats", good, "--json"}, exitOK, ""},
		{"a4", []string{"stats", "--paper", "a4", good}, exitOK, ""},
		// Usage errors.
		{"no file", []string{"stats"}, exitUsage, "want 1 file arguments"},
		{"two files", []string{"stats", good, good}, exitUsage, "want 1 file arguments"},
		{"bad paper", []string{"stats", good, "--paper", "b5"}, exitUsage, "--paper must be one of"},
		{"unknown flag", []string{"stats", good, "--pages"}, exitUsage, "not defined"},
		// Work errors.
		{"missing file", []string{"stats", dir + "/none.fountain"}, exitError, "none.fountain"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.err) {
				t.Errorf("stderr %q does not say %q", stderr, tt.err)
			}
		})
	}
}

func TestStatsText(t *testing.T) {
	p := writeFile(t, t.TempDir(), "kitchen.fountain", statsScript)
	code, out, stderr := runCLI("stats", p)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"kitchen.fountain: 1 page (letter), 2 scenes, 2 speaking characters, running time about 1 minute",
		"INT. KITCHEN - NIGHT", "EXT. ROAD - DAY",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// MARY (2 speeches) is listed before BOB (1).
	if m, b := strings.Index(out, "MARY"), strings.Index(out, "BOB"); m < 0 || b < 0 || m > b {
		t.Errorf("characters not sorted by speeches:\n%s", out)
	}
}

// TestStatsJSONMatchesAnalyze checks stats --json on Big Fish against the
// library's own report, on both papers.
func TestStatsJSONMatchesAnalyze(t *testing.T) {
	path := corpus.Path(t, "fountain", "samples", "big-fish.fountain")
	s := fountain.Parse(string(corpus.Read(t, "fountain", "samples", "big-fish.fountain")))
	pages := map[string]int{}
	for _, paper := range []screenplay.Paper{screenplay.Letter, screenplay.A4} {
		code, out, stderr := runCLI("stats", path, "--json", "--paper", paper.Name)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var got statsJSON
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("stats --json is not JSON: %v", err)
		}
		want := screenplay.Analyze(s, screenplay.Paginate(s, screenplay.Options{Paper: paper}))
		if got.Paper != paper.Name || got.Pages != want.Pages || len(got.Scenes) != len(want.Scenes) ||
			len(got.Characters) != len(want.Characters) || got.Minutes != want.Minutes {
			t.Errorf("%s: got %d pages, %d scenes, %d characters, %d minutes; want %d, %d, %d, %d", paper.Name,
				got.Pages, len(got.Scenes), len(got.Characters), got.Minutes, want.Pages, len(want.Scenes), len(want.Characters), want.Minutes)
		}
		if len(got.Characters) == 0 || got.Characters[0] != want.Characters[0] {
			t.Errorf("%s: first character %+v, want %+v", paper.Name, got.Characters, want.Characters[:1])
		}
		pages[paper.Name] = got.Pages
	}
	// A4 is taller: Big Fish takes fewer pages on it.
	if pages["a4"] >= pages["letter"] {
		t.Errorf("A4 %d pages, Letter %d: want fewer on A4", pages["a4"], pages["letter"])
	}
}
