package screenplay

import (
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/fountain"
)

func TestAnalyze(t *testing.T) {
	src := "INT. ONE - DAY #7#\n\nBOB\nHi.\n\nALICE\nHello.\n\nBOB\nBye.\n\nBOB\nNo.\n\nALICE ^\nYes.\n\n" +
		"===\n\nEXT. TWO - NIGHT\n\n" + strings.Repeat("Line of action.\n\n", 20) + "EXT. THREE - DAY\n\nEnd.\n"
	s := fountain.Parse(src)
	doc := Paginate(s, Options{})
	r := Analyze(s, doc)

	// Pages and scenes.
	if r.Pages != 2 || len(doc.Pages) != 2 {
		t.Fatalf("%d pages, want 2", r.Pages)
	}
	type sc struct {
		number, heading string
		page, eighths   int
	}
	want := []sc{
		{"7", "INT. ONE - DAY", 1, 8},  // runs to the page break: a whole page
		{"", "EXT. TWO - NIGHT", 2, 6}, // 43 rows of 54
		{"", "EXT. THREE - DAY", 2, 1},
	}
	if len(r.Scenes) != len(want) {
		t.Fatalf("scenes %+v", r.Scenes)
	}
	for i, w := range want {
		g := r.Scenes[i]
		if g.Index != i+1 || g.Number != w.number || g.Heading != w.heading || g.Page != w.page || g.Eighths != w.eighths {
			t.Errorf("scene %d = %+v, want %+v", i+1, g, w)
		}
	}
	// Characters by speeches, dual dialogue counted for both speakers.
	if len(r.Characters) != 2 || r.Characters[0].Name != "BOB" || r.Characters[0].Speeches != 3 ||
		r.Characters[1].Name != "ALICE" || r.Characters[1].Speeches != 2 {
		t.Errorf("characters %+v", r.Characters)
	}
	// Running time: a page a minute.
	if r.Minutes != 2 {
		t.Errorf("%d minutes, want 2", r.Minutes)
	}
	// Numbering on: every scene gets a number, given numbers are kept.
	r = Analyze(s, Paginate(s, Options{SceneNumbers: true}))
	if got := []string{r.Scenes[0].Number, r.Scenes[1].Number, r.Scenes[2].Number}; strings.Join(got, ",") != "7,2,3" {
		t.Errorf("numbers %v, want 7,2,3", got)
	}
}

func TestAnalyzeEmpty(t *testing.T) {
	s := fountain.Parse("")
	r := Analyze(s, Paginate(s, Options{}))
	if r.Pages != 0 || r.Minutes != 0 || len(r.Scenes) != 0 || len(r.Characters) != 0 {
		t.Errorf("empty script: %+v", r)
	}
}

func TestFormatEighths(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{{0, "0"}, {1, "1/8"}, {7, "7/8"}, {8, "1"}, {11, "1 3/8"}, {24, "3"}} {
		if got := FormatEighths(tt.n); got != tt.want {
			t.Errorf("FormatEighths(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
