package workspace

import (
	"encoding/json"
	"sync"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/store"
)

// SentForget is how long an event published here is kept in memory after
// it left the outbox without coming back through the room's stream (the
// relay refused it, or the stream lags); it normally comes back in
// milliseconds.
const SentForget = 2 * time.Minute

// Rooms holds what this computer knows of each shared script's room, in one
// place with one rule for when it is stale:
//
//   - the received log: the room's events as the library holds them, with
//     revisions' texts left out (the library holds the texts; folding 50
//     revisions of a feature film costs over 100 ms with them, about 1 ms
//     without), and the names and branches noted from them;
//   - the overlay: events published here and not back from the relay yet
//     (in the outbox, or sent and acknowledged but not yet echoed);
//   - the rights: the fold of the received log's rights events, and
//     whether the relay said the writer's access was revoked.
//
// The rule: what is cached for a room was read at a cursor of the room
// (store.Cursor) and is used while the library's cursor is still that one.
// Events received (Received) move the cached cursor by as many as they
// add; when the library's cursor moved by another number (a gap, or a
// batch stored while an earlier one waited), the room is read again from
// the library on next use. The rights and the proposal revisions derive
// from the received log, so they go stale with it.
type Rooms struct {
	store *store.Store
	now   func() time.Time

	mu    sync.Mutex
	rooms map[model.ScriptID]*roomCache
}

// roomCache is one room's cached state. A log handed out is never changed
// (callers read it without the lock): growing it makes a copy.
type roomCache struct {
	log     *roomLog
	sent    []sentEvent
	revoked bool
}

// sentEvent is an event published here, kept until it comes back.
type sentEvent struct {
	ev *model.Event
	at time.Time
}

// roomLog is the received part of a room's log at a cursor.
type roomLog struct {
	cursor   uint64
	events   []*model.Event
	ids      map[model.EventID]bool
	names    map[model.UserID]string
	branchOf map[model.RevisionID]string
	chain    map[model.RevisionID]int
	stale    bool
	// Derived from events, computed on first use.
	acl       *model.RoomACL
	proposals map[model.RevisionID]bool
}

func newRooms(st *store.Store, now func() time.Time) *Rooms {
	return &Rooms{store: st, now: now, rooms: map[model.ScriptID]*roomCache{}}
}

// Rooms is the workspace's room state.
func (w *Workspace) Rooms() *Rooms { return w.rooms }

func (r *Rooms) cache(room model.ScriptID) *roomCache {
	c := r.rooms[room]
	if c == nil {
		c = &roomCache{}
		r.rooms[room] = c
	}
	return c
}

// Published keeps an event published here until it comes back through the
// room's stream (Received), or SentForget after it left the outbox.
func (r *Rooms) Published(ev *model.Event) {
	r.mu.Lock()
	c := r.cache(ev.Room)
	c.sent = append(c.sent, sentEvent{ev: ev, at: r.now()})
	r.mu.Unlock()
}

// Received tells the room's state of events just received and stored: they
// join the received log (see Rooms for when it is read again), published
// events among them are back, and rights events clear a revocation (the
// rights are folded again).
func (r *Rooms) Received(room model.ScriptID, evs []*model.Event) {
	cur, err := r.store.Cursor(room)
	back := make(map[model.EventID]bool, len(evs))
	rights := false
	for _, ev := range evs {
		back[ev.ID] = true
		rights = rights || model.IsACLKind(ev.Kind)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	c := r.cache(room)
	kept := c.sent[:0]
	for _, se := range c.sent {
		if !back[se.ev.ID] {
			kept = append(kept, se)
		}
	}
	c.sent = kept
	if rights {
		c.revoked = false
	}
	old := c.log
	if old == nil {
		return
	}
	l := old.clone()
	added := 0
	for _, ev := range evs {
		if !l.ids[ev.ID] {
			l.add(ev)
			added++
		}
	}
	// A stale log grows too (the sent events above are let go of), and is
	// read again on next use.
	if old.stale || err != nil || cur != l.cursor+uint64(added) {
		l.stale = true
	} else {
		l.cursor = cur
	}
	c.log = l
}

// Revoke records that the relay said the writer may no longer read room;
// rights events received later clear it.
func (r *Rooms) Revoke(room model.ScriptID) {
	r.mu.Lock()
	r.cache(room).revoked = true
	r.mu.Unlock()
}

// Revoked reports whether the relay said the writer may no longer read room.
func (r *Rooms) Revoked(room model.ScriptID) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	c := r.rooms[room]
	return c != nil && c.revoked
}

