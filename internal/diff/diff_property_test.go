package diff

import (
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/fountain"
)

// TestPropertyRandomPairs: for random edit pairs (Unicode, CRLF, no final
// newline), the edit script, the rows and the unified diff all turn A into B
// exactly. 10,000 small pairs by default; -long runs 100,000 and longer texts.
func TestPropertyRandomPairs(t *testing.T) {
	n, size := 10000, 12
	if *long {
		n, size = 100000, 60
	}
	r := rand.New(rand.NewSource(*seed))
	for i := 0; i < n; i++ {
		a := randomText(r, size)
		var b string
		switch r.Intn(10) {
		case 0:
			b = randomText(r, size) // unrelated
		default:
			b = mutate(r, a)
		}
		checkPair(t, a, b)
		if t.Failed() {
			t.Fatalf("pair %d (seed %d)", i, *seed)
		}
	}
}

// TestPropertyLongTexts runs the same properties on long texts: a few by
// default, more under -long.
func TestPropertyLongTexts(t *testing.T) {
	n := 20
	if *long {
		n = 500
	}
	r := rand.New(rand.NewSource(*seed + 1))
	for i := 0; i < n; i++ {
		a := randomText(r, 2000)
		b := a
		for k := 0; k < 1+r.Intn(20); k++ {
			b = mutate(r, b)
		}
		checkPair(t, a, b)
	}
}

// distinctLines is a text of n distinct lines.
func distinctLines(n int, prefix string) []string {
	ls := make([]string, n)
	for i := range ls {
		ls[i] = fmt.Sprintf("%s line %d ✓\n", prefix, i)
	}
	return ls
}

// TestManyDistinctLines: past 65,535 distinct lines (where go-diff's own
// DiffLinesToChars breaks) the diff stays exact and minimal.
func TestManyDistinctLines(t *testing.T) {
	la := distinctLines(70000, "a")
	lb := append([]string(nil), la...)
	lb[100] = "changed near the start\n"
	lb[66000] = "changed past 65,535\r\n"
	lb = append(lb[:69000], lb[69001:]...)  // one deleted
	lb[len(lb)-1] = lineText(lb[len(lb)-1]) // and no final newline
	a, b := strings.Join(la, ""), strings.Join(lb, "")
	r := Lines(a, b, Options{Timeout: -1, NoWords: true})
	got, err := applyEdits(a, b, r.Edits)
	if err != nil || got != b {
		t.Fatalf("edit script does not rebuild b: %v", err)
	}
	if r.Stats.Changed != 3 || r.Stats.Deleted != 1 || r.Stats.Inserted != 0 {
		t.Fatalf("stats %+v, want 3 changed and 1 deleted", r.Stats)
	}
	// Both sides fully different past the 16-bit range.
	lc := distinctLines(70000, "c")
	c := strings.Join(lc, "")
	r = Lines(a, c, Options{NoWords: true})
	if r.Stats.Equal != 0 || r.Stats.Changed != 70000 {
		t.Fatalf("unrelated texts: stats %+v", r.Stats)
	}
	u := Unified("a", "b", a, b, 3)
	if got, err := applyUnified(a, u); err != nil || got != b {
		t.Fatalf("unified diff does not rebuild b: %v", err)
	}
	if strings.Count(u, "@@ -") != 4 || !strings.HasSuffix(u, "\\ No newline at end of file\n") {
		t.Fatalf("want 4 hunks, the last without a final newline, got:\n%s", u)
	}
}

// TestRuneAlphabetFallback: a range whose common lines all occur more than
// maxChain times goes to Myers (go-diff), which is minimal; past the rune
// alphabet, or past maxMyersLines, that range is one delete and one insert,
// still exact.
func TestRuneAlphabetFallback(t *testing.T) {
	var la []string
	for i := 0; i < 70; i++ {
		la = append(la, "x\n", "y\n")
	}
	lb := append([]string(nil), la...)
	lb[0], lb[len(lb)-1] = "first\n", "last\n" // nothing to trim
	a, b := strings.Join(la, ""), strings.Join(lb, "")
	r := Lines(a, b, Options{Timeout: -1})
	if r.Stats.Equal != 138 || r.Stats.Changed != 2 {
		t.Fatalf("stats %+v, want 138 equal lines and 2 changed from Myers", r.Stats)
	}
	checkPair(t, a, b)

	old := maxRuneLines
	maxRuneLines = 2
	defer func() { maxRuneLines = old }()
	r = Lines(a, b, Options{Timeout: -1})
	if got, err := applyEdits(a, b, r.Edits); err != nil || got != b {
		t.Fatalf("edit script does not rebuild b: %v", err)
	}
	if r.Stats.Equal != 0 {
		t.Fatalf("stats %+v, want a coarse replace past the alphabet", r.Stats)
	}
	checkPair(t, a, b)

	// A range larger than maxMyersLines is not handed to Myers either.
	maxRuneLines = old
	oldMyers := maxMyersLines
	maxMyersLines = 100
	defer func() { maxMyersLines = oldMyers }()
	if r = Lines(a, b, Options{Timeout: -1}); r.Stats.Equal != 0 || r.Degraded {
		t.Fatalf("stats %+v, want one replace past maxMyersLines", r.Stats)
	}
	checkPair(t, a, b)
}

