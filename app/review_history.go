package app

import "github.com/scriptroom/scriptroom/internal/model"

// proposalRevisions are the revisions of a shared script made on proposals
// (shared on a branch other than main): received, or published here. Main's
// history leaves them out; a merge revision names the proposal's head as its
// second parent, and compare and store.Revision still find them.
func (c *Core) proposalRevisions(sid model.ScriptID) map[model.RevisionID]bool {
	out := map[model.RevisionID]bool{}
	evs, _ := c.store.Events(sid)
	pending, _ := c.store.Outbox(sid)
	for _, ev := range append(evs, pending...) {
		if ev.Kind != model.KindRevision {
			continue
		}
		var p struct {
			Branch   string `json:"branch"`
			Revision struct {
				ID model.RevisionID `json:"id"`
			} `json:"revision"`
		}
		if ev.DecodePayload(&p) == nil && p.Branch != model.MainBranch {
			out[p.Revision.ID] = true
		}
	}
	return out
}
