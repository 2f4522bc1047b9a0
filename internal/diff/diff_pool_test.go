package diff

import (
	"encoding/json"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
)

// A comparison reuses arrays between calls (sync.Pools): what one returns
// must stay as it was while later comparisons, on this goroutine and on
// others at once, reuse those arrays for other texts.
func TestResultsOutliveReusedArrays(t *testing.T) {
	a := string(corpus.Read(t, "fountain", "samples", "big-fish.fountain"))
	b := editFraction(a, 0.05, 1)
	snapshot := func(v any) string {
		j, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(j)
	}
	r := Compare(a, b, Options{})
	v := CompareView(a, b, Options{})
	wantR, wantV, wantRV := snapshot(r), snapshot(v), snapshot(r.View())

	others := []string{editFraction(a, 0.3, 2), editFraction(a, 0.01, 3), "INT. HOUSE - DAY\n\nNothing else.\n", a[:len(a)/3]}
	// On this goroutine first: the pools hand back the arrays just put.
	for i, x := range others {
		Compare(x, others[(i+1)%len(others)], Options{})
		CompareView(x, a, Options{})
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 6; i++ {
				x, y := others[(g+i)%len(others)], others[(g+i+1)%len(others)]
				Compare(x, y, Options{})
				CompareView(y, x, Options{Ignore: Ignore{Notes: true, Whitespace: true}})
			}
		}(g)
	}
	wg.Wait()
	// Right, not only unchanged: the arrays a comparison puts back are
	// cleared, so a result that shared one would have lost its contents.
	check := func(what string, r *Result, v *View) {
		if got, err := applyEdits(a, b, r.Edits); err != nil || got != b {
			t.Errorf("%s: the edit script does not rebuild the new text (%v)", what, err)
		}
		la, lb := plainLines(a), plainLines(b)
		for i, row := range r.Rows {
			if row.LeftLine > 0 && row.LeftText != la[row.LeftLine-1] || row.RightLine > 0 && row.RightText != lb[row.RightLine-1] {
				t.Errorf("%s: row %d holds %q | %q, not its lines", what, i, row.LeftText, row.RightText)
				break
			}
		}
		// A view sends an unchanged line once, on the left.
		if !reflect.DeepEqual(v.Left, la) {
			t.Errorf("%s: the view's left lines are not the old text's", what)
		}
		changed := 0
		for i, l := range v.Right {
			if l != "" && l != lb[i] {
				t.Errorf("%s: the view's right line %d is %q, not %q", what, i+1, l, lb[i])
				break
			}
			if l != "" {
				changed++
			}
		}
		if changed == 0 {
			t.Errorf("%s: the view has no right lines", what)
		}
	}
	check("Compare", r, r.View())
	check("CompareView", r, v)
	if snapshot(r) != wantR {
		t.Error("a Result changed after later comparisons")
	}
	if snapshot(v) != wantV {
		t.Error("a View changed after later comparisons")
	}
	if snapshot(r.View()) != wantRV {
		t.Error("a Result's View changed after later comparisons")
	}
}

// plainLines are text's lines without their line endings.
func plainLines(text string) []string {
	lines := SplitLines(text)
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(strings.TrimSuffix(l, "\n"), "\r")
	}
	return lines
}
