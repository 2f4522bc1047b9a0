package client

import (
	"errors"
	"sync"
	"testing"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// TestRoomErrors: refusals in a room reach OnError as a *RoomError naming
// the room, what was being done and the wire code, so that callers decide
// from those and never from the message.
func TestRoomErrors(t *testing.T) {
	tr := newTestRelay(t)
	alice, bob := newIdentity(t, "Alice"), newIdentity(t, "Bob")
	room := model.NewScriptID()
	a := start(t, fastConfig(tr.url, alice, newTestStore(t)))
	if err := a.Publish(roomEvent(t, alice, room, model.Private)); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the room is on the relay", func() bool { return len(tr.log(t, room)) == 1 })

	var mu sync.Mutex
	var got []*RoomError
	cfg := fastConfig(tr.url, bob, newTestStore(t))
	cfg.OnError = func(err error) {
		var re *RoomError
		if !errors.As(err, &re) {
			return
		}
		if !errors.Is(err, protocol.ErrorOf(re.Code)) {
			t.Errorf("%v does not unwrap to its code's sentinel %q", err, re.Code)
		}
		mu.Lock()
		got = append(got, re)
		mu.Unlock()
	}
	b := start(t, cfg)
	if err := b.Join(room); err != nil {
		t.Fatal(err)
	}
	note := comment(t, bob, room, "let me in")
	if err := b.Publish(note); err != nil {
		t.Fatal(err)
	}
	has := func(op string) *RoomError {
		mu.Lock()
		defer mu.Unlock()
		for _, re := range got {
			if re.Op == op {
				return re
			}
		}
		return nil
	}
	eventually(t, "bob's join and publish are refused", func() bool { return has(OpJoin) != nil && has(OpPublish) != nil })
	for _, re := range []*RoomError{has(OpJoin), has(OpPublish)} {
		if re.Room != room || re.Code != protocol.CodeForbidden {
			t.Errorf("%s refusal: room %s code %q, want %s %q", re.Op, re.Room, re.Code, room, protocol.CodeForbidden)
		}
	}
	if ev := has(OpPublish).Event; ev != "" && ev != note.ID {
		t.Errorf("publish refusal names event %s, want %s", ev, note.ID)
	}
}
