package app

import (
	"encoding/json"

	"github.com/scriptroom/scriptroom/internal/model"
)

// roomLog is the received part of a room's log, kept between calls: its
// events with the revisions' texts left out (the library holds the texts;
// folding 50 revisions of a feature film costs over 100 ms with them, about
// 1 ms without), and what the views need from them. It grows as events
// arrive (Review.received) and is read again from the library when the
// room's cursor says it missed some.
type roomLog struct {
	cursor   uint64
	events   []*model.Event
	ids      map[model.EventID]bool
	names    map[model.UserID]string
	branchOf map[model.RevisionID]string
	stale    bool
}

// log returns the room's received log, reading it again when stale.
func (r *Review) log(sid model.ScriptID) (*roomLog, error) {
	cur, err := r.c.store.Cursor(sid)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	l := r.logs[sid]
	r.mu.Unlock()
	if l != nil && !l.stale && l.cursor == cur {
		return l, nil
	}
	evs, err := r.c.store.Events(sid)
	if err != nil {
		return nil, err
	}
	l = &roomLog{cursor: cur, ids: map[model.EventID]bool{}, names: map[model.UserID]string{}, branchOf: map[model.RevisionID]string{}}
	for _, ev := range evs {
		l.add(ev)
	}
	r.mu.Lock()
	r.logs[sid] = l
	r.mu.Unlock()
	return l, nil
}

// add appends ev (unless held), without its revision's text.
func (l *roomLog) add(ev *model.Event) {
	if l.ids[ev.ID] {
		return
	}
	l.ids[ev.ID] = true
	lite := noteEvent(ev, l.names, l.branchOf)
	l.events = append(l.events, lite)
}

// noteEvent records the author's name and a revision's branch, and returns
// the event with a revision's text left out.
func noteEvent(ev *model.Event, names map[model.UserID]string, branchOf map[model.RevisionID]string) *model.Event {
	switch ev.Kind {
	case model.KindRevision:
		var p model.RevisionPayload
		if ev.DecodePayload(&p) != nil {
			return ev
		}
		names[p.Revision.Author] = p.Revision.AuthorName
		if _, ok := branchOf[p.Revision.ID]; !ok {
			branchOf[p.Revision.ID] = p.Branch
		}
		p.Revision.Text = ""
		raw, err := json.Marshal(p)
		if err != nil {
			return ev
		}
		lite := *ev
		lite.Payload = raw
		return &lite
	case model.KindBranch, model.KindStatus, model.KindComment:
		var p namedPayload
		if ev.DecodePayload(&p) == nil && p.AuthorName != "" {
			names[ev.Author] = p.AuthorName
		}
	}
	return ev
}

// grow adds events just received to the room's log. When the cursor did
// not move by as many (a gap, or a batch stored while an earlier one waited
// in the queue), the log is read again on next use.
func (r *Review) grow(room model.ScriptID, evs []*model.Event) {
	cur, err := r.c.store.Cursor(room)
	r.mu.Lock()
	defer r.mu.Unlock()
	l := r.logs[room]
	if l == nil || l.stale {
		return
	}
	added := 0
	for _, ev := range evs {
		if !l.ids[ev.ID] {
			l.add(ev)
			added++
		}
	}
	if err != nil || cur != l.cursor+uint64(added) {
		l.stale = true
		return
	}
	l.cursor = cur
}