// log returns the room's received log, read again from the library when
// stale or when the library's cursor moved.
func (r *Rooms) log(room model.ScriptID) (*roomLog, error) {
	cur, err := r.store.Cursor(room)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	before := r.cache(room).log
	fresh := before != nil && !before.stale && before.cursor == cur
	r.mu.Unlock()
	if fresh {
		return before, nil
	}
	evs, err := r.store.Events(room)
	if err != nil {
		return nil, err
	}
	l := newRoomLog(cur)
	for _, ev := range evs {
		l.add(ev)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	c := r.cache(room)
	if now := c.log; now != before && now != nil {
		// Events arrived while the library was read (Received): keep
		// them, as their sent copies may already be let go of.
		for _, ev := range now.events {
			l.add(ev)
		}
	}
	c.log = l
	return l, nil
}

func newRoomLog(cursor uint64) *roomLog {
	return &roomLog{cursor: cursor, ids: map[model.EventID]bool{}, names: map[model.UserID]string{},
		branchOf: map[model.RevisionID]string{}, chain: map[model.RevisionID]int{}}
}

// add appends ev (unless held), without its revision's text.
func (l *roomLog) add(ev *model.Event) {
	if l.ids[ev.ID] {
		return
	}
	l.ids[ev.ID] = true
	l.events = append(l.events, noteEvent(ev, notes{l.names, l.branchOf, l.chain}))
}

// clone copies the log, to grow the copy; what derives from the events is
// computed again.
func (l *roomLog) clone() *roomLog {
	c := newRoomLog(l.cursor)
	c.events = append(make([]*model.Event, 0, len(l.events)+8), l.events...)
	for k, v := range l.ids {
		c.ids[k] = v
	}
	for k, v := range l.names {
		c.names[k] = v
	}
	for k, v := range l.branchOf {
		c.branchOf[k] = v
	}
	for k, v := range l.chain {
		c.chain[k] = v
	}
	return c
}

// NamedPayload is the display name a branch, status or comment payload
// carries ("authorName", a field their model types leave aside), so that
// others can name a commenter who never shared a revision.
type NamedPayload struct {
	AuthorName string `json:"authorName"`
}

// notes are what noteEvent records of a room's events: authors' names,
// and the branch each revision was shared on and how (Chain).
type notes struct {
	names    map[model.UserID]string
	branchOf map[model.RevisionID]string
	chain    map[model.RevisionID]int
}

// noteEvent records the author's name, a revision's branch and how its text
// was shared, and returns the event with a revision's text (or its delta's
// operations) left out.
func noteEvent(ev *model.Event, n notes) *model.Event {
	switch ev.Kind {
	case model.KindRevision:
		var p model.RevisionPayload
		if ev.DecodePayload(&p) != nil {
			return ev
		}
		n.names[p.Revision.Author] = p.Revision.AuthorName
		if _, ok := n.branchOf[p.Revision.ID]; !ok {
			n.branchOf[p.Revision.ID] = p.Branch
		}
		if _, ok := n.chain[p.Revision.ID]; !ok {
			n.chain[p.Revision.ID] = 0
			if p.Delta != nil {
				n.chain[p.Revision.ID] = p.Delta.Chain
			}
		}
		p.Revision.Text = ""
		if p.Delta != nil {
			bare := *p.Delta
			bare.Ops = nil
			p.Delta = &bare
		}
		raw, err := json.Marshal(p)
		if err != nil {
			return ev
		}
		lite := *ev
		lite.Payload = raw
		return &lite
	case model.KindBranch, model.KindStatus, model.KindComment, model.KindProduction:
		var p NamedPayload
		if ev.DecodePayload(&p) == nil && p.AuthorName != "" {
			n.names[ev.Author] = p.AuthorName
		}
	}
	return ev
}
