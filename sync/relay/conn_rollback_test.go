package relay

import (
	"errors"
	"testing"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
)

// TestAppendFailureRollsBack fails the backend's transaction after it
// accepted a role grant and a comment: nothing is acknowledged or fanned
// out, the grant does not take effect, the log is as before, and the same
// publish succeeds once the backend works again.
func TestAppendFailureRollsBack(t *testing.T) {
	tr := newTestRelay(t, nil)
	ownerID, readerID, bobID := newIdentity(t, "Owner"), newIdentity(t, "Reader"), newIdentity(t, "Bob")
	owner := connect(t, tr, ownerID)
	room := createRoom(t, owner, model.Invite)
	grant(t, owner, room, readerID.ID(), model.RoleReader)
	reader := connect(t, tr, readerID)
	_, joined := reader.join(room, 0)
	head := joined.Head

	failed := errors.New("disk full")
	tr.backend.fault.Store(&failed)
	events := []*model.Event{
		newEvent(t, ownerID, room, model.KindRole, model.RolePayload{User: bobID.ID(), Role: model.RoleEditor}),
		comment(t, ownerID, room, "lost?"),
	}
	ack := owner.publish(room, events...)
	for _, r := range ack.Results {
		if r.Error == nil || r.Error.Code != protocol.CodeInternal || r.Seq != 0 {
			t.Fatalf("event %s during the failure: %+v (seq %d), want internal", r.ID.Short(), r.Error, r.Seq)
		}
	}
	// The grant did not take: bob may not join; the log did not grow.
	bob := connect(t, tr, bobID)
	bob.send(&protocol.Join{Ref: "j", Room: room})
	bob.expectError(protocol.CodeForbidden)
	if entries, err := tr.backend.Read(room, 0, 100); err != nil || uint64(len(entries)) != head {
		t.Fatalf("the log holds %d entries (%v), want %d", len(entries), err, head)
	}

	// Working again: the next event is the first the reader gets, right
	// after the head, and the failed publish goes through when sent again.
	tr.backend.fault.Store(nil)
	mustStore(t, owner.publish(room, comment(t, ownerID, room, "after")))
	got := reader.nextEvents()
	if len(got.Events) != 1 || got.Events[0].Seq != head+1 || got.Events[0].Event.Kind != model.KindComment {
		t.Fatalf("the reader got %+v, want only the comment at %d", got.Events, head+1)
	}
	ack = owner.publish(room, events...)
	mustStore(t, ack)
	if ack.Results[0].Seq != head+2 || ack.Results[1].Seq != head+3 {
		t.Fatalf("sent again: %+v", ack.Results)
	}
	if _, j := bob.join(room, 0); j.Role != model.RoleEditor {
		t.Fatalf("bob joined as %s, want editor", j.Role)
	}
}
