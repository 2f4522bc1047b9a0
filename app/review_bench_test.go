package app

import (
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/model"
)

// BenchmarkReviewProposals lists the proposals of a shared feature-length
// script (Big Fish) with 40 revisions on main and a proposal of 10: each
// call folds the room's whole log, revision texts included.
func BenchmarkReviewProposals(b *testing.B) {
	text := string(corpus.Read(b, "fountain", "samples", "big-fish.fountain"))
	url := newTestRelay(b)
	w := &writer{s: newTestSync(b, "Ann")}
	w.r, w.ed = NewReview(w.s.c, w.s), NewEditor(w.s.c)
	if _, err := w.s.SetRelayURL(url); err != nil {
		b.Fatal(err)
	}
	sc, err := NewLibrary(w.s.c).Create("Big Fish")
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 40; i++ {
		text = strings.Replace(text, "\n\n", "\n\nA beat.\n\n", 1)
		if _, err := w.ed.Commit(sc.ID, text, ""); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := w.s.Share(sc.ID, "invite"); err != nil {
		b.Fatal(err)
	}
	doc, err := w.r.StartProposal(sc.ID, "Tighter", "")
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 10; i++ {
		w.r.mu.Lock()
		w.r.autosave = map[string]*pendingSave{}
		w.r.mu.Unlock()
		text = strings.Replace(text, "A beat.", "Two beats.", 1)
		if _, err := w.r.publishText(model.ScriptID(sc.ID), doc.Proposal.Name, text, "edit", ""); err != nil {
			b.Fatal(err)
		}
	}
	eventually(b, "the room is on the relay", func() bool { return w.s.status().Pending == 0 })
	evs, _ := w.s.c.store.Events(model.ScriptID(sc.ID))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ps, err := w.r.Proposals(sc.ID)
		if err != nil || len(ps) != 1 {
			b.Fatal(ps, err)
		}
	}
	b.ReportMetric(float64(len(evs)), "events")
}
