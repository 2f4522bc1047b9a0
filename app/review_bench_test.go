package app

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/model"
)

// BenchmarkReviewProposals lists the proposals of a shared feature-length
// script (Big Fish) with 40 revisions on main and a proposal of 10: each
// call folds the room's log (kept between calls without the texts).
func BenchmarkReviewProposals(b *testing.B) {
	w, sid := bigSharedScript(b)
	evs, _ := w.s.c.store.Events(model.ScriptID(sid))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ps, err := w.r.Proposals(sid)
		if err != nil || len(ps) != 1 {
			b.Fatal(ps, err)
		}
	}
	b.ReportMetric(float64(len(evs)), "events")
}

// BenchmarkHistoryListShared lists main's history of the same script: the
// proposal's revisions are left out.
func BenchmarkHistoryListShared(b *testing.B) {
	w, sid := bigSharedScript(b)
	h := NewHistory(w.s.c)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		list, err := h.List(sid)
		if err != nil || len(list) != 40 {
			b.Fatal(len(list), err)
		}
	}
}

// bigSharedScript shares Big Fish with 40 revisions on main and opens a
// proposal with 10 revisions on it.
func bigSharedScript(b *testing.B) (*writer, string) {
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
		text = strings.Replace(text, "A beat.", "Two beats.", 1)
		if _, err := w.r.publishText(model.ScriptID(sc.ID), doc.Proposal.Name, text, "edit", ""); err != nil {
			b.Fatal(err)
		}
	}
	eventually(b, "the room is on the relay", func() bool { return w.s.status().Pending == 0 })
	return w, sc.ID
}

// BenchmarkCommentArrival is how soon a comment one writer adds shows in
// the other's list through a relay on this machine: from AddComment's return
// to Ann's Comments listing it, polled every 200 µs. Goal (the issue's
// behaviour bound, which used to be a wall-clock check in a test): p99 ≤ 1 s;
// it normally takes milliseconds. Each iteration takes 100 samples, so p99 is
// read over at least 100.
func BenchmarkCommentArrival(b *testing.B) {
	const samples = 100
	a, bob, sid, _ := sharedPair(b, "commenter")
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j := 0; j < samples; j++ {
			th, err := bob.r.AddComment(sid, CommentInput{StartLine: 12, EndLine: 12, Quote: scene2Quote, Body: fmt.Sprintf("Note %d.%d", i, j)})
			if err != nil {
				b.Fatal(err)
			}
			start := time.Now()
			for {
				ts, err := a.r.Comments(sid, "")
				if err != nil {
					b.Fatal(err)
				}
				if hasThread(ts, th.ID) {
					break
				}
				if time.Since(start) > syncWait {
					b.Fatalf("Ann did not see comment %d.%d after %v", i, j, syncWait)
				}
				time.Sleep(200 * time.Microsecond)
			}
			lat = append(lat, time.Since(start))
		}
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	ms := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))]) / float64(time.Millisecond) }
	b.ReportMetric(ms(0.5), "p50-ms")
	b.ReportMetric(ms(0.99), "p99-ms")
	b.ReportMetric(float64(len(lat)), "samples")
	if p99 := ms(0.99); p99 > 1000 {
		b.Errorf("p99 %.0f ms to see a comment, goal ≤ 1,000 ms", p99)
	}
}

func hasThread(ts []ThreadInfo, id string) bool {
	for _, t := range ts {
		if t.ID == id {
			return true
		}
	}
	return false
}
