package diff

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
)

// TestView: a comparison packed for the compare view gives back its rows
// exactly, sends each unchanged line once, and is smaller as JSON.
func TestView(t *testing.T) {
	a := string(corpus.Read(t, "fountain", "samples", "big-fish.fountain"))
	b := editFraction(a, 0.05, 7)
	crlf := strings.ReplaceAll(a, "\n", "\r\n")
	cases := []struct {
		name string
		a, b string
		opts Options
		own  bool // some equal row has texts that differ
	}{
		// Real scripts.
		{"feature, scattered edits", a, b, Options{}, false},
		{"feature, notes ignored", a, b, Options{Ignore: Ignore{Notes: true, Whitespace: true}}, false},
		// What is ignored: equal rows whose texts differ (one a blank line), rows left out.
		{"white space ignored", "INT. A\n\n   \nHe  waits.\n", "INT. A\n\n\nHe waits.\n", Options{Ignore: Ignore{Whitespace: true}}, true},
		{"a note ignored", "INT. A [[n]]\n\nHe waits.\n", "INT. A\n\nHe waits. [[m]]\n", Options{Ignore: Ignore{Notes: true}}, false},
		{"same text", a, a, Options{}, false},
		// Line endings and the last line.
		{"CRLF against LF", crlf, a, Options{}, false},
		{"one line's ending changed", "INT. A\n\nx\r\ny\n", "INT. A\n\nx\ny\n", Options{}, false},
		{"no final newline on one side", "INT. A\n\nx\ny", "INT. A\n\nx\ny\n", Options{}, false},
		{"no final newline on both", "x\ny", "x\ny", Options{}, false},
		// Empty sides.
		{"from nothing", "", "INT. A\n\nHe waits.\n", Options{}, false},
		{"to nothing", "INT. A\n\nHe waits.\n", "", Options{}, false},
		{"both empty", "", "", Options{}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Compare(c.a, c.b, c.opts)
			checkView(t, r)
			checkCompareView(t, c.a, c.b, c.opts)
			v := r.View()
			if len(v.Left) != len(SplitLines(c.a)) || len(v.Right) != len(SplitLines(c.b)) {
				t.Fatalf("view has %d and %d lines, want %d and %d", len(v.Left), len(v.Right), len(SplitLines(c.a)), len(SplitLines(c.b)))
			}
			own := false
			for _, row := range r.Rows {
				if row.Kind == RowEqual && row.RightText == row.LeftText && v.Right[row.RightLine-1] != "" {
					t.Fatalf("unchanged right line %d is sent again", row.RightLine)
				}
				own = own || row.Kind == RowEqual && row.RightText != row.LeftText
			}
			if c.own && !own {
				t.Fatal("no equal row with texts that differ: the case tests nothing")
			}
		})
	}

	// A feature with scattered edits: the view takes less than half of what
	// the rows alone took (changes and the scene summary go as before).
	r := Compare(a, b, Options{})
	rows, err := json.Marshal(r.Rows)
	if err != nil {
		t.Fatal(err)
	}
	view, err := json.Marshal(r.View())
	if err != nil {
		t.Fatal(err)
	}
	if len(view)*2 > len(rows) {
		t.Errorf("the view takes %d bytes, the rows alone %d", len(view), len(rows))
	}
}

// BenchmarkViewFeature packs a comparison of two revisions of a feature for
// the compare view and encodes it as the view receives it; reports the bytes
// sent, and the bytes the rows alone took before.
func BenchmarkViewFeature(b *testing.B) {
	a := string(corpus.Read(b, "fountain", "samples", "big-fish.fountain"))
	c := editFraction(a, 0.05, 7)
	r := Compare(a, c, Options{})
	rows, err := json.Marshal(r.Rows)
	if err != nil {
		b.Fatal(err)
	}
	var n int
	b.ReportAllocs()
	for b.Loop() {
		out, err := json.Marshal(r.View())
		if err != nil {
			b.Fatal(err)
		}
		n = len(out)
	}
	b.ReportMetric(float64(n), "bytes")
	b.ReportMetric(float64(len(rows)), "rows-bytes")
}

// viewExamples are the comparisons of testdata/view-examples.json, which the
// page's rebuilding of rows is tested on (frontend/src/lib/api/packed.test.ts).
var viewExamples = []struct {
	name string
	a, b string
	opts Options
}{
	{"every kind of row",
		"Title: Door\n\nINT. HOUSE - DAY\n\nMara opens the door.\nThe hinge creaks.\n\nMARA\nHello there.\n\nShe leaves.\nCUT TO:\n",
		"Title: Door\n\nINT. HOUSE - DAY\n\nMara slams the door.\n\nMARA\nHello there.\n\nEXT. GARDEN - NIGHT\n\nCrickets.",
		Options{}},
	{"white space ignored",
		"INT. HOUSE - DAY\n\n   \nMara  opens the door. [[why?]]\n\nMARA\nHi.\n",
		"INT. HOUSE - DAY\n\n\nMara opens the door.\n\nMARA\nHi.\r\n",
		Options{Ignore: Ignore{Whitespace: true, Notes: true}}},
}

// TestViewExamples keeps testdata/view-examples.json (rewrite with -update):
// each example's packed view and the rows it stands for, as JSON.
func TestViewExamples(t *testing.T) {
	type example struct {
		Name string `json:"name"`
		View *View  `json:"view"`
		Rows []Row  `json:"rows"`
	}
	var all []example
	for _, e := range viewExamples {
		r := Compare(e.a, e.b, e.opts)
		checkRows(t, e.a, e.b, r)
		all = append(all, example{e.name, r.View(), r.Rows})
	}
	got, err := json.MarshalIndent(all, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "view-examples.json")
	if *update {
		if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s (run with -update to create it): %v", path, err)
	}
	if string(want) != string(got)+"\n" {
		t.Fatalf("%s is stale: run go test ./internal/diff -run TestViewExamples -update", path)
	}
}
