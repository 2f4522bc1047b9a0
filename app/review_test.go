package app

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/review"
	"github.com/scriptroom/scriptroom/internal/store"
)

// pierScript has four scenes: the kitchen, the street, the pier, the boat.
const pierScript = `Title: The Pier

INT. KITCHEN - MORNING

ANN pours coffee.

ANN
We leave at noon.

EXT. STREET - DAY

Cars pass. Ann waits at the corner.

EXT. PIER - DUSK

The pier stretches into fog. Ben stands at the end, looking out.

BEN
I thought you'd never come.

INT. BOAT - NIGHT

Waves. Ann and Ben, silent.
`

// Edits of pierScript, each on one line of one scene.
var (
	scene1Line  = "ANN pours coffee."
	scene1Edit  = "ANN pours coffee and burns her hand."
	scene3Line  = "The pier stretches into fog. Ben stands at the end, looking out."
	scene3Edit  = "Fog. Ben, at the very end of the pier."
	scene4Line  = "Waves. Ann and Ben, silent."
	scene4Main  = "Waves crash. Ann and Ben, silent."
	scene4Prop  = "Rain. Ann and Ben hold hands."
	scene2Quote = "Ann waits at the corner."
)

// edit replaces one line of text, failing when it is not there.
func edit(t *testing.T, text, line, with string) string {
	t.Helper()
	if !strings.Contains(text, line) {
		t.Fatalf("%q is not in the text", line)
	}
	return strings.Replace(text, line, with, 1)
}

// writer is one app instance: its own library, identity, Sync and Review.
type writer struct {
	s  *Sync
	r  *Review
	ed *Editor
}

func newWriter(t testing.TB, name string) *writer {
	t.Helper()
	s := newTestSync(t, name)
	return &writer{s: s, r: NewReview(s.c, s), ed: NewEditor(s.c)}
}

// sharedPair makes Ann's script from pierScript, shares it through a test
// relay and has Bob join it with role.
func sharedPair(t testing.TB, role string) (a, b *writer, sid, url string) {
	t.Helper()
	url = newTestRelay(t)
	a, b = newWriter(t, "Ann"), newWriter(t, "Bob")
	if _, err := a.s.SetRelayURL(url); err != nil {
		t.Fatal(err)
	}
	sc, err := NewLibrary(a.s.c).Create("The Pier")
	if err != nil {
		t.Fatal(err)
	}
	sid = sc.ID
	if _, err := a.ed.Commit(sid, pierScript, "First draft"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.s.Share(sid, "invite"); err != nil {
		t.Fatal(err)
	}
	eventually(t, "Ann's room is on the relay", func() bool {
		st := a.s.status()
		return st.State == "online" && st.Pending == 0
	})
	link, err := a.s.Invite(sid, role, 24)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.s.Join(link); err != nil {
		t.Fatal(err)
	}
	eventually(t, "Bob has the script, Ann's head and his role", func() bool {
		in, err := b.s.Sharing(sid)
		return err == nil && in.Role == role && headOf(t, b.s, model.ScriptID(sid)) == headOf(t, a.s, model.ScriptID(sid))
	})
	return a, b, sid, url
}

// waitFor polls cond every 2 ms until it holds and returns how long it
// took; it fails after syncWait.
func waitFor(t *testing.T, what string, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > syncWait {
			t.Fatalf("after %v: %s", syncWait, what)
		}
		time.Sleep(2 * time.Millisecond)
	}
	return time.Since(start)
}

// proposalOf finds a proposal in w's list.
func proposalOf(t *testing.T, w *writer, sid, name string) (ProposalInfo, bool) {
	t.Helper()
	ps, err := w.r.Proposals(sid)
	if errors.Is(err, store.ErrNotFound) {
		// A writer who has just joined holds no script until the room's
		// first events arrive: not there yet, as when the proposal is not.
		return ProposalInfo{}, false
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.Name == name {
			return p, true
		}
	}
	return ProposalInfo{}, false
}

func textOf(t *testing.T, w *writer, sid string, rev model.RevisionID) string {
	t.Helper()
	r, err := w.s.c.store.Revision(model.ScriptID(sid), rev)
	if err != nil {
		t.Fatalf("revision %s: %v", rev.Short(), err)
	}
	return r.Text
}

