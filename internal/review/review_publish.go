package review

import "github.com/scriptroom/scriptroom/internal/model"

// Publication is one event to publish: its kind and payload. The caller
// signs it (model.NewEvent) in the script's room.
type Publication struct {
	Kind    string
	Payload any
}

// MergePublications is what recording merge, a revision of main with two
// parents (main's head and a proposal's head), publishes, in the order
// every client's fold relies on: the merge revision on main, then the
// status when the merge decides the proposal (status.Merge is set to the
// merge), and only then main's move to the merge. Of two editors deciding
// at once, the relay orders one status first; every fold takes it and
// refuses the other's status and its move of main (Room.Refused), so
// nothing is merged twice. status is nil when only part of the proposal is
// accepted and it stays open.
func MergePublications(merge *model.Revision, status *model.StatusPayload) []Publication {
	out := []Publication{{model.KindRevision, model.RevisionPayload{Branch: model.MainBranch, Revision: *merge}}}
	if status != nil {
		s := *status
		s.Merge = merge.ID
		out = append(out, Publication{model.KindStatus, s})
	}
	return append(out, Publication{model.KindBranch, model.BranchPayload{Name: model.MainBranch, Head: merge.ID}})
}
