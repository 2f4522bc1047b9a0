package workspace

import (
	"errors"
	"flag"
	"math/rand"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

var changesSeed = flag.Int64("changes.seed", 0, "seed for TestChangesProperty (0: from the clock)")

// units and text16 convert between a text and its UTF-16 code units, the
// editor's offsets.
func units(s string) []uint16  { return utf16.Encode([]rune(s)) }
func text16(u []uint16) string { return string(utf16.Decode(u)) }

// applyWhole is the reference: the changes applied one by one to the
// UTF-16 text from the end, as the whole text the editor would send.
func applyWhole(text string, cs []Change) string {
	u := units(text)
	for i := len(cs) - 1; i >= 0; i-- {
		c := cs[i]
		u = append(append(append([]uint16{}, u[:c.From]...), units(c.Insert)...), u[c.To:]...)
	}
	return text16(u)
}

func changesOf(base string, cs []Change) Changes {
	return Changes{Base: SumOf(base), Changes: cs, Result: SumOf(applyWhole(base, cs))}
}

func TestSumOf(t *testing.T) {
	for _, tc := range []struct {
		text string
		want TextSum
	}{
		// The hash of no units is 0; of one unit, the unit.
		{"", TextSum{0, 0}},
		// The values frontend/src/lib/editor/changes.test.ts expects too.
		{"a", TextSum{1, 0x61}},
		{"INT. HOUSE", TextSum{10, 0x6b1dbbd0}},
		// Lengths count UTF-16 units: é is one, 🎬 two (its surrogates).
		{"é", TextSum{1, 0xe9}},
		{"🎬", TextSum{2, 0x637cef79}},
	} {
		if got := SumOf(tc.text); got != tc.want {
			t.Errorf("SumOf(%q) = %+v, want %+v", tc.text, got, tc.want)
		}
	}
	if SumOf("ab") == SumOf("ba") {
		t.Error("the sum does not see order")
	}
}

func TestApplyChanges(t *testing.T) {
	const base = "INT. HOUSE - DAY\n\nCafé 🎬 time.\n"
	for _, tc := range []struct {
		name string
		cs   []Change
		want string
	}{
		// Typing.
		{"insert at start", []Change{{0, 0, "FADE IN:\n\n"}}, "FADE IN:\n\nINT. HOUSE - DAY\n\nCafé 🎬 time.\n"},
		{"insert at end", []Change{{32, 32, "More.\n"}}, base + "More.\n"},
		{"nothing", nil, base},
		// Offsets count UTF-16 units past é (one) and 🎬 (two).
		{"after the emoji", []Change{{25, 25, "!"}}, "INT. HOUSE - DAY\n\nCafé 🎬! time.\n"},
		{"delete the emoji", []Change{{22, 25, ""}}, "INT. HOUSE - DAY\n\nCafé time.\n"},
		{"replace é", []Change{{21, 22, "e"}}, "INT. HOUSE - DAY\n\nCafe 🎬 time.\n"},
		// Several changes, as a find and replace makes them.
		{"several", []Change{{5, 10, "FLAT"}, {13, 16, "NIGHT"}, {18, 22, "Bar"}}, "INT. FLAT - NIGHT\n\nBar 🎬 time.\n"},
		{"adjacent", []Change{{0, 3, "EXT"}, {3, 4, "/"}}, "EXT/ HOUSE - DAY\n\nCafé 🎬 time.\n"},
		{"all", []Change{{0, 32, "x"}}, "x"},
	} {
		got, err := ApplyChanges(base, changesOf(base, tc.cs))
		if err != nil || got != tc.want {
			t.Errorf("%s: got %q, %v; want %q", tc.name, got, err, tc.want)
		}
	}
}

func TestApplyChangesRefuses(t *testing.T) {
	const base = "One 🎬 two.\n"
	ok := changesOf(base, []Change{{0, 3, "Three"}})
	for _, tc := range []struct {
		name string
		ch   Changes
		want error
	}{
		// Made against another text: a save was lost, or the draft moved.
		{"stale base", changesOf("One two.\n", []Change{{0, 3, "Three"}}), ErrChangesStale},
		// The same changes again (a save applied twice) find a base they were not made on.
		{"result mismatch", Changes{Base: ok.Base, Changes: ok.Changes, Result: SumOf("One")}, ErrChangesMismatch},
		{"out of order", Changes{Base: SumOf(base), Changes: []Change{{5, 6, ""}, {0, 1, ""}}}, ErrBadChanges},
		{"overlapping", Changes{Base: SumOf(base), Changes: []Change{{0, 5, ""}, {3, 6, ""}}}, ErrBadChanges},
		{"backwards", Changes{Base: SumOf(base), Changes: []Change{{3, 1, ""}}}, ErrBadChanges},
		{"past the end", Changes{Base: SumOf(base), Changes: []Change{{0, 99, ""}}}, ErrBadChanges},
		{"inside the emoji", Changes{Base: SumOf(base), Changes: []Change{{5, 5, "x"}}}, ErrBadChanges},
		{"negative", Changes{Base: SumOf(base), Changes: []Change{{-1, 0, "x"}}}, ErrBadChanges},
	} {
		if got, err := ApplyChanges(base, tc.ch); !errors.Is(err, tc.want) {
			t.Errorf("%s: got %q, %v; want %v", tc.name, got, err, tc.want)
		}
	}
	// Applied once the base moves on: the second time is refused.
	once, err := ApplyChanges(base, ok)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ApplyChanges(once, ok); !errors.Is(err, ErrChangesStale) {
		t.Errorf("changes applied twice: %v", err)
	}
}

// randomText is lines of screenplay-ish words with accents and emoji.
func randomText(r *rand.Rand, n int) string {
	words := []string{"INT.", "HOUSE", "Edward", "—", "café", "🎬", "naïve", "\n", "\n\n", " ", "(beat)", "日本", "x"}
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(words[r.Intn(len(words))])
	}
	return b.String()
}