// FuzzLines checks the properties on fuzzed pairs.
func FuzzLines(f *testing.F) {
	f.Add("a\nb\nc\n", "a\nB\nc")
	f.Add("x\r\ny\r\n", "x\ny\n")
	f.Add("", "🐟\n")
	f.Fuzz(func(t *testing.T, a, b string) {
		checkPair(t, a, b)
		m := Merge(a, b, a)
		if m.Text != b || !m.Clean {
			t.Fatalf("merge(base, x, base) != x")
		}
	})
}

// TestWorkBudgetsDeterministic: the default bounds are work budgets, not
// time: on real scripts they never bind (the result is the unbounded one),
// and when they do, the result is degraded the same way every time, still
// exact, on any machine under any load.
func TestWorkBudgetsDeterministic(t *testing.T) {
	a := string(corpus.Read(t, "fountain", "samples", "big-fish.fountain"))
	b := editFraction(a, 0.05, 42)
	g := string(corpus.Read(t, "fountain", "other", "gumshoe.scrambled.fountain"))
	for _, pair := range [][2]string{{a, b}, {a, g}} {
		got, want := Compare(pair[0], pair[1], Options{}), Compare(pair[0], pair[1], Options{Timeout: -1})
		if got.Degraded || !reflect.DeepEqual(got.Rows, want.Rows) || !reflect.DeepEqual(got.Summary, want.Summary) {
			t.Fatalf("the default bounds changed a real comparison (degraded %v)", got.Degraded)
		}
	}

	t.Run("line budget", func(t *testing.T) {
		oldBase, oldPer := stepsBase, stepsPerLine
		stepsBase, stepsPerLine = 1, 0
		defer func() { stepsBase, stepsPerLine = oldBase, oldPer }()
		r1, r2 := Compare(a, b, Options{}), Compare(a, b, Options{})
		if !r1.Degraded || !reflect.DeepEqual(r1.Edits, r2.Edits) {
			t.Fatalf("degraded %v; the same texts gave different edits", r1.Degraded)
		}
		if got, err := applyEdits(a, b, r1.Edits); err != nil || got != b {
			t.Fatalf("edit script does not rebuild b: %v", err)
		}
		checkRows(t, a, b, r1)
	})
	t.Run("word budget", func(t *testing.T) {
		oldBase, oldPer := wordStepsBase, wordStepsPerByte
		wordStepsBase, wordStepsPerByte = 1, 0
		defer func() { wordStepsBase, wordStepsPerByte = oldBase, oldPer }()
		r := Compare(a, b, Options{})
		if !r.Degraded {
			t.Fatal("word level past its budget is not marked Degraded")
		}
		for _, row := range r.Rows {
			if len(row.Segments) > 0 {
				t.Fatal("word level ran past its budget")
			}
		}
		checkRows(t, a, b, r)
	})
}

// TestTimeoutDegrades: with no time at all, an unrelated rewrite still gets
// an exact edit script and valid rows, marked Degraded.
func TestTimeoutDegrades(t *testing.T) {
	a := string(corpus.Read(t, "fountain", "samples", "big-fish.fountain"))
	b := string(corpus.Read(t, "fountain", "other", "gumshoe.scrambled.fountain"))
	r := Compare(a, b, Options{Timeout: time.Nanosecond})
	if !r.Degraded {
		t.Fatal("a comparison past its deadline is not marked Degraded")
	}
	if got, err := applyEdits(a, b, r.Edits); err != nil || got != b {
		t.Fatalf("edit script does not rebuild b: %v", err)
	}
	checkRows(t, a, b, r)
	for _, row := range r.Rows {
		if len(row.Segments) > 0 {
			t.Fatal("word level ran past the deadline")
		}
	}
	if r.Summary == nil || r.Summary.OldScenes != len(fountain.Parse(a).Scenes()) {
		t.Fatalf("summary %+v", r.Summary)
	}
}
