package app

import (
	"errors"
	"testing"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/review"
)

// Two editors on two machines merge the same proposal while both are
// offline. When they come back, the relay orders one decision first: every
// library ends with main on that merge, the proposal merged once, and the
// other merge kept in history only; the other editor is told who decided.
func TestTwoEditorsMergeAtOnce(t *testing.T) {
	a, b, sid, url := sharedPair(t, "proposer")
	msid := model.ScriptID(sid)
	c := newWriter(t, "Cy")
	link, err := a.s.Invite(sid, "editor", 24)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.s.Join(link); err != nil {
		t.Fatal(err)
	}
	doc, err := b.r.StartProposal(sid, "Fog", "")
	if err != nil {
		t.Fatal(err)
	}
	name := doc.Proposal.Name
	saved, err := b.r.SaveProposal(sid, name, edit(t, doc.Text, scene3Line, scene3Edit))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []*writer{a, c} {
		eventually(t, "the editors see the proposal", func() bool {
			p, ok := proposalOf(t, w, sid, name)
			return ok && p.Head == saved.Head && p.CanDecide
		})
	}

	// Both go offline and merge.
	for _, w := range []*writer{a, c} {
		if _, err := w.s.SetRelayURL(""); err != nil {
			t.Fatal(err)
		}
	}
	am, err := a.r.Merge(sid, name, nil)
	if err != nil {
		t.Fatal(err)
	}
	cm, err := c.r.Merge(sid, name, nil)
	if err != nil {
		t.Fatal(err)
	}
	if am.Merge == cm.Merge {
		t.Fatal("two merges by two editors have one id")
	}

	// Ann comes back first, so her decision is first in the log.
	if _, err := a.s.SetRelayURL(url); err != nil {
		t.Fatal(err)
	}
	eventually(t, "Ann's merge is on the relay", func() bool { st := a.s.status(); return st.State == "online" && st.Pending == 0 })
	if _, err := c.s.SetRelayURL(url); err != nil {
		t.Fatal(err)
	}
	eventually(t, "Cy's events are on the relay", func() bool { st := c.s.status(); return st.State == "online" && st.Pending == 0 })
	for _, w := range []*writer{a, b, c} {
		eventually(t, "every library has main on Ann's merge", func() bool {
			p, ok := proposalOf(t, w, sid, name)
			return ok && p.Status == "merged" && p.Merge == am.Merge && headOf(t, w.s, msid) == am.Merge
		})
	}
	// Cy's merge is kept, not lost, and not main.
	if _, err := c.s.c.store.Revision(msid, model.RevisionID(cm.Merge)); err != nil {
		t.Fatalf("Cy's merge is not in his history: %v", err)
	}
	if _, err := c.r.Merge(sid, name, nil); !errors.Is(err, review.ErrAlreadyDecided) {
		t.Fatalf("merging again: %v", err)
	}
	if got := headOf(t, c.s, msid); got != am.Merge {
		t.Fatalf("Cy's main = %s, want Ann's merge %s", got, am.Merge)
	}
}