// randomChanges is 0 to 5 ordered changes at offsets that never cut a
// surrogate pair.
func randomChanges(r *rand.Rand, text string) []Change {
	u := units(text)
	var cuts []int // offsets between characters
	for i := 0; i <= len(u); i++ {
		if i == len(u) || u[i] < 0xdc00 || u[i] > 0xdfff { // not before a pair's second half
			cuts = append(cuts, i)
		}
	}
	var cs []Change
	at := 0
	for k := r.Intn(6); k > 0; k-- {
		var from, to int
		// Pick two cuts at or after at.
		var rest []int
		for _, c := range cuts {
			if c >= at {
				rest = append(rest, c)
			}
		}
		if len(rest) == 0 {
			break
		}
		from = rest[r.Intn(len(rest))]
		to = from
		if r.Intn(2) == 0 {
			for _, c := range rest {
				if c >= from && r.Intn(3) == 0 {
					to = c
					break
				}
			}
		}
		ins := ""
		if r.Intn(4) != 0 {
			ins = randomText(r, r.Intn(4))
		}
		cs = append(cs, Change{From: from, To: to, Insert: ins})
		at = to
		if ins == "" && from == to {
			cs = cs[:len(cs)-1]
		}
	}
	return cs
}

// TestChangesProperty: random edits saved as changes, one save after
// another, give exactly the text the editor would have sent whole.
func TestChangesProperty(t *testing.T) {
	seed := *changesSeed
	if seed == 0 {
		seed = time.Now().UnixNano()
	}
	r := rand.New(rand.NewSource(seed))
	for run := 0; run < 200; run++ {
		stored := randomText(r, r.Intn(60))
		editor := stored
		for save := 0; save < 20; save++ {
			cs := randomChanges(r, editor)
			editor = applyWhole(editor, cs)
			got, err := ApplyChanges(stored, Changes{Base: SumOf(stored), Changes: cs, Result: SumOf(editor)})
			if err != nil || got != editor {
				t.Fatalf("seed %d, run %d, save %d: %+v on %q: got %q, %v; want %q (rerun with -changes.seed=%d)",
					seed, run, save, cs, stored, got, err, editor, seed)
			}
			stored = got
		}
	}
}

// FuzzApplyChanges: any changes either apply to exactly the reference
// result or are refused with one of the three errors; never a panic, never
// a wrong text stored.
func FuzzApplyChanges(f *testing.F) {
	f.Add("INT. HOUSE - DAY\n", 5, 10, "FLAT", 13, 13, "!")
	f.Add("🎬é", 0, 1, "x", 2, 3, "")
	f.Add("", 0, 0, "FADE IN:", 0, 0, "")
	f.Fuzz(func(t *testing.T, text string, f1, t1 int, i1 string, f2, t2 int, i2 string) {
		text = strings.ToValidUTF8(text, "?")
		i1, i2 = strings.ToValidUTF8(i1, "?"), strings.ToValidUTF8(i2, "?")
		cs := []Change{{f1, t1, i1}, {f2, t2, i2}}
		u := units(text)
		valid := 0 <= f1 && f1 <= t1 && t1 <= f2 && f2 <= t2 && t2 <= len(u)
		for _, o := range []int{f1, t1, f2, t2} {
			if valid && o > 0 && o < len(u) && u[o] >= 0xdc00 && u[o] <= 0xdfff {
				valid = false // inside a surrogate pair
			}
		}
		want := ""
		ch := Changes{Base: SumOf(text), Changes: cs}
		if valid {
			want = applyWhole(text, cs)
			ch.Result = SumOf(want)
		}
		got, err := ApplyChanges(text, ch)
		switch {
		case valid && (err != nil || got != want):
			t.Fatalf("%+v on %q: got %q, %v; want %q", cs, text, got, err, want)
		case !valid && err == nil:
			t.Fatalf("%+v on %q: applied invalid changes: %q", cs, text, got)
		case err != nil && !errors.Is(err, ErrBadChanges) && !errors.Is(err, ErrChangesMismatch):
			t.Fatalf("%+v on %q: %v", cs, text, err)
		}
	})
}

// BenchmarkApplyChanges is one autosave of a feature-length draft (150 KB)
// while typing: a few keystrokes applied, both sums checked. It runs once a
// second at most, so anything under a few milliseconds is invisible.
func BenchmarkApplyChanges(b *testing.B) {
	text := strings.Repeat("INT. HOUSE - DAY\n\nEdward walks in. Café.\n\nEDWARD\nHello.\n\n", 2200)
	mid := len(units(text)) / 2
	ch := changesOf(text, []Change{{mid, mid, "int. waffle"}})
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := ApplyChanges(text, ch); err != nil {
			b.Fatal(err)
		}
	}
}
