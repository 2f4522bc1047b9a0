package relay

import (
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// TestCanonicalIDs checks over a real WebSocket that the relay takes user
// and room ids in one spelling only: a capitalised spelling of the owner's
// key is not welcomed as a second user, and joins and publishes naming a
// room or author in capitals are refused with bad_message and store nothing.
func TestCanonicalIDs(t *testing.T) {
	tr := newTestRelay(t, nil)
	ownerID := newIdentity(t, "Owner")
	owner := connect(t, tr, ownerID)
	room := createRoom(t, owner, model.Public)
	upperRoom := model.ScriptID(strings.ToUpper(string(room)))
	upperOwner := model.UserID(strings.ToUpper(string(ownerID.ID())))

	// Hello: the owner's own key, spelled in capitals and correctly signed
	// for that spelling, is refused; the connection may then say hello
	// properly.
	c, _, err := dial(t, tr, ownerID, nil)
	if err != nil {
		t.Fatal(err)
	}
	c.send(&protocol.Hello{Version: protocol.Version, User: upperOwner})
	c.expectError(protocol.CodeBadMessage)
	c.send(&protocol.Hello{Version: protocol.Version, User: ownerID.ID()})
	ch := expect[*protocol.Challenge](c)
	c.send(&protocol.Auth{Sig: ownerID.Sign(protocol.AuthMessage(ch, ownerID.ID()))})
	if w := expect[*protocol.Welcome](c); w.User != ownerID.ID() {
		t.Fatalf("welcomed as %s", w.User)
	}

	// Join and publish.
	upperAuthor := comment(t, ownerID, room, "mine, in capitals")
	upperAuthor.Author = upperOwner
	upperEventRoom := comment(t, ownerID, room, "room in capitals")
	upperEventRoom.Room = upperRoom
	cases := []struct {
		name string
		msg  protocol.Message
	}{
		{"join, room in capitals", &protocol.Join{Room: upperRoom}},
		{"publish, room in capitals", &protocol.Publish{Room: upperRoom, Events: []*model.Event{comment(t, ownerID, room, "x")}}},
		{"publish, author in capitals", &protocol.Publish{Room: room, Events: []*model.Event{upperAuthor}}},
		{"publish, event room in capitals", &protocol.Publish{Room: room, Events: []*model.Event{upperEventRoom}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			owner.t = t
			before := rejected(tr, string(protocol.CodeBadMessage))
			owner.send(tc.msg)
			owner.expectError(protocol.CodeBadMessage)
			if rejected(tr, string(protocol.CodeBadMessage)) != before+1 {
				t.Errorf("rejected{bad_message} not counted")
			}
		})
	}
	owner.t = t

	// Nothing was stored, and the rooms map holds the one real room.
	entries, joined := owner.join(room, 0)
	if len(entries) != 1 || joined.Head != 1 || joined.Role != model.RoleOwner {
		t.Fatalf("after refused spellings: %d entries, %+v", len(entries), joined)
	}
	if n, err := tr.backend.Rooms(); err != nil || n != 1 {
		t.Fatalf("backend has %d rooms (%v), want 1", n, err)
	}
}