func TestTwoWritersProposeAndMerge(t *testing.T) {
	a, b, sid, url := sharedPair(t, "proposer")
	msid := model.ScriptID(sid)

	// Bob goes offline and proposes a change to scene 3, while Ann edits
	// scene 1 on main.
	if _, err := b.s.SetRelayURL(""); err != nil {
		t.Fatal(err)
	}
	doc, err := b.r.StartProposal(sid, "Tighter pier scene", "Cuts the pier's description to the bone.")
	if err != nil {
		t.Fatal(err)
	}
	name := doc.Proposal.Name
	if doc.Text != pierScript || !doc.Proposal.Mine || doc.Proposal.Status != "open" || doc.Proposal.CanDecide {
		t.Fatalf("started proposal = %+v", doc.Proposal)
	}
	propText := edit(t, doc.Text, scene3Line, scene3Edit)
	saved, err := b.r.SaveProposal(sid, name, propText)
	if err != nil {
		t.Fatal(err)
	}
	if textOf(t, b, sid, model.RevisionID(saved.Head)) != propText {
		t.Fatal("Bob's save is not the proposal's head")
	}
	if p, ok := proposalOf(t, b, sid, name); !ok || p.Head != saved.Head || len(p.Scenes) != 1 || p.Scenes[0] != "EXT. PIER - DUSK" {
		t.Fatalf("Bob offline sees his proposal as %+v (found %v)", p, ok)
	}
	mainText := edit(t, pierScript, scene1Line, scene1Edit)
	annRev, err := a.ed.Commit(sid, mainText, "Ann burns her hand")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := proposalOf(t, a, sid, name); ok {
		t.Fatal("Ann sees Bob's proposal while he is offline")
	}

	// Bob comes back online: his proposal reaches Ann.
	online := time.Now()
	if _, err := b.s.SetRelayURL(url); err != nil {
		t.Fatal(err)
	}
	var acked time.Time
	seen := waitFor(t, "Ann sees Bob's proposal", func() bool {
		if acked.IsZero() {
			if out, _ := b.s.c.store.Outbox(msid); len(out) == 0 {
				acked = time.Now()
			}
		}
		p, ok := proposalOf(t, a, sid, name)
		return ok && p.Head == saved.Head
	})
	arrived := online.Add(seen)
	latency := time.Duration(0)
	if !acked.IsZero() && arrived.After(acked) {
		latency = arrived.Sub(acked)
	}
	t.Logf("proposal: seen by Ann %v after Bob reconnected, %v after the relay acknowledged it", seen.Round(time.Millisecond), latency.Round(time.Millisecond))
	p, _ := proposalOf(t, a, sid, name)
	if p.AuthorName != "Bob" || p.Mine || !p.CanDecide || !p.Outdated || p.Title != "Tighter pier scene" ||
		p.Description != "Cuts the pier's description to the bone." {
		t.Fatalf("Ann sees %+v", p)
	}

	// Bob comments on a line of main (once he has Ann's edit).
	eventually(t, "Bob has Ann's scene 1 edit", func() bool { return headOf(t, b.s, msid) == string(annRev.ID) })
	start := time.Now()
	th, err := b.r.AddComment(sid, CommentInput{StartLine: 12, EndLine: 12, Quote: scene2Quote, Body: "Which corner?"})
	if err != nil {
		t.Fatal(err)
	}
	published := time.Since(start)
	took := waitFor(t, "Ann sees Bob's comment", func() bool {
		ts, err := a.r.Comments(sid, "")
		return err == nil && len(ts) == 1 && ts[0].ID == th.ID
	})
	t.Logf("comment: seen by Ann %v after AddComment returned (publishing took %v)", took.Round(time.Millisecond), published.Round(time.Millisecond))
	ts, _ := a.r.Comments(sid, "")
	if c := ts[0]; c.Root.AuthorName != "Bob" || c.Root.Body != "Which corner?" || c.StartLine != 12 || c.Quote != scene2Quote ||
		c.Outdated || c.Unread != 1 || c.Root.Mine {
		t.Fatalf("Ann sees the thread %+v", c)
	}

	// Ann previews and accepts: the merge holds both edits.
	pv, err := a.r.Preview(sid, name)
	if err != nil {
		t.Fatal(err)
	}
	if !pv.Clean || pv.WithMain == nil || len(pv.Conflicts) != 0 || pv.SceneCount != 4 ||
		len(pv.ChangedScenes) != 1 || pv.ChangedScenes[0].Index != 3 || pv.ChangedScenes[0].Kind != "modified" {
		t.Fatalf("preview: clean %v, withMain %v, conflicts %d, scenes %d, changed %+v",
			pv.Clean, pv.WithMain != nil, len(pv.Conflicts), pv.SceneCount, pv.ChangedScenes)
	}
	merged, err := a.r.Merge(sid, name, nil)
	if err != nil {
		t.Fatal(err)
	}
	if merged.Status != "merged" || merged.Merge == "" || merged.DecidedBy != "Ann" || merged.CanDecide {
		t.Fatalf("merged = %+v", merged)
	}
	head := headOf(t, a.s, msid)
	if head != merged.Merge {
		t.Fatalf("Ann's head %s, want the merge %s", head, merged.Merge)
	}
	want := edit(t, mainText, scene3Line, scene3Edit)
	if got := textOf(t, a, sid, model.RevisionID(head)); got != want {
		t.Fatalf("merged text:\n%s\nwant:\n%s", got, want)
	}
	if d, _ := a.s.c.store.Draft(msid); d.Text != want {
		t.Fatal("Ann's draft did not follow the merge")
	}

	// History: the merge with two parents, crediting Bob; Bob's proposal
	// revisions stay out of main's list and in the library.
	hist, err := NewHistory(a.s.c).List(sid)
	if err != nil {
		t.Fatal(err)
	}
	m := hist[0]
	if string(m.ID) != head || len(m.Parents) != 2 || m.Parents[0] != annRev.ID || string(m.Parents[1]) != saved.Head ||
		m.Message != "Merge “Tighter pier scene” by Bob" || m.AuthorName != "Ann" {
		t.Fatalf("history head = %+v", m)
	}
	for _, h := range hist {
		if h.AuthorName == "Bob" {
			t.Errorf("Bob's proposal revision %s in main's history: %q", h.ID.Short(), h.Message)
		}
	}
	if len(hist) != 3 {
		t.Errorf("main's history has %d revisions, want 3 (first draft, Ann's edit, the merge)", len(hist))
	}
	if textOf(t, a, sid, model.RevisionID(saved.Head)) != propText {
		t.Fatal("Bob's proposal head is not kept in Ann's library")
	}

	// Bob sees it merged, and main moves for him too.
	eventually(t, "Bob sees his proposal merged", func() bool {
		p, ok := proposalOf(t, b, sid, name)
		return ok && p.Status == "merged" && p.DecidedBy == "Ann" && p.Merge == head && headOf(t, b.s, msid) == head
	})

	// Accepting again says who did it; no second merge.
	if _, err := a.r.Merge(sid, name, nil); !errors.Is(err, review.ErrAlreadyDecided) ||
		!strings.Contains(err.Error(), "was already merged by you") {
		t.Fatalf("second merge: %v", err)
	}
	if _, err := a.r.Reject(sid, name, "too late"); !errors.Is(err, review.ErrAlreadyDecided) {
		t.Fatalf("reject after merge: %v", err)
	}
	if headOf(t, a.s, msid) != head {
		t.Fatal("a second decision moved main")
	}
	if n := countMerges(t, a, sid); n != 1 {
		t.Fatalf("%d merge revisions, want 1", n)
	}

	t.Run("overlapping edits", func(t *testing.T) {
		doc, err := b.r.StartProposal(sid, "Rain on the boat", "")
		if err != nil {
			t.Fatal(err)
		}
		name := doc.Proposal.Name
		bob, err := b.r.SaveProposal(sid, name, edit(t, doc.Text, scene4Line, scene4Prop))
		if err != nil {
			t.Fatal(err)
		}
		annText := edit(t, doc.Text, scene4Line, scene4Main)
		ann, err := a.ed.Commit(sid, annText, "Waves crash")
		if err != nil {
			t.Fatal(err)
		}
		eventually(t, "Ann sees the proposal", func() bool {
			p, ok := proposalOf(t, a, sid, name)
			return ok && p.Head == bob.Head
		})
		pv, err := a.r.Preview(sid, name)
		if err != nil {
			t.Fatal(err)
		}
		if pv.Clean || len(pv.Conflicts) != 1 || !strings.Contains(pv.Conflicts[0].Main, scene4Main) ||
			!strings.Contains(pv.Conflicts[0].Proposal, scene4Prop) || pv.Conflicts[0].Scene != "INT. BOAT - NIGHT" {
			t.Fatalf("preview: clean %v, conflicts %+v", pv.Clean, pv.Conflicts)
		}
		if _, err := a.r.Merge(sid, name, nil); !errors.Is(err, ErrUnresolvedConflicts) ||
			!strings.Contains(err.Error(), "1 of 1 conflicts have no choice") {
			t.Fatalf("merge without choices: %v", err)
		}
		if headOf(t, a.s, msid) != string(ann.ID) {
			t.Fatal("a refused merge moved main")
		}
		got, err := a.r.Merge(sid, name, []ConflictChoice{{Index: 0, Take: TakeProposal}})
		if err != nil {
			t.Fatal(err)
		}
		text := textOf(t, a, sid, model.RevisionID(got.Merge))
		if !strings.Contains(text, scene4Prop) || strings.Contains(text, scene4Main) || !strings.Contains(text, scene1Edit) {
			t.Fatalf("resolved merge:\n%s", text)
		}
		// Both sides stay in history.
		if textOf(t, a, sid, ann.ID) != annText || textOf(t, a, sid, model.RevisionID(bob.Head)) != edit(t, doc.Text, scene4Line, scene4Prop) {
			t.Fatal("a side of the conflict is lost")
		}
		hist, _ := NewHistory(a.s.c).List(sid)
		if hist[0].ID != model.RevisionID(got.Merge) || hist[1].ID != ann.ID || string(hist[0].Parents[1]) != bob.Head {
			t.Fatalf("history after the resolved merge: %+v", hist[:2])
		}
		eventually(t, "Bob sees the second proposal merged", func() bool {
			p, ok := proposalOf(t, b, sid, name)
			return ok && p.Status == "merged"
		})
	})
}

// countMerges counts the revisions with two parents in w's library.
func countMerges(t *testing.T, w *writer, sid string) int {
	t.Helper()
	revs, err := w.s.c.store.Revisions(model.ScriptID(sid))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range revs {
		if len(r.Parents) == 2 {
			n++
		}
	}
	return n
}
