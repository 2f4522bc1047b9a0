package workspace

import (
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
)

// RoomView is a room as this computer knows it at one moment: the received
// log, then the events published here and not back from the relay yet.
type RoomView struct {
	// Events are the received events, then the pending ones, in order,
	// with revisions' texts left out: what a fold of the room takes. The
	// received part is shared: never change an event.
	Events []*model.Event
	// Received is how many of Events were received from the relay: the
	// fold's position of the last one, what "seen" is measured in.
	Received int
	// Pending are the events published here and not back yet, in publish
	// order, whole (a revision's text is in its event).
	Pending []*model.Event
	// Names maps authors to the display name of their newest revision or
	// named event; BranchOf maps each revision to the branch it was shared
	// on. Both are the caller's copies.
	Names    map[model.UserID]string
	BranchOf map[model.RevisionID]string
	// Chain maps each revision of the log to how its text was shared: 0
	// whole, n as the nth delta after a whole text (model.TextDelta). A
	// revision missing from it has no text in the room's log. The
	// caller's copy.
	Chain map[model.RevisionID]int
	// Revoked is true when the relay said the writer may no longer read
	// the room.
	Revoked bool
}

// View returns the room's state now. The outbox is read first, then the
// newest log and the events sent here are taken under one lock: an event
// on its way is in the outbox, or sent and not back yet, or back in the
// log; never in none of them.
func (r *Rooms) View(room model.ScriptID) (*RoomView, error) {
	if _, err := r.log(room); err != nil {
		return nil, err
	}
	out, err := r.store.Outbox(room)
	if err != nil {
		return nil, err
	}
	inOutbox := make(map[model.EventID]bool, len(out))
	for _, ev := range out {
		inOutbox[ev.ID] = true
	}
	now := r.now()
	v := &RoomView{}
	r.mu.Lock()
	c := r.cache(room)
	l := c.log // the newest, with every event received since it was read
	evs := l.events[:len(l.events):len(l.events)]
	v.Names = make(map[model.UserID]string, len(l.names)+1)
	for u, n := range l.names {
		v.Names[u] = n
	}
	v.BranchOf = make(map[model.RevisionID]string, len(l.branchOf))
	for id, b := range l.branchOf {
		v.BranchOf[id] = b
	}
	v.Chain = make(map[model.RevisionID]int, len(l.chain))
	for id, n := range l.chain {
		v.Chain[id] = n
	}
	kept := c.sent[:0]
	for _, se := range c.sent {
		if l.ids[se.ev.ID] || !inOutbox[se.ev.ID] && now.Sub(se.at) > SentForget {
			continue
		}
		kept = append(kept, se)
		if !inOutbox[se.ev.ID] {
			v.Pending = append(v.Pending, se.ev)
		}
	}
	c.sent = kept
	v.Revoked = c.revoked
	held := l.ids
	r.mu.Unlock()
	for _, ev := range out {
		if !held[ev.ID] {
			v.Pending = append(v.Pending, ev)
		}
	}
	v.Received = len(evs)
	v.Events = append(evs, make([]*model.Event, 0, len(v.Pending))...)
	for _, ev := range v.Pending {
		v.Events = append(v.Events, noteEvent(ev, notes{v.Names, v.BranchOf, v.Chain}))
	}
	return v, nil
}

// ACL is the fold of the room's received rights events: who holds which
// role. Events published here and not back yet do not count. The ACL is
// shared until the room's log changes: only read it.
func (r *Rooms) ACL(room model.ScriptID) (*model.RoomACL, error) {
	l, err := r.log(room)
	if err != nil {
		return model.NewRoomACL(room), err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if l.acl == nil {
		a := model.NewRoomACL(room)
		for _, ev := range l.events {
			if model.IsACLKind(ev.Kind) && a.Authorize(ev, time.UnixMilli(ev.Time)) == nil {
				a.Apply(ev)
			}
		}
		l.acl = a
	}
	return l.acl, nil
}

// ProposalRevisions are the revisions of a room shared on a branch other
// than main (proposals'): received, or waiting in the outbox. The map is
// the caller's.
func (r *Rooms) ProposalRevisions(room model.ScriptID) (map[model.RevisionID]bool, error) {
	l, err := r.log(room)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	if l.proposals == nil {
		l.proposals = map[model.RevisionID]bool{}
		addProposalRevisions(l.proposals, l.events)
	}
	out := make(map[model.RevisionID]bool, len(l.proposals))
	for id := range l.proposals {
		out[id] = true
	}
	r.mu.Unlock()
	pending, err := r.store.Outbox(room)
	if err != nil {
		return nil, err
	}
	addProposalRevisions(out, pending)
	return out, nil
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
