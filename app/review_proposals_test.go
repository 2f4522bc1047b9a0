package app

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/review"
	"github.com/scriptroom/scriptroom/internal/workspace"
)

// propose has Bob start a proposal from main's head with one line changed,
// and waits until Ann sees its head.
func propose(t *testing.T, a, b *writer, sid, title string, edits ...string) ProposalInfo {
	t.Helper()
	doc, err := b.r.StartProposal(sid, title, "")
	if err != nil {
		t.Fatal(err)
	}
	text := doc.Text
	for i := 0; i+1 < len(edits); i += 2 {
		text = edit(t, text, edits[i], edits[i+1])
	}
	p, err := b.r.SaveProposal(sid, doc.Proposal.Name, text)
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, "Ann sees "+title, func() bool {
		got, ok := proposalOf(t, a, sid, p.Name)
		return ok && got.Head == p.Head
	})
	return p
}

func TestReviewWhoMayDecide(t *testing.T) {
	a, b, sid, _ := sharedPair(t, "proposer")
	p := propose(t, a, b, sid, "Pier", scene3Line, scene3Edit)

	// Refused, in words, changing nothing.
	for _, tc := range []struct {
		what  string
		do    func() error
		want  error
		words string
	}{
		// A proposer may not decide.
		{"proposer merges", func() error { _, err := b.r.Merge(sid, p.Name, nil); return err },
			ErrNotAllowed, "only the script's owner or an editor can merge proposals"},
		{"proposer rejects", func() error { _, err := b.r.Reject(sid, p.Name, ""); return err },
			ErrNotAllowed, "only the script's owner or an editor can reject proposals"},
		{"proposer accepts scenes", func() error { _, err := b.r.AcceptScenes(sid, p.Name, []int{3}); return err },
			ErrNotAllowed, "only the script's owner or an editor"},
		// Only its author changes or withdraws a proposal.
		{"owner withdraws", func() error { _, err := a.r.Withdraw(sid, p.Name); return err },
			ErrNotYourProposal, "only the proposal's author can change or withdraw it"},
		{"owner saves into it", func() error { _, err := a.r.SaveProposal(sid, p.Name, "FADE IN:\n"); return err },
			ErrNotYourProposal, "is Bob's"},
		// Names that do not exist.
		{"unknown proposal", func() error { _, err := a.r.Merge(sid, "nope", nil); return err },
			ErrNoProposal, "no such proposal"},
	} {
		if err := tc.do(); !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.words) {
			t.Errorf("%s: %v, want %v saying %q", tc.what, err, tc.want, tc.words)
		}
	}
	if got, _ := proposalOf(t, a, sid, p.Name); got.Status != "open" || got.Head != p.Head {
		t.Fatalf("after refusals: %+v", got)
	}

	// A proposal against a base the room never saw (Bob's own revision,
	// never shared) reaches Ann's library but not her list.
	me := b.s.c.identity()
	orphan, err := model.NewRevision(me, nil, "FADE IN:\n", "mine", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	bad, err := model.NewEvent(me, model.ScriptID(sid), model.KindBranch,
		model.BranchPayload{Name: "orphan", Base: orphan.ID, Head: model.RevisionID(p.Head)}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := b.s.publishEvent(bad); err != nil {
		t.Fatal(err)
	}
	eventually(t, "Ann holds the orphan branch event", func() bool {
		evs, _ := a.s.c.store.Events(model.ScriptID(sid))
		return evs[len(evs)-1].ID == bad.ID
	})
	if ps, err := a.r.Proposals(sid); err != nil || len(ps) != 1 || ps[0].Name != p.Name {
		t.Fatalf("Ann's proposals with an orphan branch = %+v, %v", ps, err)
	}

	// Bob withdraws; Ann sees it, and it cannot be decided any more.
	w, err := b.r.Withdraw(sid, p.Name)
	if err != nil || w.Status != "withdrawn" || w.DecidedBy != "Bob" {
		t.Fatalf("withdraw = %+v, %v", w, err)
	}
	eventually(t, "Ann sees the proposal withdrawn", func() bool {
		got, _ := proposalOf(t, a, sid, p.Name)
		return got.Status == "withdrawn" && !got.CanDecide
	})
	if _, err := a.r.Merge(sid, p.Name, nil); !errors.Is(err, review.ErrAlreadyDecided) ||
		!strings.Contains(err.Error(), "was already withdrawn by Bob") {
		t.Fatalf("merge after withdrawal: %v", err)
	}
	acts, err := a.r.Activity(sid)
	if err != nil || len(acts) < 2 || acts[0].Kind != "proposal-withdrawn" || acts[0].Text != "Bob withdrew “Pier”" ||
		acts[1].Kind != "proposal-opened" {
		t.Fatalf("activity = %+v, %v", acts, err)
	}
}

func TestReviewLostAccess(t *testing.T) {
	a, b, sid, _ := sharedPair(t, "proposer")
	ev, err := model.NewEvent(a.s.c.identity(), model.ScriptID(sid), model.KindRole,
		model.RolePayload{User: b.s.c.identity().ID(), Role: model.RoleNone}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := a.s.publishEvent(ev); err != nil {
		t.Fatal(err)
	}
	eventually(t, "Bob learns his access was revoked", func() bool {
		_, err := b.r.StartProposal(sid, "Too late", "")
		return errors.Is(err, ErrNoAccess)
	})
	_, err = b.r.AddComment(sid, CommentInput{StartLine: 12, EndLine: 12, Quote: scene2Quote, Body: "Hello?"})
	if !errors.Is(err, ErrNoAccess) || !strings.Contains(err.Error(), "you no longer have access to this script") {
		t.Fatalf("comment after revocation: %v", err)
	}
}

func TestReviewUpdate(t *testing.T) {
	a, b, sid, _ := sharedPair(t, "proposer")
	msid := model.ScriptID(sid)
	clean := propose(t, a, b, sid, "Pier", scene3Line, scene3Edit)
	overlap := propose(t, a, b, sid, "Boat", scene4Line, scene4Prop)
	street := propose(t, a, b, sid, "Street", scene2Quote, "Ann runs to the corner.")

	// Ann moves main: scene 1 (apart from both) and scene 4 (the second
	// proposal's line).
	mainText := edit(t, edit(t, pierScript, scene1Line, scene1Edit), scene4Line, scene4Main)
	ann, err := a.ed.Commit(sid, mainText, "Ann's pass")
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, "Bob has Ann's pass", func() bool { return headOf(t, b.s, msid) == string(ann.ID) })
	if p, _ := proposalOf(t, b, sid, clean.Name); !p.Outdated {
		t.Fatalf("proposal not outdated after main moved: %+v", p)
	}

	// The clean one is rebased: main's head becomes its base, its text
	// holds both edits, its head has both as parents.
	up, err := b.r.Update(sid, clean.Name)
	if err != nil {
		t.Fatal(err)
	}
	if up.Outdated || up.Base != string(ann.ID) || up.Status != "open" {
		t.Fatalf("updated = %+v", up)
	}
	want := edit(t, mainText, scene3Line, scene3Edit)
	if got := textOf(t, b, sid, model.RevisionID(up.Head)); got != want {
		t.Fatalf("rebased text:\n%s", got)
	}
	if r, _ := b.s.c.store.Revision(msid, model.RevisionID(up.Head)); len(r.Parents) != 2 || string(r.Parents[0]) != clean.Head || r.Parents[1] != ann.ID {
		t.Fatalf("rebased head's parents = %v", r.Parents)
	}
	eventually(t, "Ann sees the update", func() bool {
		p, _ := proposalOf(t, a, sid, clean.Name)
		return p.Head == up.Head && !p.Outdated
	})
	pv, err := a.r.Preview(sid, clean.Name)
	if err != nil || pv.WithMain != nil || !pv.Clean {
		t.Fatalf("preview of the updated proposal: withMain %v, clean %v, %v", pv.WithMain != nil, pv.Clean, err)
	}

	// Opening an outdated proposal of mine updates it when that is clean.
	doc, err := b.r.OpenProposal(sid, street.Name)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Proposal.Outdated || doc.Proposal.Base != string(ann.ID) || !strings.Contains(doc.Text, scene1Edit) ||
		!strings.Contains(doc.Text, "Ann runs to the corner.") {
		t.Fatalf("opened outdated proposal: %+v\n%s", doc.Proposal, doc.Text)
	}

	// The overlapping one cannot be: it is marked needs-update, and Ann
	// still merges it by choosing.
	if _, err := b.r.Update(sid, overlap.Name); !errors.Is(err, ErrNeedsManualUpdate) || !strings.Contains(err.Error(), "needs update") {
		t.Fatalf("update of the overlapping proposal: %v", err)
	}
	eventually(t, "Ann sees it needs an update", func() bool {
		p, _ := proposalOf(t, a, sid, overlap.Name)
		return p.Status == "needs-update" && p.Head == overlap.Head && p.CanDecide
	})
	if ns, _ := b.r.Inbox(); len(ns) != 0 {
		t.Errorf("Bob's own needs-update is in his inbox: %+v", ns)
	}
	m, err := a.r.Merge(sid, overlap.Name, []ConflictChoice{{Index: 0, Take: TakeEdit, Text: "Waves crash. Rain. They hold hands.\n"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := textOf(t, a, sid, model.RevisionID(m.Merge)); !strings.Contains(got, "Waves crash. Rain. They hold hands.\n") || strings.Contains(got, scene4Prop) {
		t.Fatalf("merged with an edit:\n%s", got)
	}
	eventually(t, "Bob's inbox says his proposal was merged", func() bool {
		ns, err := b.r.Inbox()
		return err == nil && len(ns) == 1 && ns[0].Kind == "proposal-merged" && ns[0].Unread && ns[0].Text == "Ann merged “Boat”"
	})
}

func TestReviewAcceptScenes(t *testing.T) {
	a, b, sid, _ := sharedPair(t, "proposer")
	p := propose(t, a, b, sid, "Two scenes", scene3Line, scene3Edit, scene4Line, scene4Prop)
	pv, err := a.r.Preview(sid, p.Name)
	if err != nil {
		t.Fatal(err)
	}
	if len(pv.ChangedScenes) != 2 || pv.ChangedScenes[0].Index != 3 || pv.ChangedScenes[1].Index != 4 ||
		pv.ChangedScenes[1].Heading != "INT. BOAT - NIGHT" {
		t.Fatalf("changed scenes = %+v", pv.ChangedScenes)
	}
	got, err := a.r.AcceptScenes(sid, p.Name, []int{3})
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != "open" {
		t.Fatalf("after accepting a scene the proposal is %q", got.Status)
	}
	head := headOf(t, a.s, model.ScriptID(sid))
	text := textOf(t, a, sid, model.RevisionID(head))
	if !strings.Contains(text, scene3Edit) || strings.Contains(text, scene4Prop) {
		t.Fatalf("main after accepting scene 3:\n%s", text)
	}
	hist, _ := NewHistory(a.s.c).List(sid)
	if hist[0].Message != "Accept scene 3 of “Two scenes” by Bob" || len(hist[0].Parents) != 2 {
		t.Fatalf("history head = %+v", hist[0])
	}
	// The rest merges cleanly later: scene 3 is the same on both sides.
	// Two clicks at once make one merge; the other is told who merged.
	results := make(chan error, 2)
	infos := make(chan ProposalInfo, 2)
	for i := 0; i < 2; i++ {
		go func() {
			in, err := a.r.Merge(sid, p.Name, nil)
			infos <- in
			results <- err
		}()
	}
	var m ProposalInfo
	failed := 0
	for i := 0; i < 2; i++ {
		in, err := <-infos, <-results
		switch {
		case err == nil:
			m = in
		case errors.Is(err, review.ErrAlreadyDecided):
			failed++
		default:
			t.Fatal(err)
		}
	}
	if failed != 1 || m.Merge == "" {
		t.Fatalf("two merges at once: %d refused, merge %q", failed, m.Merge)
	}
	if n := countMerges(t, a, sid); n != 2 {
		t.Fatalf("%d revisions with two parents, want 2 (the scene accepted, the merge)", n)
	}
	if text := textOf(t, a, sid, model.RevisionID(m.Merge)); !strings.Contains(text, scene3Edit) || !strings.Contains(text, scene4Prop) {
		t.Fatalf("final merge:\n%s", text)
	}
}

func TestReviewAutosaveCoalesces(t *testing.T) {
	a, b, sid, _ := sharedPair(t, "proposer")
	doc, err := b.r.StartProposal(sid, "Typing", "")
	if err != nil {
		t.Fatal(err)
	}
	name := doc.Proposal.Name
	heads := map[string]bool{doc.Proposal.Head: true}
	text := doc.Text
	// Saving the text it has publishes nothing.
	if p, err := b.r.SaveProposal(sid, name, text); err != nil || p.Head != doc.Proposal.Head {
		t.Fatalf("unchanged save = %+v, %v", p, err)
	}
	// Ten saves in quick succession publish the first at once and the
	// last when its second is up; those between are coalesced.
	for i := 0; i < 10; i++ {
		text += "More.\n"
		p, err := b.r.SaveProposal(sid, name, text)
		if err != nil {
			t.Fatal(err)
		}
		heads[p.Head] = true
	}
	if len(heads) != 2 {
		t.Fatalf("%d heads published during the burst, want 2 (the start and the first save)", len(heads))
	}
	if got, _ := b.r.OpenProposal(sid, name); got.Text != text {
		t.Fatal("OpenProposal does not show the typing waiting to be published")
	}
	eventually(t, "Ann sees the last save", func() bool {
		p, ok := proposalOf(t, a, sid, name)
		if !ok {
			return false
		}
		// The head may be known a moment before its revision is stored.
		rev, err := a.s.c.store.Revision(model.ScriptID(sid), model.RevisionID(p.Head))
		return err == nil && rev.Text == text
	})
	revs := 0
	for _, ev := range pendingAndHeld(t, a, sid) {
		if ev.Kind == model.KindRevision && workspace.OnBranch(ev) {
			revs++
		}
	}
	if revs != 3 {
		t.Fatalf("%d proposal revisions reached Ann, want 3 (start, first save, coalesced rest)", revs)
	}
}

func pendingAndHeld(t *testing.T, w *writer, sid string) []*model.Event {
	t.Helper()
	evs, err := w.s.c.store.Events(model.ScriptID(sid))
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

// Accepting changes one by one, as the review lists them: only the chosen
// change reaches main, crediting the proposer; a stale choice or a change
// that is not there is refused in words, and main does not move.
func TestReviewAcceptChanges(t *testing.T) {
	a, b, sid, _ := sharedPair(t, "proposer")
	p := propose(t, a, b, sid, "Two changes", scene3Line, scene3Edit, scene4Line, scene4Prop)
	pv, err := a.r.Preview(sid, p.Name)
	if err != nil {
		t.Fatal(err)
	}
	changes := pv.WithBase.Result.Changes
	if len(changes) != 2 {
		t.Fatalf("the review lists %d changes, want 2", len(changes))
	}
	before := headOf(t, a.s, model.ScriptID(sid))
	if _, err := a.r.AcceptChanges(sid, p.Name, "0123", []int{1}); !errors.Is(err, ErrProposalMoved) {
		t.Fatalf("accepting from a stale review: %v", err)
	}
	if _, err := a.r.AcceptChanges(sid, p.Name, pv.Proposal.Head, []int{2}); err == nil || !strings.Contains(err.Error(), "no change 3") {
		t.Fatalf("accepting a change that is not there: %v", err)
	}
	if headOf(t, a.s, model.ScriptID(sid)) != before {
		t.Fatal("a refused accept moved main")
	}
	got, err := a.r.AcceptChanges(sid, p.Name, pv.Proposal.Head, []int{1})
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != "open" {
		t.Fatalf("after accepting a change the proposal is %q", got.Status)
	}
	text := textOf(t, a, sid, model.RevisionID(headOf(t, a.s, model.ScriptID(sid))))
	if !strings.Contains(text, scene4Prop) || strings.Contains(text, scene3Edit) {
		t.Fatalf("main after accepting the second change:\n%s", text)
	}
	hist, _ := NewHistory(a.s.c).List(sid)
	if hist[0].Message != "Accept 1 change of “Two changes” by Bob" || len(hist[0].Parents) != 2 {
		t.Fatalf("history head = %+v", hist[0])
	}
	// The proposer cannot accept anything.
	if _, err := b.r.AcceptChanges(sid, p.Name, pv.Proposal.Head, []int{0}); err == nil {
		t.Fatal("a proposer accepted a change of their own proposal")
	}
}
