package app

import "github.com/scriptroom/scriptroom/internal/model"

// revisionSet is the proposal revisions of a room's received log when its
// cursor was at cursor.
type revisionSet struct {
	cursor uint64
	ids    map[model.RevisionID]bool
}

// proposalRevisions are the revisions of a shared script made on proposals
// (shared on a branch other than main): received, or published here. Main's
// history leaves them out; a merge revision names the proposal's head as its
// second parent, and compare and store.Revision still find them. The
// received part is read again only when the room's cursor moved.
func (c *Core) proposalRevisions(sid model.ScriptID) map[model.RevisionID]bool {
	cur, err := c.store.Cursor(sid)
	c.mu.Lock()
	set, ok := c.proposalRevs[sid]
	c.mu.Unlock()
	if err != nil || !ok || set.cursor != cur {
		evs, _ := c.store.Events(sid)
		set = revisionSet{cursor: cur, ids: map[model.RevisionID]bool{}}
		addProposalRevisions(set.ids, evs)
		c.mu.Lock()
		if c.proposalRevs == nil {
			c.proposalRevs = map[model.ScriptID]revisionSet{}
		}
		c.proposalRevs[sid] = set
		c.mu.Unlock()
	}
	out := make(map[model.RevisionID]bool, len(set.ids))
	for id := range set.ids {
		out[id] = true
	}
	pending, _ := c.store.Outbox(sid)
	addProposalRevisions(out, pending)
	return out
}

func addProposalRevisions(ids map[model.RevisionID]bool, evs []*model.Event) {
	for _, ev := range evs {
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
			ids[p.Revision.ID] = true
		}
	}
}
