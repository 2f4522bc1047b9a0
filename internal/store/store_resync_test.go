package store

import (
	"errors"
	"testing"

	"github.com/scriptroom/scriptroom/internal/model"
)

// TestResetRoom plays a relay restored from a backup: it kept the first two
// of four events, then took a new one from someone else at seq 3.
func TestResetRoom(t *testing.T) {
	s := newTestStore(t, Options{})
	me, other := newIdentity(t), newIdentity(t)
	room, elsewhere := model.NewScriptID(), model.NewScriptID()
	if err := s.JoinRoom(room); err != nil {
		t.Fatal(err)
	}
	e1, e2, e3, e4 := newEvent(t, other, room, "1"), newEvent(t, me, room, "2"), newEvent(t, other, room, "3"), newEvent(t, me, room, "4")
	if _, err := s.ApplyEvents(room, at(1, e1, e2, e3, e4), 4); err != nil {
		t.Fatal(err)
	}
	// Waiting in the outbox: one event of this room, one of another.
	mine, theirs := newEvent(t, me, room, "typed offline"), newEvent(t, me, elsewhere, "x")
	for _, e := range []*model.Event{theirs, mine} {
		if err := s.Enqueue(e.Room, e); err != nil {
			t.Fatal(err)
		}
	}

	// The relay's seq 3 is a new event: the batch fails, nothing stored.
	fresh := newEvent(t, other, room, "new on the restored relay")
	if _, err := s.ApplyEvents(room, at(3, fresh), 3); !errors.Is(err, ErrSeqTaken) {
		t.Fatalf("apply over a rewritten log: %v, want ErrSeqTaken", err)
	}
	// An event the relay has at another seq is a disagreement too.
	if _, err := s.ApplyEvents(room, at(7, e4), 7); !errors.Is(err, ErrSeqTaken) {
		t.Fatalf("apply of a held event at another seq: %v, want ErrSeqTaken", err)
	}

	n, err := s.ResetRoom(room)
	if err != nil || n != 4 {
		t.Fatalf("ResetRoom = %d, %v; want 4 held", n, err)
	}
	// Nothing is lost: every event is still listed, in the old order.
	if evs, err := s.Events(room); err != nil || !sameIDs(ids(evs), ids([]*model.Event{e1, e2, e3, e4})) {
		t.Fatalf("events after reset = %v, %v", ids(evs), err)
	}
	if cur, _ := s.Cursor(room); cur != 0 {
		t.Fatalf("cursor after reset = %d, want 0", cur)
	}
	// The held events go to the relay first, then what was waiting; the
	// other room's event keeps its place.
	out, err := s.Outbox("")
	want := []model.EventID{theirs.ID, e1.ID, e2.ID, e3.ID, e4.ID, mine.ID}
	if err != nil || !sameIDs(ids(out), want) {
		t.Fatalf("outbox after reset = %v, %v\nwant %v", ids(out), err, want)
	}

	// The relay's whole log comes again: its own order, and the new event.
	res, err := s.ApplyEvents(room, at(1, e1, e2, fresh, e3), 4)
	if err != nil {
		t.Fatal(err)
	}
	if !sameIDs(ids(res.Added), []model.EventID{fresh.ID}) {
		t.Fatalf("added = %v, want only the new event (the others were held)", ids(res.Added))
	}
	if held, _ := s.Held(room); !sameIDs(ids(held), []model.EventID{e4.ID}) {
		t.Fatalf("held = %v, want e4 (the relay lost it)", ids(held))
	}
	// e4 comes back once republished, at the seq the relay gives it.
	if _, err := s.ApplyEvents(room, at(5, e4), 5); err != nil {
		t.Fatal(err)
	}
	entries, _ := s.Entries(room)
	var got []model.EventID
	for _, e := range entries {
		got = append(got, e.Event.ID)
	}
	if !sameIDs(got, []model.EventID{e1.ID, e2.ID, fresh.ID, e3.ID, e4.ID}) || entries[4].Seq != 5 {
		t.Fatalf("log = %v", got)
	}
	if held, _ := s.Held(room); len(held) != 0 {
		t.Fatalf("held = %v, want none", ids(held))
	}
	if cur, _ := s.Cursor(room); cur != 5 {
		t.Fatalf("cursor = %d, want 5", cur)
	}
	// Resetting a room again keeps working, and the file stays sound.
	if n, err := s.ResetRoom(room); err != nil || n != 5 {
		t.Fatalf("second reset = %d, %v", n, err)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
}
