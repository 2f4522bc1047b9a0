package store

import (
	"fmt"
	"math/rand"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/model"
)

// editLines changes 1–3 random lines of a script, as a writer's small
// revision does: a word added to a line, a line rewritten, or a line added.
func editLines(rng *rand.Rand, lines []string) []string {
	out := append([]string(nil), lines...)
	for n := 1 + rng.Intn(3); n > 0; n-- {
		i := rng.Intn(len(out))
		switch rng.Intn(3) {
		case 0:
			out[i] = strings.TrimSuffix(out[i], "\n") + " again\n"
		case 1:
			out[i] = fmt.Sprintf("The rain keeps falling, %d.\n", rng.Intn(1000))
		default:
			out = append(out[:i], append([]string{"\n", "She waits.\n"}, out[i:]...)...)
		}
	}
	return out
}

// history stores n revisions of Big Fish, each a 1–3 line edit of the one
// before, and returns the store, the script and the newest revision.
func history(b *testing.B, s *Store, n int) (model.Script, *model.Revision) {
	me := newIdentity(b)
	sc := newScript(b, s, me)
	rng := rand.New(rand.NewSource(1))
	lines := splitLines(string(corpus.Read(b, "fountain", "samples", "big-fish.fountain")))
	var parent []model.RevisionID
	var r *model.Revision
	at := time.Unix(1_700_000_000, 0)
	for i := 0; i < n; i++ {
		lines = editLines(rng, lines)
		var err error
		r, err = model.NewRevision(me, parent, strings.Join(lines, ""), fmt.Sprintf("edit %d", i), at.Add(time.Duration(i)*time.Minute))
		if err != nil {
			b.Fatal(err)
		}
		if err := s.CommitRevision(sc.ID, r, RevisionStats{}); err != nil {
			b.Fatal(err)
		}
		parent = []model.RevisionID{r.ID}
	}
	return sc, r
}

// BenchmarkHistory1000 stores 1,000 small edits of a 150 KB feature and
// reports the library file's size per revision. Goal: ≤ 5,000 B/rev (full
// snapshots would cost about 150,000).
func BenchmarkHistory1000(b *testing.B) {
	for i := 0; i < b.N; i++ {
		s := newTestStore(b, Options{})
		history(b, s, 1000)
		path := s.Path()
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		fi, err := os.Stat(path)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(fi.Size())/1000, "B/rev")
	}
}

// BenchmarkSaveRevision commits one small edit of a feature, with fsync.
// Goal: ≤ 10 ms.
func BenchmarkSaveRevision(b *testing.B) {
	s := newTestStore(b, Options{})
	sc, head := history(b, s, 60)
	me, _ := model.NewIdentity("Bench")
	rng := rand.New(rand.NewSource(2))
	lines := splitLines(head.Text)
	parent := head.ID
	at := time.Unix(1_800_000_000, 0)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		lines = editLines(rng, lines)
		r, _ := model.NewRevision(me, []model.RevisionID{parent}, strings.Join(lines, ""), "bench", at.Add(time.Duration(i)*time.Second))
		if err := s.CommitRevision(sc.ID, r, RevisionStats{}); err != nil {
			b.Fatal(err)
		}
		parent = r.ID
	}
}

// BenchmarkLoadRevision rebuilds the newest of 1,000 revisions (a snapshot
// and up to 49 deltas). Goal: ≤ 5 ms.
func BenchmarkLoadRevision(b *testing.B) {
	s := newTestStore(b, Options{})
	sc, head := history(b, s, 1000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := s.Revision(sc.ID, head.ID)
		if err != nil || r.Text != head.Text {
			b.Fatalf("rebuilt revision differs: %v", err)
		}
	}
}
