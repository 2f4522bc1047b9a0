package review

import (
	"testing"

	"github.com/scriptroom/scriptroom/internal/model"
)

// TestMergePublications: a merge publishes its revision, then the status
// naming it, then main's move; folded in that order the proposal is merged
// and main is at the merge. A partial accept publishes no status.
func TestMergePublications(t *testing.T) {
	o := newOpened(t)
	rev, err := model.NewRevision(o.ed1, []model.RevisionID{o.base, o.head}, o.propText, "merge river", o.clock)
	if err != nil {
		t.Fatal(err)
	}
	pubs := MergePublications(rev, &model.StatusPayload{Branch: "river", Status: model.StatusMerged})
	kinds := []string{}
	for _, p := range pubs {
		kinds = append(kinds, p.Kind)
		o.add(o.ed1, p.Kind, p.Payload)
	}
	if len(kinds) != 3 || kinds[0] != model.KindRevision || kinds[1] != model.KindStatus || kinds[2] != model.KindBranch {
		t.Fatalf("published %v, want revision, status, branch", kinds)
	}
	if s := pubs[1].Payload.(model.StatusPayload); s.Merge != rev.ID {
		t.Fatalf("status names merge %s, want %s", s.Merge.Short(), rev.ID.Short())
	}
	r := Fold(o.log)
	p, _ := r.Proposal("river")
	if p.Status != model.StatusMerged || p.Merge != rev.ID || r.MainHead != rev.ID || len(r.Ignored) != 0 {
		t.Fatalf("after the merge: status %s, merge %s, main %s, ignored %+v", p.Status, p.Merge.Short(), r.MainHead.Short(), r.Ignored)
	}

	part := MergePublications(rev, nil)
	if len(part) != 2 || part[0].Kind != model.KindRevision || part[1].Kind != model.KindBranch {
		t.Fatalf("partial accept publishes %+v", part)
	}
}
