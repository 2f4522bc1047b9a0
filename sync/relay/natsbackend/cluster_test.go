package natsbackend

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/sync/protocol"
	"github.com/scriptroom/scriptroom/sync/relay/natsbackend/natstest"
)

// createRoom has owner create a room through c.
func createRoom(t testing.TB, c *testClient, vis model.Visibility) model.ScriptID {
	t.Helper()
	room := model.NewScriptID()
	mustStore(t, c, room, newEvent(t, c.id, room, model.KindRoom, model.RoomPayload{Title: "Big Night", Visibility: vis}))
	return room
}

func grant(t testing.TB, owner *testClient, room model.ScriptID, user model.UserID, role model.Role) *protocol.Ack {
	t.Helper()
	return mustStore(t, owner, room, newEvent(t, owner.id, room, model.KindRole, model.RolePayload{User: user, Role: role}))
}

// A writer on relay A, readers on relay B: the readers receive every event,
// in log order, at the sequence numbers the writer was acknowledged.
func TestClusterFanout(t *testing.T) {
	c := natstest.Start(t, 3)
	a, b := startRelay(t, c.Nodes[0].ClientURL(), 3), startRelay(t, c.Nodes[1].ClientURL(), 3)
	owner := dialRelay(t, a, newIdentity(t, "Owner"))
	room := createRoom(t, owner, model.Public)
	const nReaders, nEvents = 3, 40
	readers := make([]*testClient, nReaders)
	for i := range readers {
		readers[i] = dialRelay(t, b, newIdentity(t, fmt.Sprintf("Reader %d", i)))
		got, head, err := readers[i].join(room, 0)
		if err != nil {
			t.Fatal(err)
		}
		if head != 1 || len(got) != 1 {
			t.Fatalf("reader %d joined at head %d with %d entries, want 1 and 1", i, head, len(got))
		}
	}
	acked := map[uint64]model.EventID{1: ""}
	for i := 0; i < nEvents; i += 4 {
		var batch []*model.Event
		for k := range 4 {
			batch = append(batch, comment(t, owner.id, room, fmt.Sprintf("line %d", i+k)))
		}
		for k, r := range mustStore(t, owner, room, batch...).Results {
			if r.ID != batch[k].ID {
				t.Fatalf("ack result %d is for %s", k, r.ID.Short())
			}
			acked[r.Seq] = r.ID
		}
	}
	if len(acked) != nEvents+1 {
		t.Fatalf("%d distinct seqs acknowledged, want %d", len(acked), nEvents+1)
	}
	for i, rd := range readers {
		got, err := rd.collect(nil, nEvents)
		if err != nil {
			t.Fatalf("reader %d: %v after %d events", i, err, len(got))
		}
		for k, e := range got {
			if e.Seq != uint64(k+2) || acked[e.Seq] != e.Event.ID {
				t.Fatalf("reader %d: entry %d is %s at seq %d; the writer was acked %s there", i, k, e.Event.ID.Short(), e.Seq, acked[e.Seq].Short())
			}
		}
	}
	// Both relays hold the room's tail: A from its appends, B from the
	// entries the stream published to it; the next append on either
	// starts from it without reading the head (tails.go).
	for name, tr := range map[string]*testRelay{"A": a, "B": b} {
		want, err := tr.backend.tailOf(room)
		if err != nil {
			t.Fatal(err)
		}
		if tl, ok := tr.backend.tails.get(room); !ok || tl != want || tl.head != nEvents+1 {
			t.Fatalf("relay %s's tail of the room: %+v (kept %v), want %+v, head %d", name, tl, ok, want, nEvents+1)
		}
	}
	// A reader joining later on either relay gets the same log.
	late := dialRelay(t, a, newIdentity(t, "Late"))
	got, head, err := late.join(room, 10)
	if err != nil || head != nEvents+1 || len(got) != nEvents+1-10 || got[0].Seq != 11 {
		t.Fatalf("late join from 10: head %d, %d entries, err %v", head, len(got), err)
	}
	// Nothing is followed once nobody listens.
	for _, rd := range readers {
		rd.ws.Close()
	}
	c.WaitState("relay B to stop following the room", func() bool { return b.backend.hubCount() == 0 })
}

