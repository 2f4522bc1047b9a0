package workspace

import (
	"strings"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/model"
)

// BenchmarkProductionPages is what the editor asks on every autosave of a
// locked script: Big Fish (about 128 pages) locked, a Blue and a Pink set
// started, the draft edited (a scene added, a page's worth cut, a long
// paragraph typed), laid out as its production draft. Each round saves a
// slightly different draft, as typing does, so only the locked revision
// and the sets' texts are the same from one round to the next.
func BenchmarkProductionPages(b *testing.B) {
	w := newTestWorkspace(b, "Writer")
	base := string(corpus.Read(b, "fountain", "samples", "big-fish.fountain"))
	sc, err := w.Create("Big Fish", base)
	if err != nil {
		b.Fatal(err)
	}
	text := base
	commit := func(t string) {
		b.Helper()
		if _, err := w.Commit(sc.ID, t, "rev"); err != nil {
			b.Fatal(err)
		}
		text = t
	}
	change := func(op model.ProductionOp, set *model.RevisionSetInfo) {
		b.Helper()
		pl, err := w.ProductionChange(sc.ID, op, set)
		if err == nil {
			_, err = w.ChangeProduction(sc.ID, pl)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	commit(base)
	change(model.ProductionLock, nil)
	change(model.ProductionSet, &model.RevisionSetInfo{Color: "Blue", Date: "2026-12-06"})
	lines := strings.Split(text, "\n")
	third := len(lines) / 3
	// Blue: a new scene a third of the way in, and forty lines cut after it.
	blue := append(append(append([]string{}, lines[:third]...),
		"INT. BLOOM HOUSE - ATTIC - NIGHT", "", "Edward climbs the ladder with a lantern.", ""), lines[third+40:]...)
	commit(strings.Join(blue, "\n"))
	change(model.ProductionSet, &model.RevisionSetInfo{Color: "Pink", Date: "2026-12-09"})
	long := strings.Repeat("The river rises past the porch and nobody moves to stop it. ", 12)
	p, err := w.Production(sc.ID)
	if err != nil {
		b.Fatal(err)
	}
	var took time.Duration
	pages := 0
	k := 0
	for b.Loop() {
		k++
		at := len(text)/2 + strings.Index(text[len(text)/2:], "\n\n") + 2
		draft := text[:at] + long + strings.Repeat(" Again.", k%7) + "\n\n" + text[at:]
		if _, _, err := w.SaveDraft(sc.ID, draft); err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		sp, err := w.ProductionPages(sc.ID, "", p)
		if err != nil {
			b.Fatal(err)
		}
		took += time.Since(t0)
		pages = len(sp.Pages)
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(took.Seconds()*1000/float64(b.N), "ms/op")
}
