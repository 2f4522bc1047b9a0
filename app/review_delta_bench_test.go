package app

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/model"
)

// BenchmarkProposalSaveBytes publishes one-line edits of a proposal of a
// 126-page script (Big Fish) through a relay, each as the editor's
// autosave would (one save per edit), and reports the bytes the room's log
// grew by per save (the events as the relay stores and sends them): at the
// autosave's rate of one save a second, ×3600 is the bytes per hour of
// editing.
func BenchmarkProposalSaveBytes(b *testing.B) {
	text := string(corpus.Read(b, "fountain", "samples", "big-fish.fountain"))
	url := newTestRelay(b)
	w := newWriter(b, "Ann")
	if _, err := w.s.SetRelayURL(url); err != nil {
		b.Fatal(err)
	}
	sc, err := NewLibrary(w.s.c).Create("Big Fish")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := w.ed.Commit(sc.ID, text, ""); err != nil {
		b.Fatal(err)
	}
	if _, err := w.s.Share(sc.ID, "invite"); err != nil {
		b.Fatal(err)
	}
	doc, err := w.r.StartProposal(sc.ID, "Tighter", "")
	if err != nil {
		b.Fatal(err)
	}
	sid := model.ScriptID(sc.ID)
	eventually(b, "the room is on the relay", func() bool { return w.s.status().Pending == 0 })
	before := logBytes(b, w, sid)
	lines := strings.SplitAfter(doc.Text, "\n")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// One line in the middle third gets a word more, as typing does.
		at := len(lines)/3 + (i*7)%(len(lines)/3)
		lines[at] = strings.TrimSuffix(lines[at], "\n") + " word\n"
		if _, err := w.r.publishText(sid, doc.Proposal.Name, strings.Join(lines, ""), "Proposal edit", ""); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	eventually(b, "the saves are on the relay", func() bool { return w.s.status().Pending == 0 })
	eventually(b, "the saves are back from the relay", func() bool {
		evs, _ := w.s.c.store.Events(sid)
		n := 0
		for _, ev := range evs {
			if ev.Kind == model.KindRevision {
				n++
			}
		}
		return n >= b.N+2 // main's revision, the proposal's first, the saves
	})
	per := float64(logBytes(b, w, sid)-before) / float64(b.N)
	b.ReportMetric(per, "bytes/save")
	b.ReportMetric(per*3600/1e6, "MB/hour@1save/s")
}

// logBytes is the size of the room's log as w received it: each event in
// JSON, as the relay stores and forwards it.
func logBytes(t testing.TB, w *writer, sid model.ScriptID) int {
	t.Helper()
	evs, err := w.s.c.store.Events(sid)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, ev := range evs {
		raw, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		n += len(raw)
	}
	return n
}
