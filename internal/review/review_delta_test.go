package review

import (
	"errors"
	"testing"

	"github.com/scriptroom/scriptroom/internal/model"
)

// TestFoldDeltaRevisions: a revision shared as a delta of a revision the
// room holds is folded as any other; one whose base the room never saw is
// refused by name (nobody can rebuild its text), and so is a move to it.
func TestFoldDeltaRevisions(t *testing.T) {
	f := newFixture(t)
	base := f.revision(f.owner, model.MainBranch, "one\ntwo\n", "first")
	f.add(f.owner, model.KindBranch, model.BranchPayload{Name: model.MainBranch, Head: base})
	delta := func(parent model.RevisionID, text string) (model.RevisionID, *model.Event) {
		rev, err := model.NewRevision(f.alice, []model.RevisionID{parent}, text, "edit", f.clock)
		if err != nil {
			t.Fatal(err)
		}
		bare := *rev
		bare.Text = ""
		p := model.RevisionPayload{Branch: "pier-1a2b3c", Revision: bare, Version: model.RevisionDelta,
			Delta: &model.TextDelta{Base: parent, Chain: 1, Ops: []model.LineOp{{Keep: 1}, {Drop: 1}, {Add: "2\n"}}}}
		return rev.ID, f.add(f.alice, model.KindRevision, p)
	}
	good, _ := delta(base, "one\n2\n")
	f.add(f.alice, model.KindBranch, model.BranchPayload{Name: "pier-1a2b3c", Base: base, Head: good, Title: "Pier"})
	unseen, err := model.NewRevision(f.alice, []model.RevisionID{good}, "x\n", "", f.clock)
	if err != nil {
		t.Fatal(err)
	}
	orphan, orphanEv := delta(unseen.ID, "x\n2\n")
	move := f.add(f.alice, model.KindBranch, model.BranchPayload{Name: "pier-1a2b3c", Head: orphan})

	r := Fold(f.log)
	if p, ok := r.Proposal("pier-1a2b3c"); !ok || p.Head != good {
		t.Fatalf("proposal %+v (found %v)", p, ok)
	}
	if _, ok := r.Revision(orphan); ok {
		t.Fatal("the room holds a revision nobody can rebuild")
	}
	if err := r.Refused(orphanEv.ID); !errors.Is(err, model.ErrUnknownDeltaBase) {
		t.Fatalf("the delta of an unknown base: %v", err)
	}
	if err := r.Refused(move.ID); !errors.Is(err, ErrUnknownRevision) {
		t.Fatalf("the move to it: %v", err)
	}
}