// Two relays append to one room at once while the owner, on a third
// relay, takes one writer's role away: the log has one order, no gaps, no
// duplicates; every stored event is allowed by the rights before it in
// that order; everything the writer published after the revocation's ack
// is refused.
func TestClusterConcurrentAppend(t *testing.T) {
	c := natstest.Start(t, 3)
	relays := []*testRelay{
		startRelay(t, c.Nodes[0].ClientURL(), 3),
		startRelay(t, c.Nodes[1].ClientURL(), 3),
		startRelay(t, c.Nodes[2].ClientURL(), 3),
	}
	owner := dialRelay(t, relays[2], newIdentity(t, "Owner"))
	room := createRoom(t, owner, model.Invite)
	w1 := dialRelay(t, relays[0], newIdentity(t, "Writer 1"))
	w2 := dialRelay(t, relays[1], newIdentity(t, "Writer 2"))
	grant(t, owner, room, w1.id.ID(), model.RoleCommenter)
	grant(t, owner, room, w2.id.ID(), model.RoleCommenter)

	const perWriter = 30
	var wg sync.WaitGroup
	revoked := make(chan struct{})
	w2Started := make(chan struct{})     // w2 has 5 events stored
	var afterRevoke []protocol.AckResult // w2's results for events sent after the revocation was acked
	var mu sync.Mutex
	stored := map[model.EventID]uint64{}
	write := func(w *testClient, name string) {
		defer wg.Done()
		for i := range perWriter {
			if w == w2 && i == perWriter/2 {
				<-revoked
			}
			sentAfter := false
			select {
			case <-revoked:
				sentAfter = true
			default:
			}
			e := comment(t, w.id, room, fmt.Sprintf("%s %d", name, i))
			ack, _, err := w.publish(room, e)
			if err != nil {
				t.Errorf("%s: %v", name, err)
				return
			}
			r := ack.Results[0]
			mu.Lock()
			if r.Error == nil {
				stored[r.ID] = r.Seq
			}
			if w == w1 && r.Error != nil {
				t.Errorf("w1's event %d refused: %s: %s", i, r.Error.Code, r.Error.Message)
			}
			if w == w2 && i == 4 {
				close(w2Started)
			}
			if w == w2 && sentAfter {
				afterRevoke = append(afterRevoke, r)
			}
			mu.Unlock()
		}
	}
	wg.Add(2)
	go write(w1, "w1")
	go write(w2, "w2")
	// The revocation races w1's appends and the end of w2's first half.
	<-w2Started
	grant(t, owner, room, w2.id.ID(), model.RoleNone)
	close(revoked)
	wg.Wait()
	if t.Failed() {
		return
	}

	// Idempotence across relays: w1's first event again, through relay B.
	reader := dialRelay(t, relays[1], owner.id)
	log, head, err := reader.join(room, 0)
	if err != nil {
		t.Fatal(err)
	}
	checkLog(t, "log", log)
	if uint64(len(log)) != head {
		t.Fatalf("joined at head %d with %d entries", head, len(log))
	}
	for id, seq := range stored {
		if log[seq-1].Event.ID != id {
			t.Fatalf("event %s acked at seq %d, the log has %s there", id.Short(), seq, log[seq-1].Event.ID.Short())
		}
	}
	var first *model.Event
	for _, e := range log {
		if e.Event.Author == w1.id.ID() {
			first = e.Event
			break
		}
	}
	again := dialRelay(t, relays[1], w1.id)
	if ack, _, err := again.publish(room, first); err != nil || !ack.Results[0].Duplicate || ack.Results[0].Seq != stored[first.ID] {
		t.Fatalf("republished through another relay: %+v, %v; want a duplicate at %d", ack, err, stored[first.ID])
	}

	// Rights in log order.
	acl := model.NewRoomACL(room)
	now := time.Now()
	for _, e := range log {
		if err := acl.Admit(e.Event, now); err != nil {
			t.Fatalf("seq %d (%s by %s) is not allowed by the log before it: %v", e.Seq, e.Event.Kind, e.Event.Author.Short(), err)
		}
		acl.Apply(e.Event)
	}
	if len(afterRevoke) < perWriter/2 {
		t.Fatalf("only %d of w2's events were sent after the revocation", len(afterRevoke))
	}
	for _, r := range afterRevoke {
		if r.Error == nil || r.Error.Code != protocol.CodeForbidden {
			t.Fatalf("w2 published after its revocation was acked: %+v", r)
		}
	}
	var n1, n2 int
	for _, e := range log {
		switch e.Event.Author {
		case w1.id.ID():
			n1++
		case w2.id.ID():
			n2++
		}
	}
	if n1 != perWriter {
		t.Fatalf("log holds %d of w1's events, want %d", n1, perWriter)
	}
	t.Logf("%d entries (%d by w2); %d append retries on relay A, %d on B", len(log), n2, relays[0].backend.retries.Load(), relays[1].backend.retries.Load())
}

