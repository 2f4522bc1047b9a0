package app

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/review"
)

// roomState is a script's review as this computer knows it: the fold of
// the room's events received, then of those published here and not back
// yet, with what the views need around it.
type roomState struct {
	sid  model.ScriptID
	sc   model.Script
	room *review.Room
	me   *model.Identity
	role model.Role
	// names maps authors to the display name of their newest revision.
	names map[model.UserID]string
	// branchOf maps each revision to the branch it was shared on.
	branchOf map[model.RevisionID]string
	// chain maps each revision whose text the room's log holds to how:
	// 0 whole, n as the nth delta after a whole text.
	chain map[model.RevisionID]int
	// received counts the events received from the relay: the fold's
	// position of the last one, what "seen" is measured in.
	received uint64
	// pending are the events published here that are not back yet, in
	// publish order.
	pending []*model.Event
}

// state folds the review of a script. The script must be shared (its room
// joined or being joined); otherwise the error says to share it first.
func (r *Review) state(sid model.ScriptID) (*roomState, error) {
	sc, err := r.c.store.Script(sid)
	if err != nil {
		return nil, err
	}
	if !r.s.isShared(sid) {
		return nil, ErrNotShared
	}
	v, err := r.c.ws.Rooms().View(sid)
	if err != nil {
		return nil, err
	}
	st := &roomState{
		sid: sid, sc: sc, room: review.NewRoom(sid), me: r.c.identity(),
		names: v.Names, branchOf: v.BranchOf, chain: v.Chain, received: uint64(v.Received), pending: v.Pending,
	}
	for _, ev := range v.Events {
		_ = st.room.Apply(ev) // refused events are listed in room.Ignored
	}
	st.names[st.me.ID()] = st.me.Name
	st.role = st.room.ACL.RoleOf(st.me.ID())
	if v.Revoked {
		st.role = model.RoleNone
	}
	return st, nil
}

// name is a user's display name, or a short id when no revision of theirs
// was seen.
func (st *roomState) name(u model.UserID) string {
	if n := st.names[u]; n != "" {
		return n
	}
	return u.Short()
}

// mainHead is main's head: the script's head when the room knows it (a
// commit made here and not yet back), else the room's.
func (st *roomState) mainHead() model.RevisionID {
	if st.sc.Head != "" {
		if _, ok := st.room.Revision(st.sc.Head); ok {
			return st.sc.Head
		}
	}
	return st.room.MainHead
}

// need checks that the writer may act in the room with at least role:
// doing is what they were doing ("Could not merge the proposal"), what the
// action in words for the refusal ("merge proposals").
func (st *roomState) need(role model.Role, doing, what string) error {
	if !st.room.ACL.Exists() {
		return &userError{msg: doing + ": " + ErrRoomNotHere.Error(), err: ErrRoomNotHere}
	}
	if st.role == model.RoleNone {
		return &userError{msg: doing + ": " + ErrNoAccess.Error(), err: ErrNoAccess}
	}
	if !st.role.Allows(role) {
		who := "the script's owner or an editor"
		switch role {
		case model.RoleProposer:
			who = "the script's owner, an editor or a proposer"
		case model.RoleCommenter:
			who = "a collaborator who may comment"
		}
		return &userError{
			msg: fmt.Sprintf("%s: only %s can %s (you are a %s)", doing, who, what, st.role),
			err: ErrNotAllowed,
		}
	}
	return nil
}

// text returns a revision with its text: from the library, else from the
// room's events (the fold leaves texts out).
func (r *Review) text(st *roomState, id model.RevisionID) (*model.Revision, error) {
	if rev, err := r.c.store.Revision(st.sid, id); err == nil {
		return rev, nil
	}
	// Received a moment ago and not stored yet (Sync.apply stores it next),
	// or published here: the text is in its event, whole or as a delta of
	// an earlier revision's (at most model.MaxDeltaChain deep).
	evs, _ := r.c.store.Events(st.sid)
	return r.textIn(st, id, append(evs, st.pending...), 0)
}

// textIn finds revision id's text in the library or in evs, depth deltas
// down a chain.
func (r *Review) textIn(st *roomState, id model.RevisionID, evs []*model.Event, depth int) (*model.Revision, error) {
	if depth > 0 {
		if rev, err := r.c.store.Revision(st.sid, id); err == nil {
			return rev, nil
		}
	}
	var refused error
	for _, ev := range evs {
		if ev.Kind != model.KindRevision {
			continue
		}
		var p model.RevisionPayload
		if ev.DecodePayload(&p) != nil || p.Revision.ID != id {
			continue
		}
		if p.Delta != nil && depth >= model.MaxDeltaChain {
			refused = fmt.Errorf("revision %s: %w: a chain of more than %d deltas", id.Short(), model.ErrUnknownDeltaBase, model.MaxDeltaChain)
			continue
		}
		rev, err := p.Whole(func(base model.RevisionID) (string, error) {
			b, err := r.textIn(st, base, evs, depth+1)
			if err != nil {
				return "", err
			}
			return b.Text, nil
		})
		if err == nil {
			err = rev.Verify()
		}
		if err == nil {
			return rev, nil
		}
		refused = err
	}
	if refused != nil {
		return nil, refused
	}
	if depth > 0 {
		return nil, fmt.Errorf("%w: %s", model.ErrUnknownDeltaBase, id.Short())
	}
	return nil, fmt.Errorf("revision %s: %w", id.Short(), review.ErrUnknownRevision)
}

// newEvent signs an event of the writer's in the script's room. Branch,
// status and comment payloads also carry the writer's display name
// ("authorName", a field their model types leave aside), so that others
// can name a commenter who never shared a revision.
func (st *roomState) newEvent(kind string, payload any, at time.Time) (*model.Event, error) {
	if kind == model.KindRevision {
		return model.NewEvent(st.me, st.sid, kind, payload, at)
	}
	raw, err := json.Marshal(payload)
	if err != nil {
		return nil, fmt.Errorf("encode %s payload: %w", kind, err)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return nil, fmt.Errorf("encode %s payload: %w", kind, err)
	}
	if fields["authorName"], err = json.Marshal(st.me.Name); err != nil {
		return nil, err
	}
	if raw, err = json.Marshal(fields); err != nil {
		return nil, err
	}
	return model.NewEvent(st.me, st.sid, kind, json.RawMessage(raw), at)
}

// check applies events to the state's room in order, failing on the first
// the room would refuse: the app checks what it publishes.
func (st *roomState) check(evs ...*model.Event) error {
	for _, ev := range evs {
		if err := st.room.Apply(ev); err != nil {
			return err
		}
	}
	return nil
}

// publish sends events through Sync (the outbox, then the relay when
// online) and keeps them until they come back, then tells the window.
func (r *Review) publish(sid model.ScriptID, evs ...*model.Event) error {
	for _, ev := range evs {
		if err := r.s.publishEvent(ev); err != nil {
			return err
		}
	}
	r.s.emitStatus()
	r.c.emit(EventReviewChanged, ReviewChanged{ScriptID: string(sid)})
	return nil
}

// newID is a random id for a comment or a branch: 2n hex digits.
func newID(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
