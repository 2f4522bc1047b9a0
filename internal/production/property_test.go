package production

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

var seed = flag.Uint64("seed", 1, "seed of TestLockProperties' random edits")

// TestLockProperties locks randomly edited drafts (scenes cut, added,
// grown, shrunk, dialogue added) and checks what must always hold: every
// page number of BASE once and in order, on its page or in a range, added
// pages lettered after it; every scene number of BASE once and in order,
// kept or omitted; and nothing revised in BASE against itself.
func TestLockProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(*seed, 0))
	for run := 0; run < 60; run++ {
		var sc []string
		for i := 1; i <= 12+rng.IntN(20); i++ {
			sc = append(sc, randomScene(rng, fmt.Sprintf("ROOM %d", i)))
		}
		base := strings.Join(sc, "")
		for k := 0; k < 1+rng.IntN(5); k++ {
			i := rng.IntN(len(sc))
			switch rng.IntN(4) {
			case 0:
				sc = append(sc[:i], sc[i+1:]...)
			case 1:
				sc = append(sc[:i], append([]string{randomScene(rng, fmt.Sprintf("NEW %d", k))}, sc[i:]...)...)
			case 2:
				sc[i] = randomScene(rng, strings.TrimSuffix(strings.TrimPrefix(strings.SplitN(sc[i], "\n", 2)[0], "INT. "), " - DAY"))
			case 3:
				sc[i] += "BOB\nA few words more, said here for the record.\n\n"
			}
			if len(sc) == 0 {
				sc = append(sc, randomScene(rng, "LAST"))
			}
		}
		name := fmt.Sprintf("seed %d run %d", *seed, run)
		d := Lock(base, strings.Join(sc, ""), Options{})
		checkPages(t, name, d)
		checkScenes(t, name, base, d)
		if same := Lock(base, base, Options{}); len(same.RevisedLabels()) != 0 {
			t.Errorf("%s: BASE against itself revises %q", name, same.RevisedLabels())
		}
	}
}

// randomScene is a scene of a few paragraphs of random length.
func randomScene(rng *rand.Rand, name string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "INT. %s - DAY\n\n", name)
	for p := 0; p < 1+rng.IntN(4); p++ {
		for s := 0; s < 1+rng.IntN(12); s++ {
			fmt.Fprintf(&b, "Sentence %d of %s runs on a little. ", s+1, strings.ToLower(name))
		}
		b.WriteString("\n\n")
		if rng.IntN(3) == 0 {
			b.WriteString("ANNA\nI have something to say about all this, and I will say it now.\n\n")
		}
	}
	return b.String()
}

func checkPages(t *testing.T, name string, d *Draft) {
	t.Helper()
	if d.BasePages == 0 {
		return // nothing was locked
	}
	next := 1
	for _, p := range d.Pages {
		if p.Kind == PageAdded {
			if !strings.HasPrefix(p.Label, strconv.Itoa(next-1)) || next == 1 {
				t.Errorf("%s: added page %s after page %d", name, p.Label, next-1)
			}
			continue
		}
		lo, hi, _ := strings.Cut(p.Label, "-")
		if hi == "" {
			hi = lo
		}
		n, err := strconv.Atoi(hi)
		if lo != strconv.Itoa(next) || err != nil {
			t.Errorf("%s: page %s after page %d: %q", name, p.Label, next-1, labelsOf(d))
			return
		}
		next = n + 1
	}
	if next-1 != d.BasePages {
		t.Errorf("%s: last page %d of %d: %q", name, next-1, d.BasePages, labelsOf(d))
	}
}

func checkScenes(t *testing.T, name, base string, d *Draft) {
	t.Helper()
	n := 0
	for _, sc := range d.Scenes {
		if sc.Status == SceneNew {
			continue
		}
		n++
		if sc.Number != strconv.Itoa(n) {
			t.Errorf("%s: scene %s where %d was", name, sc.Number, n)
			return
		}
	}
	if want := strings.Count(base, "INT. "); n != want {
		t.Errorf("%s: %d of %d scenes kept or omitted", name, n, want)
	}
}

func TestLockEdgeCases(t *testing.T) {
	tests := []struct{ name, base, new string }{
		{"both empty", "", ""},
		{"from nothing", "", script("A", "B")},
		{"to nothing", script("A", "B"), ""},
		{"no scenes", "Just some action.\n", "Just some other action.\n"},
		{"title page only", "Title: X\n", "Title: Y\n"},
		{"CRLF", strings.ReplaceAll(script("A", "B"), "\n", "\r\n"), strings.ReplaceAll(script("A", "X", "B"), "\n", "\r\n")},
	}
	for _, tt := range tests {
		d := Lock(tt.base, tt.new, Options{})
		checkPages(t, tt.name, d)
		if strings.Contains(tt.name, "CRLF") {
			if got := numbered(d); strings.Join(got, ",") != "1 A kept,1A X new,2 B kept" {
				t.Errorf("CRLF scenes %q", got)
			}
		}
	}
	// Cut to nothing: both scenes OMITTED.
	d := Lock(script("A", "B"), "", Options{})
	if got := numbered(d); strings.Join(got, ",") != "1 OMITTED omitted,2 OMITTED omitted" {
		t.Errorf("cut to nothing: %q\n%s", got, d.Text)
	}
}