// Publishes to and joins of rooms that do not exist leave nothing in the
// stream and nothing followed (TestRefusedRoomsLeaveNothing's rule).
func TestClusterRefusedRoomsLeaveNothing(t *testing.T) {
	c := natstest.Start(t, 3)
	a := startRelay(t, c.URLs(), 3)
	owner := dialRelay(t, a, newIdentity(t, "Owner"))
	room := createRoom(t, owner, model.Public)
	for i := range 100 {
		made := model.NewScriptID()
		ack, _, err := owner.publish(made, comment(t, owner.id, made, fmt.Sprint("hello ", i)))
		if err != nil {
			t.Fatal(err)
		}
		if r := ack.Results[0]; r.Error == nil || r.Error.Code != protocol.CodeNoRoom {
			t.Fatalf("publish to a made-up room: %+v", r)
		}
		if _, _, err := owner.join(model.NewScriptID(), 0); err == nil {
			t.Fatal("joined a made-up room")
		}
	}
	info, err := a.backend.stream.Info(t.Context(), jetstream.WithSubjectFilter(subjRooms+">"))
	if err != nil {
		t.Fatal(err)
	}
	for subj := range info.State.Subjects {
		if !strings.HasPrefix(subj, subjRooms+string(room)+".") {
			t.Errorf("the stream holds %s", subj)
		}
	}
	if n, err := a.backend.roomsCreated(owner.id.ID()); err != nil || n != 1 {
		t.Errorf("owner created %d rooms (%v), want 1", n, err)
	}
	a.backend.mu.Lock()
	hubs, locks := len(a.backend.hubs), len(a.backend.locks)
	a.backend.mu.Unlock()
	if hubs != 0 || locks != 0 {
		t.Errorf("the backend holds %d followed rooms and %d room locks, want none", hubs, locks)
	}
}

// A reader on relay B whose role the owner takes away through relay A is
// dropped from the room with forbidden, as on the owner's relay, and
// receives nothing more.
func TestClusterRevokedReaderStopsReceiving(t *testing.T) {
	c := natstest.Start(t, 3)
	a, b := startRelay(t, c.Nodes[0].ClientURL(), 3), startRelay(t, c.Nodes[1].ClientURL(), 3)
	owner := dialRelay(t, a, newIdentity(t, "Owner"))
	room := createRoom(t, owner, model.Invite)
	reader := dialRelay(t, b, newIdentity(t, "Reader"))
	grant(t, owner, room, reader.id.ID(), model.RoleReader)
	if _, _, err := reader.join(room, 0); err != nil {
		t.Fatal(err)
	}
	mustStore(t, owner, room, comment(t, owner.id, room, "before"))
	grant(t, owner, room, reader.id.ID(), model.RoleNone)
	mustStore(t, owner, room, comment(t, owner.id, room, "after"))
	var got []string
	for {
		m, err := reader.next()
		if err != nil {
			t.Fatal(err)
		}
		if ev, ok := m.(*protocol.Events); ok {
			for _, e := range ev.Events {
				got = append(got, e.Event.Kind)
				if e.Event.Kind == model.KindComment && strings.Contains(string(e.Event.Payload), "after") {
					t.Fatal("the revoked reader received an event stored after its revocation")
				}
			}
			continue
		}
		if e, ok := m.(*protocol.ErrorMsg); ok && e.Code == protocol.CodeForbidden {
			break
		}
		t.Fatalf("unexpected %T %+v", m, m)
	}
	c.WaitState("relay B to drop the reader from the room", func() bool { return b.backend.hubCount() == 0 })
	t.Logf("the reader received %v before it was dropped", got)
}
